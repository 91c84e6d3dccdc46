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
  const decoded = decodedBodies.get(c);
  if (decoded !== undefined) return decoded;
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new ProblemError(400, 'malformed-json', 'The body is not valid UTF-8');
  }
  decodedBodies.set(c, text);
  return text;
}

/** Each request's body as text, decoded once: an idempotent write hashes it, then parses it. */
const decodedBodies = new WeakMap<Context, string>();

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
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw notAnObject('body');
  const result = v.safeParse(schema, data);
  if (!result.success) throw validationProblem('body', result.issues);
  const misplaced = walkArrived(data, result.output, ['body']);
  if (misplaced !== null) throw notAnObject(misplaced);
  return result.output;
}

/** The 422 for a JSON value at `path` that should have been an object. */
const notAnObject = (path: string) =>
  new ProblemError(422, 'validation-failed', 'Invalid body', [
    { path, message: 'Expected a JSON object', kind: 'type' },
  ]);

/** Validates the path parameters or the query of a request: 422 with `params.…`/`query.…` paths. */
export function parseRequest<T extends v.GenericSchema>(
  where: 'params' | 'query',
  schema: T,
  input: unknown,
): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw validationProblem(where, result.issues);
  walkArrived(input, undefined, [where]);
  return result.output;
}

/**
 * Deepest nesting of arrays and objects walked. No body of the contract comes near it; a schema may
 * still let deeper JSON through (valibot's `object` takes an array and ignores what it does not know),
 * and the walk below must not run out of stack on it (a 500).
 */
const MAX_DEPTH = 32;

/**
 * The one walk of what arrived (`input`) once its schema passed, beside what the schema made of it
 * (`output`; undefined where the schema did not go). `at` is the path so far, joined only for an answer.
 *
 * Throws a 422 naming the first text (or object key) that is not plain text, or the first nesting
 * deeper than {@link MAX_DEPTH}, in the order of what arrived. The schemas refuse a NUL or an unpaired
 * surrogate in their text fields (`plainText`); this is the backstop for a field whose schema lacks it,
 * so such text never reaches the database (PostgreSQL refuses NUL with an error).
 *
 * Returns where an array was taken for an object, or null: valibot's `object` and `record` take arrays
 * (`{"contacts": []}` passed as an empty object). The first in the output's order is named (the
 * schema's, as its issues are); it goes no deeper than the schema does.
 */
function walkArrived(input: unknown, output: unknown, at: (string | number)[]): string | null {
  if (typeof input === 'string') {
    if (!isPlainText(input)) throw unstorableText(at.join('.'));
    return null;
  }
  if (input === null || typeof input !== 'object') return null;
  if (at.length > MAX_DEPTH) {
    const message = `Nested deeper than ${MAX_DEPTH} levels`;
    throw new ProblemError(422, 'validation-failed', message, [{ path: at.join('.'), message }]);
  }
  const shaped = output !== null && typeof output === 'object' ? output : undefined;
  if (Array.isArray(input)) {
    const items = Array.isArray(shaped) ? shaped : undefined;
    const tookForObject =
      shaped !== undefined && items === undefined && Object.getPrototypeOf(shaped) === Object.prototype;
    let misplaced = tookForObject ? at.join('.') : null;
    for (let index = 0; index < input.length; index++) {
      at.push(index);
      const found = walkArrived(input[index], items?.[index], at);
      at.pop();
      misplaced ??= found;
    }
    return misplaced;
  }
  const fields =
    shaped !== undefined && !Array.isArray(shaped) ? (shaped as Record<string, unknown>) : undefined;
  let misplaced: string | null = null;
  let misplacedKey = '';
  for (const key of Object.keys(input)) {
    if (!isPlainText(key)) throw unstorableText(at.join('.'));
    at.push(key);
    const field = fields !== undefined && isEnumerableOwn(fields, key) ? fields[key] : undefined;
    const found = walkArrived((input as Record<string, unknown>)[key], field, at);
    at.pop();
    if (found === null) continue;
    // Found only where the schema went, so `fields` is there.
    if (misplaced === null || (fields !== undefined && comesBefore(fields, key, misplacedKey))) {
      misplaced = found;
      misplacedKey = key;
    }
  }
  return misplaced;
}

const unstorableText = (path: string) =>
  new ProblemError(422, 'validation-failed', PLAIN_TEXT_MESSAGE, [{ path, message: PLAIN_TEXT_MESSAGE }]);

const isEnumerableOwn = (object: object, key: string) =>
  Object.prototype.propertyIsEnumerable.call(object, key);

/** Whether `key` comes before `other` among the keys of `object`. */
const comesBefore = (object: object, key: string, other: string) => {
  const keys = Object.keys(object);
  return keys.indexOf(key) < keys.indexOf(other);
};

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
