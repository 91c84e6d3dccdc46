import { once } from 'node:events';
import Busboy from '@fastify/busboy';
import { ProblemError } from '../http/problem.ts';

export interface ParsedUpload<T = Buffer> {
  /** The file name as the client sent it (unsanitised). */
  filename: string;
  /** The file's bytes, as the sink received them: a buffer ({@link inMemory}), a staged file. */
  data: T;
  /** Bytes taken from the request body, for tests that prove an oversized upload was not read whole. */
  bodyBytesRead: number;
}

/** Room for the multipart boundaries and part headers around the one file. */
export const MULTIPART_OVERHEAD = 16 * 1024;

const tooLarge = (maxBytes: number) =>
  new ProblemError(413, 'payload-too-large', `A file must not exceed ${maxBytes} bytes`);

/** Where a file's bytes go as they arrive: memory, or a file (FileStore's staged files). */
export interface FileSink<T> {
  /** A write that returns a promise is awaited before the next chunk is taken (backpressure). */
  write(chunk: Uint8Array): void | Promise<void>;
  /** After the last chunk: the file, with its size. */
  finish(): Promise<T & { readonly byteLength: number }>;
  /** The upload failed: what was received is dropped. */
  discard(): Promise<void>;
}

/**
 * The file's bytes, copied into one buffer as they arrive, so each of the request's chunks can be
 * freed at once: collecting the chunks and concatenating them at the end held every file twice
 * (the chunks and their copy) while five 10 MB uploads ran (docs/decisions.md, "Upload memory").
 * The buffer is sized by the request's declared length (which bounds the file; at most the limit)
 * and grows by doubling only when a body without one, or a false one, outgrows it.
 */
class FileBytes implements FileSink<Buffer> {
  #buffer: Buffer;
  #length = 0;
  readonly #maxBytes: number;

  constructor(sizeHint: number, maxBytes: number) {
    this.#maxBytes = maxBytes;
    const size = Number.isSafeInteger(sizeHint) && sizeHint > 0 ? sizeHint : 1024 * 1024;
    // Not zero-filled: every byte handed out is written first.
    this.#buffer = Buffer.allocUnsafe(Math.min(size, maxBytes));
  }

  write(chunk: Uint8Array): void {
    const needed = this.#length + chunk.byteLength;
    if (needed > this.#buffer.byteLength) {
      // Never past the limit (busboy truncates the file there): doubling from 8 MB to 16 MB for a
      // 10 MB limit allocated 6 MB no file can use.
      const grown = Buffer.allocUnsafe(
        Math.max(needed, Math.min(this.#buffer.byteLength * 2, this.#maxBytes)),
      );
      this.#buffer.copy(grown, 0, 0, this.#length);
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length = needed;
  }

  async finish(): Promise<Buffer> {
    return this.#buffer.subarray(0, this.#length);
  }

  async discard(): Promise<void> {}
}

/** A sink that holds the file in memory; `declaredBytes` is the request's Content-Length, if any. */
export const inMemory =
  (declaredBytes: number) =>
  (maxBytes: number): FileSink<Buffer> =>
    new FileBytes(declaredBytes, maxBytes);

/**
 * Streams a `multipart/form-data` body with one file in the field `file` through busboy. At most
 * `maxBytes` of file content is ever held: busboy truncates the file at the limit and we stop reading
 * the request at once (the rest of an oversized body is never pulled from the socket). The file's
 * bytes go to the sink `open` makes when the file's part begins ({@link inMemory}, a staged file); a sink that
 * writes to disk is awaited chunk by chunk, and discarded when the upload fails.
 */
export async function parseUpload<T = Buffer>(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  maxBytes: number,
  open: (maxBytes: number) => FileSink<T>,
): Promise<ParsedUpload<T>> {
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
  let sink: FileSink<T> | null = null;
  /** The sink's write in progress; a failed write is the upload's failure (a 500, not the client's). */
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  let filename: string | null = null;
  let fileDone: Promise<unknown> = Promise.resolve();
  parser.on('file', (field, stream, name) => {
    if (field !== 'file' || filename !== null) {
      fail(new ProblemError(400, 'bad-request', 'Send exactly one file in the field "file"'));
      stream.resume();
      return;
    }
    filename = name;
    const to = open(maxBytes);
    sink = to;
    stream.on('data', (chunk: Buffer) => {
      if (failure !== null || writeError !== null) return;
      const written = to.write(chunk);
      if (written === undefined) return;
      // The next chunk waits for this one: busboy, and so the request, waits with it.
      stream.pause();
      writing = written.then(
        () => {
          stream.resume();
        },
        (error: unknown) => {
          writeError = error;
          // Stops reading; the write's own error is thrown (a 500, logged).
          fail(new ProblemError(500, 'internal-error'));
          stream.resume();
        },
      );
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
    // Thrown below, after what the sink received is discarded.
    fail(
      error instanceof ProblemError
        ? error
        : new ProblemError(400, 'bad-request', 'Malformed or interrupted multipart/form-data body'),
    );
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
  await writing;
  const received = sink as FileSink<T> | null;
  try {
    if (writeError !== null) throw writeError;
    if (failure !== null) throw failure;
    if (filename === null || received === null) {
      throw new ProblemError(400, 'bad-request', 'Send the file in the field "file"');
    }
    const data = await received.finish();
    if (data.byteLength === 0) throw new ProblemError(422, 'validation-failed', 'The file is empty');
    return { filename, data, bodyBytesRead };
  } catch (error) {
    await received?.discard();
    throw error;
  }
}
