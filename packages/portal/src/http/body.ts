import { isPlainText, PLAIN_TEXT_MESSAGE } from '@otklik/client/schemas';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { ProblemError, problemResponse, validationProblem } from './problem.ts';

/** Decodes strictly: a byte that is not UTF-8 fails instead of becoming U+FFFD in stored text. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as text. JSON must be UTF-8 (RFC 8259): a body with other bytes is a 400
 * `malformed-json`, not text silently changed. Hono keeps the bytes, so the idempotency hash and the
 * parser read the same body.
 */
export async function requestText(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new ProblemError(400, 'malformed-json', 'The body is not valid UTF-8');
  }
}

/** Largest JSON body the write endpoints accept (enforced by `hono/body-limit` in the app). */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * Reads and validates a JSON request body for a write endpoint: 415 unless the content type is JSON,
 * 400 `malformed-json` when it does not parse, 422 `validation-failed` with `body.…` issue paths.
 */
export async function readJsonBody<TSchema extends v.GenericSchema>(
  c: Context,
  schema: TSchema,
): Promise<v.InferOutput<TSchema>> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(type)) {
    throw new ProblemError(415, 'unsupported-media-type', 'Send the body as application/json', undefined, {
      'Accept-Patch': 'application/json',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(await requestText(c));
  } catch (error) {
    if (error instanceof SyntaxError) throw new ProblemError(400, 'malformed-json', error.message);
    throw error;
  }
  // Every body of the contract is an object, and valibot's `object` takes an array for one (all fields
  // optional: an array was an empty patch).
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ProblemError(422, 'validation-failed', 'Invalid body', [
      { path: 'body', message: 'Expected a JSON object', kind: 'type' },
    ]);
  }
  const result = v.safeParse(schema, data);
  if (!result.success) throw validationProblem('body', result.issues);
  refuseUnstorableText('body', data);
  const misplaced = arrayForObjectAt(data, result.output, 'body');
  if (misplaced !== null) {
    throw new ProblemError(422, 'validation-failed', 'Invalid body', [
      { path: misplaced, message: 'Expected a JSON object', kind: 'type' },
    ]);
  }
  return result.output;
}

/**
 * Where the body has an array that the schema took for an object (valibot's `object` and `record` take
 * arrays: `{"contacts": []}` passed as an empty object), or null. Walks the parsed output beside what
 * arrived, so it goes no deeper than the schema does.
 */
function arrayForObjectAt(input: unknown, output: unknown, path: string): string | null {
  if (output === null || typeof output !== 'object') return null;
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return Object.getPrototypeOf(output) === Object.prototype ? path : null;
    for (const [index, item] of output.entries()) {
      const found = arrayForObjectAt(input[index], item, `${path}.${index}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (input === null || typeof input !== 'object' || Array.isArray(output)) return null;
  for (const [key, item] of Object.entries(output)) {
    if (!Object.hasOwn(input, key)) continue;
    const found = arrayForObjectAt((input as Record<string, unknown>)[key], item, `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

/** Validates the path parameters or the query of a request: 422 with `params.…`/`query.…` paths. */
export function parseRequest<T extends v.GenericSchema>(
  where: 'params' | 'query',
  schema: T,
  input: unknown,
): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw validationProblem(where, result.issues);
  refuseUnstorableText(where, input);
  return result.output;
}

/**
 * The schemas refuse a NUL or an unpaired surrogate in their text fields (`plainText`); this walk of
 * what arrived is the backstop for a field whose schema lacks it, so such text never reaches the
 * database (PostgreSQL refuses NUL with an error) and the answer is the same 422 naming the field.
 */
function refuseUnstorableText(where: string, input: unknown): void {
  const path = unstorableTextAt(input, where);
  if (path !== null) {
    throw new ProblemError(422, 'validation-failed', PLAIN_TEXT_MESSAGE, [
      { path, message: PLAIN_TEXT_MESSAGE },
    ]);
  }
}

/**
 * Deepest nesting of arrays and objects walked. No body of the contract comes near it; a schema may
 * still let deeper JSON through (valibot's `object` takes an array and ignores what it does not know),
 * and the walk below must not run out of stack on it (a 500).
 */
const MAX_DEPTH = 32;

/** The path of the first string (or object key) in `value` that is not plain text, or null. */
function unstorableTextAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isPlainText(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) {
    const message = `Nested deeper than ${MAX_DEPTH} levels`;
    throw new ProblemError(422, 'validation-failed', message, [{ path, message }]);
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableTextAt(item, `${path}.${index}`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isPlainText(key)) return path;
    const found = unstorableTextAt(item, `${path}.${key}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** A JSON body limit of `maxSize` bytes: 413 `payload-too-large` beyond it. */
export const limitJsonBodyTo = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      problemResponse(
        c,
        new ProblemError(413, 'payload-too-large', `The body must not exceed ${maxSize} bytes`),
      ),
  });

/** The JSON body limit of the write endpoints: 413 `payload-too-large` beyond it. */
export const limitJsonBody = limitJsonBodyTo(JSON_BODY_LIMIT);
