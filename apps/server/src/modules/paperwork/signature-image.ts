import { ValidationError } from '../../platform/errors.ts';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** What the signature column accepts (the data URL's schema bounds it a little above). */
const MAX_SIGNATURE_BYTES = 190_000;
/** A signature pad on the widest screen, at a device pixel ratio of 3; larger is not a signature. */
const MAX_SIDE_PIXELS = 4000;
const MAX_PIXELS = 4000 * 1500;

/**
 * The PNG bytes of a drawn signature sent as a data URL (its form is checked by the
 * request schema). Refuses (400, naming `field`) what is not a PNG or is too large to be a
 * signature, before anything decodes its pixels.
 */
export function signaturePngOf(dataUrl: string, field: string): Buffer {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const png = Buffer.from(base64, 'base64');
  const refuse = (message: string) => new ValidationError(message, { field, code: 'invalid_signature' });
  if (png.length > MAX_SIGNATURE_BYTES) throw refuse('The signature image is too large; clear it and sign again.');
  // Signature, then the IHDR chunk: length 13, type, width and height (big-endian).
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw refuse('The signature is not a PNG image.');
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width === 0 || height === 0 || width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS || width * height > MAX_PIXELS) {
    throw refuse(`The signature image is ${width}×${height} pixels; draw it on the signature pad.`);
  }
  return png;
}
