import { createHash } from 'node:crypto';
import { PROCEDURE_PHOTO_ACCEPTED_FORMATS, PROCEDURE_PHOTO_ACCEPTED_TYPES } from '@glowdesk/contracts';
import sharp from 'sharp';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { heifCodecOf } from './procedure-photo-format.ts';

/**
 * Formats a phone or camera gives that sharp decodes here; anything else is refused. `heif`
 * is AVIF only: sharp's prebuilt libvips decodes AV1 but has no HEVC decoder, so HEIC is
 * refused by name (see UnsupportedPhotoFormatError).
 */
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
  return new ValidationError(`The file is not a photo Glowdesk can read. Upload a ${PROCEDURE_PHOTO_ACCEPTED_FORMATS} image.`, {
    field: 'file',
    code: 'not_an_image',
  });
}

/**
 * A 415 for an image in a format Glowdesk cannot decode: HEIC, the iPhone camera's default.
 * The message says how to get a JPEG or PNG from the phone.
 */
export class UnsupportedPhotoFormatError extends AppError {
  readonly status = 415;
  readonly code = 'unsupported_image_format';
  constructor() {
    super(
      'This photo is HEIC (the iPhone camera’s format), which Glowdesk cannot read. Export it as JPEG or PNG and upload it again: ' +
        'share it from Photos with “Save to Files” set to “Most Compatible”, or set Settings › Camera › Formats to “Most Compatible”.',
      { field: 'file', extensions: { format: 'heic', acceptedTypes: [...PROCEDURE_PHOTO_ACCEPTED_TYPES] } },
    );
  }
}

/**
 * Decodes the upload (its bytes decide, not its name or declared type) and re-encodes it as
 * a JPEG with the camera's orientation applied and no metadata at all: EXIF (GPS position,
 * camera, time), XMP, IPTC and comments are dropped, so a photo never tells where it was
 * taken. Also makes the thumbnail. A 400 `not_an_image` when the bytes are not an image; a
 * 415 `unsupported_image_format` for HEIC (HEVC-coded HEIF), which is recognised from its
 * first box before anything is decoded.
 */
export async function prepareProcedurePhoto(upload: Buffer): Promise<PreparedPhoto> {
  if (heifCodecOf(upload) === 'hevc') throw new UnsupportedPhotoFormatError();
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' } as const;
  let format: string | undefined;
  let compression: string | undefined;
  try {
    ({ format, compression } = await sharp(upload, options).metadata());
  } catch {
    throw notAnImage();
  }
  // A HEIF whose brands did not say HEVC but whose image is HEVC-coded all the same.
  if (format === 'heif' && compression !== 'av1') throw new UnsupportedPhotoFormatError();
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
