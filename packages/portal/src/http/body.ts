import { isPlainText, PLAIN_TEXT_MESSAGE } from '@otklik/client/schemas';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { ProblemError, problemResponse, validationProblem } from './problem.ts';

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
    data = JSON.parse(await c.req.text());
  } catch (error) {
    if (error instanceof SyntaxError) throw new ProblemError(400, 'malformed-json', error.message);
    throw error;
  }
  const result = v.safeParse(schema, data);
  if (!result.success) throw validationProblem('body', result.issues);
  refuseUnstorableText('body', data);
  return result.output;
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

/** The path of the first string (or object key) in `value` that is not plain text, or null. */
function unstorableTextAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isPlainText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableTextAt(item, `${path}.${index}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isPlainText(key)) return path;
      const found = unstorableTextAt(item, `${path}.${key}`);
      if (found !== null) return found;
    }
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
