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
 * Streams a `multipart/form-data` body with one file in the field `file` through busboy. At most
 * `maxBytes` of file content is ever held: busboy truncates the file at the limit and we stop reading
 * the request at once (the rest of an oversized body is never pulled from the socket).
 */
export async function parseUpload(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  maxBytes: number,
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
  const chunks: Buffer[] = [];
  let filename: string | null = null;
  let fileDone: Promise<unknown> = Promise.resolve();
  parser.on('file', (field, stream, name) => {
    if (field !== 'file' || filename !== null) {
      fail(new ProblemError(400, 'bad-request', 'Send exactly one file in the field "file"'));
      stream.resume();
      return;
    }
    filename = name;
    stream.on('data', (chunk: Buffer) => {
      if (failure === null) chunks.push(chunk);
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
  const data = Buffer.concat(chunks);
  if (data.byteLength === 0) throw new ProblemError(422, 'validation-failed', 'The file is empty');
  return { filename, data, bodyBytesRead };
}
