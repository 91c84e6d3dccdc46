import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../http/problem.ts';
import { inMemory, parseUpload } from './parse-upload.ts';

const BOUNDARY = 'parse-upload-test';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A multipart body with `data` in the field `file`, streamed in 64 KB chunks as a socket gives it. */
function body(data: Buffer): { stream: ReadableStream<Uint8Array>; length: number } {
  const whole = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= whole.length) return controller.close();
      controller.enqueue(whole.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
  return { stream, length: whole.length };
}

describe('parseUpload', () => {
  const file = randomBytes(3 * 1024 * 1024 + 12_345);
  const max = 10 * 1024 * 1024;

  it('reads the file whole into a buffer of the declared length', async () => {
    const { stream, length } = body(file);
    const parsed = await parseUpload(stream, CONTENT_TYPE, max, inMemory(length));
    expect(parsed.filename).toBe('scan.pdf');
    expect(parsed.data.equals(file)).toBe(true);
    expect(parsed.bodyBytesRead).toBe(length);
    // One buffer of the declared length holds it (no second copy of the file).
    expect(parsed.data.buffer.byteLength).toBe(length);
  });

  it('without a declared length, or with a false one, the buffer grows and the file is intact', async () => {
    const undeclared = body(file);
    expect(
      (await parseUpload(undeclared.stream, CONTENT_TYPE, max, inMemory(Number.NaN))).data.equals(file),
    ).toBe(true);
    const understated = body(file);
    expect((await parseUpload(understated.stream, CONTENT_TYPE, max, inMemory(1000))).data.equals(file)).toBe(
      true,
    );
  });

  it('a file of exactly the limit, sent without a length, grows its buffer no further than the limit', async () => {
    const limit = 10 * 1024 * 1024;
    const whole = randomBytes(limit);
    const parsed = await parseUpload(body(whole).stream, CONTENT_TYPE, limit, inMemory(Number.NaN));
    expect(parsed.data.equals(whole)).toBe(true);
    // 1, 2, 4, 8 MB, then the limit: not 16 MB.
    expect(parsed.data.buffer.byteLength).toBe(limit);
  });

  it('a file over the limit is refused whatever length was declared', async () => {
    const { stream } = body(file);
    const refused = await parseUpload(stream, CONTENT_TYPE, 1024 * 1024, inMemory(1000)).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ProblemError);
    expect((refused as ProblemError).status).toBe(413);
  });
});
