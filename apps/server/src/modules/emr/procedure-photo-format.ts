/**
 * HEIF files (ISO base media files whose `ftyp` box names a HEIF brand) by the codec their
 * brands declare: `hevc` for HEIC, the iPhone camera's format, and `av1` for AVIF. Read from
 * the first box only, so a file is recognised even when it is too short or too damaged to
 * decode.
 */
export type HeifCodec = 'hevc' | 'av1';

/** Brands of HEVC-coded HEIF images and image sequences (ISO/IEC 23008-12 annex B). */
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
/** Brands of AV1-coded HEIF (AVIF images and sequences). */
const AV1_BRANDS = new Set(['avif', 'avis']);
/** Brands that say only "a HEIF file" and leave the codec to the other brands. */
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'mif2', 'msf1', 'miaf']);

/**
 * The codec a HEIF file's `ftyp` box declares; undefined when the bytes do not start with a
 * HEIF `ftyp` box (a JPEG, a PNG, an MP4 video, anything else) or declare no codec we know.
 * The major brand decides; for a generic one (`mif1`…), a compatible brand does, AV1 first
 * (an AVIF file often lists HEIF brands beside its own).
 */
export function heifCodecOf(bytes: Uint8Array): HeifCodec | undefined {
  if (bytes.length < 16) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.toString('latin1', 4, 8) !== 'ftyp') return undefined;
  const boxSize = view.readUInt32BE(0);
  // A size of 0 or 1 (to the end of the file, or a 64-bit size) is not how an image's ftyp is written.
  if (boxSize < 16 || boxSize > view.length || boxSize > 4096) return undefined;
  const brand = (at: number) => view.toString('latin1', at, at + 4);
  const major = brand(8);
  if (HEVC_BRANDS.has(major)) return 'hevc';
  if (AV1_BRANDS.has(major)) return 'av1';
  if (!GENERIC_HEIF_BRANDS.has(major)) return undefined;
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= boxSize; at += 4) compatible.push(brand(at));
  if (compatible.some((candidate) => AV1_BRANDS.has(candidate))) return 'av1';
  if (compatible.some((candidate) => HEVC_BRANDS.has(candidate))) return 'hevc';
  return undefined;
}
