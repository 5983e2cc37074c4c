import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ValidationError } from '../../platform/errors.ts';

/** Formats a phone or camera gives (HEIC only where the platform's libvips decodes it); anything else is refused. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'tiff']);
/** A decoded image larger than this (100 megapixels) is refused: a small file must not expand to gigabytes of pixels. */
const MAX_INPUT_PIXELS = 100_000_000;
/** The stored photo's longer side at most, in pixels (a phone's 12 MP photo is 4032 wide). */
const MAX_IMAGE_SIDE = 4096;
const THUMBNAIL_SIDE = 480;

export interface PreparedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

export interface PreparedPhoto {
  image: PreparedImage & { sha256: string };
  thumbnail: PreparedImage;
}

function notAnImage(): ValidationError {
  return new ValidationError('The file is not a photo Glowdesk can read. Upload a JPEG, PNG, WebP, HEIC or TIFF image.', {
    field: 'file',
    code: 'not_an_image',
  });
}

/**
 * Decodes the upload (its bytes decide, not its name or declared type) and re-encodes it as
 * a JPEG with the camera's orientation applied and no metadata at all: EXIF (GPS position,
 * camera, time), XMP, IPTC and comments are dropped, so a photo never tells where it was
 * taken. Also makes the thumbnail. A 400 `not_an_image` when the bytes are not an image.
 */
export async function prepareProcedurePhoto(upload: Buffer): Promise<PreparedPhoto> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' } as const;
  let format: string | undefined;
  try {
    ({ format } = await sharp(upload, options).metadata());
  } catch {
    throw notAnImage();
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw notAnImage();
  try {
    // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless asked.
    const image = await sharp(upload, options)
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 88, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(image.data)
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return {
      image: {
        bytes: image.data,
        width: image.info.width,
        height: image.info.height,
        sha256: createHash('sha256').update(image.data).digest('hex'),
      },
      thumbnail: { bytes: thumbnail.data, width: thumbnail.info.width, height: thumbnail.info.height },
    };
  } catch {
    // A header that parses over pixel data that does not (a truncated or forged file).
    throw notAnImage();
  }
}
