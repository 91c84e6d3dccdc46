import { StagedFile } from '../db/file-store.ts';
import { ProblemError } from '../http/problem.ts';

/** Decoding limit against decompression bombs: a 10 MB PNG can otherwise claim gigapixels. */
const MAX_PIXELS = 50_000_000;

/**
 * Re-encodes JPEG and PNG with sharp (libvips), which writes no EXIF, XMP, IPTC, ICC or text chunks
 * unless asked: GPS positions, camera serials and editing history do not reach the organisation.
 * The EXIF orientation is applied to the pixels first, so photos stay upright. Other types pass as
 * they are (a staged file stays one; an image's new bytes are a buffer).
 */
export async function stripMetadata<T extends Buffer | StagedFile>(
  data: T,
  mediaType: string,
): Promise<T | Buffer> {
  if (mediaType !== 'image/jpeg' && mediaType !== 'image/png') return data;
  // Loaded on the first image, not at start: libvips and its libraries cost the portal ~20 MB of
  // resident memory, which most portals (PDF and text appeals) never need.
  const { default: sharp } = await import('sharp');
  try {
    const image = sharp(data instanceof StagedFile ? data.path : data, {
      limitInputPixels: MAX_PIXELS,
      failOn: 'error',
    }).rotate();
    return mediaType === 'image/jpeg'
      ? await image.jpeg({ quality: 90 }).toBuffer()
      : await image.png({ compressionLevel: 9 }).toBuffer();
  } catch {
    throw new ProblemError(415, 'unsupported-media-type', 'The image could not be read');
  }
}
