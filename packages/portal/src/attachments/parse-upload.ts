import { once } from 'node:events';
import Busboy from '@fastify/busboy';
import { ProblemError } from '../http/problem.ts';

export interface ParsedUpload {
  /** The file name as the client sent it (unsanitised). */
  filename: string;
  data: Buffer;
  /** Bytes taken from the request body, for tests that prove an oversized upload was not read whole. */
  bodyBytesRead: number;
}

/** Room for the multipart boundaries and part headers around the one file. */
export const MULTIPART_OVERHEAD = 16 * 1024;

const tooLarge = (maxBytes: number) =>
  new ProblemError(413, 'payload-too-large', `A file must not exceed ${maxBytes} bytes`);

/**
 * The file's bytes, copied into one buffer as they arrive, so each of the request's chunks can be
 * freed at once: collecting the chunks and concatenating them at the end held every file twice
 * (the chunks and their copy) while five 10 MB uploads ran (docs/decisions.md, "Upload memory").
 * The buffer is sized by the request's declared length (which bounds the file; at most the limit)
 * and grows by doubling only when a body without one, or a false one, outgrows it.
 */
class FileBytes {
  #buffer: Buffer;
  #length = 0;

  constructor(sizeHint: number, maxBytes: number) {
    const size = Number.isSafeInteger(sizeHint) && sizeHint > 0 ? sizeHint : 1024 * 1024;
    // Not zero-filled: every byte handed out is written first.
    this.#buffer = Buffer.allocUnsafe(Math.min(size, maxBytes));
  }

  append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.byteLength;
    if (needed > this.#buffer.byteLength) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.#buffer.byteLength * 2));
      this.#buffer.copy(grown, 0, 0, this.#length);
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length = needed;
  }

  get bytes(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }
}

/**
 * Streams a `multipart/form-data` body with one file in the field `file` through busboy. At most
 * `maxBytes` of file content is ever held: busboy truncates the file at the limit and we stop reading
 * the request at once (the rest of an oversized body is never pulled from the socket).
 * `declaredBytes` is the request's Content-Length, if any: the size of the buffer the file is read into.
 */
export async function parseUpload(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  maxBytes: number,
  declaredBytes = Number.NaN,
): Promise<ParsedUpload> {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new ProblemError(415, 'unsupported-media-type', 'Send the file as multipart/form-data');
  }
  if (body === null) throw new ProblemError(400, 'bad-request', 'The body is empty');
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { 'content-type': contentType },
      defCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes, fields: 0, parts: 1, headerPairs: 20 },
    });
  } catch {
    throw new ProblemError(400, 'bad-request', 'Malformed multipart/form-data header');
  }

  let failure: ProblemError | null = null;
  const fail = (error: ProblemError) => {
    failure ??= error;
  };
  const malformed = () =>
    fail(new ProblemError(400, 'bad-request', 'Malformed or truncated multipart/form-data body'));
  // A truncated or broken body makes busboy (and the file's stream) emit 'error' instead of ending.
  const broken = new Promise<void>((resolve) => {
    parser.on('error', () => {
      malformed();
      resolve();
    });
  });
  let file: FileBytes | null = null;
  let filename: string | null = null;
  let fileDone: Promise<unknown> = Promise.resolve();
  parser.on('file', (field, stream, name) => {
    if (field !== 'file' || filename !== null) {
      fail(new ProblemError(400, 'bad-request', 'Send exactly one file in the field "file"'));
      stream.resume();
      return;
    }
    filename = name;
    const bytes = new FileBytes(declaredBytes, maxBytes);
    file = bytes;
    stream.on('data', (chunk: Buffer) => {
      if (failure === null) bytes.append(chunk);
    });
    stream.on('limit', () => fail(tooLarge(maxBytes)));
    fileDone = once(stream, 'end').catch(malformed);
  });
  for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
    parser.on(event, () => fail(new ProblemError(400, 'bad-request', 'Send only the field "file"')));
  }
  const finished = once(parser, 'finish').catch(malformed);

  const reader = body.getReader();
  let bodyBytesRead = 0;
  try {
    while (failure === null) {
      const { done, value } = await reader.read();
      if (done) break;
      bodyBytesRead += value.byteLength;
      // Backpressure: wait for busboy to take the chunk before pulling the next one.
      if (!parser.write(value)) await once(parser, 'drain');
      // A body much longer than one file can be is refused even if busboy has not noticed yet.
      if (bodyBytesRead > maxBytes + MULTIPART_OVERHEAD) fail(tooLarge(maxBytes));
    }
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    fail(new ProblemError(400, 'bad-request', 'Malformed or interrupted multipart/form-data body'));
  } finally {
    if (failure !== null) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  if (failure === null) {
    parser.end();
    await Promise.race([finished.then(() => fileDone), broken]);
  } else {
    parser.destroy();
  }
  if (failure !== null) throw failure;
  if (filename === null) throw new ProblemError(400, 'bad-request', 'Send the file in the field "file"');
  const data = (file as FileBytes | null)?.bytes ?? Buffer.alloc(0);
  if (data.byteLength === 0) throw new ProblemError(422, 'validation-failed', 'The file is empty');
  return { filename, data, bodyBytesRead };
}
