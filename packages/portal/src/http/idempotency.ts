import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';
import type { Database, Queryable } from '../db/types.ts';
import { requestHeader } from './headers.ts';
import { ProblemError } from './problem.ts';
import { JsonReply } from './respond.ts';

const KEY_PATTERN = /^[\w.:-]{8,128}$/;

/** The request's `Idempotency-Key`, required on idempotent writes (400 without a usable one). */
export function idempotencyKeyOf(c: Context): string {
  const key = requestHeader(c, 'Idempotency-Key');
  if (key === undefined || key === '') {
    throw new ProblemError(400, 'bad-request', 'Send an Idempotency-Key header (e.g. a random UUID)');
  }
  if (!KEY_PATTERN.test(key)) {
    throw new ProblemError(400, 'bad-request', 'Idempotency-Key: 8–128 letters, digits and . _ : -');
  }
  return key;
}

/** JSON with object keys sorted and no white space: the same document always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint of a request body: a hash of its canonical JSON, so white space and key order do not
 * make another request (the IETF draft); a body that is not JSON is hashed as it came.
 */
export function hashRequest(text: string): string {
  let canonical = text;
  if (text !== '') {
    try {
      canonical = canonicalJson(JSON.parse(text));
    } catch {
      // Not JSON: the body parser refuses it later; the raw text stands for it.
    }
  }
  return createHash('sha256').update(canonical).digest('hex');
}

/** Encrypts the stored answers (they may hold a secret shown once, such as an appeal's access secret). */
export interface Sealer {
  seal(purpose: string, text: string): Promise<string>;
  open(purpose: string, sealed: string): Promise<string>;
}

/** The answer of an idempotent write; `replayed` when it is the stored first answer to a retry. */
export class StoredReply<T> extends JsonReply<T> {
  constructor(
    json: string,
    status: StatusCode,
    readonly replayed: boolean,
  ) {
    super(json, undefined, status);
  }
}

/**
 * An idempotent write as the handler sees it: what it is known by (scope, key, body hash) and
 * {@link IdempotentRequest.once}, which runs the write at most once per key.
 */
export interface IdempotentRequest {
  /** The endpoint and its path parameters: keys of different endpoints or appeals never meet. */
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  readonly status: StatusCode;
  /**
   * Runs `work` in a transaction, at most once per (scope, key): a retry gets the stored answer, the
   * same key with another body 422 `idempotency-key-reused`, the same key while the first request
   * is still running 409 `conflict`.
   */
  once<T>(work: (tx: Queryable) => Promise<T>): Promise<StoredReply<T>>;
  /** The stored answer of a finished first request (checked before rate limits), or `null`. */
  replay(): Promise<StoredReply<unknown> | null>;
}

interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
}

/**
 * Idempotency keys (IETF draft "The Idempotency-Key HTTP Header Field"), kept in `idempotency_keys`.
 * The key row is written in the same transaction as the write it guards, so an answer is stored
 * exactly when the write happened, and a request that fails or whose process dies leaves nothing
 * behind (a retry proceeds at once). While a request runs it holds a transaction-scoped advisory lock
 * on its key: another request with the key meanwhile gets 409 instead of waiting. (PGlite runs one
 * transaction at a time, so there the second request waits and then gets the stored answer.) Answers
 * are stored sealed (encrypted): a filing's answer holds the access secret.
 */
export function idempotencyStore(
  db: Database,
  sealer: Sealer,
): (scope: string, key: string, requestHash: string, status: StatusCode) => IdempotentRequest {
  const purpose = (scope: string, key: string) => `idempotency:${scope}:${key}`;
  const find = async (q: Queryable, scope: string, key: string) =>
    (
      await q.query<KeyRow>(
        'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      )
    )[0];
  /** The stored answer of `row`, or 422 when it was for another body. */
  const answerOf = async (scope: string, key: string, requestHash: string, row: KeyRow) => {
    if (row.request_hash !== requestHash) {
      throw new ProblemError(
        422,
        'idempotency-key-reused',
        'This Idempotency-Key was used with a different request',
      );
    }
    if (row.response_status === null || row.response_body === null) return null;
    const json = row.response_body.startsWith('sealed:')
      ? await sealer.open(purpose(scope, key), row.response_body)
      : row.response_body;
    return new StoredReply<unknown>(json, row.response_status as StatusCode, true);
  };

  return (scope, key, requestHash, status) => ({
    scope,
    key,
    requestHash,
    status,
    async replay() {
      const row = await find(db, scope, key);
      return row ? answerOf(scope, key, requestHash, row) : null;
    },
    once<T>(work: (tx: Queryable) => Promise<T>): Promise<StoredReply<T>> {
      return db.transaction(async (tx) => {
        const [lock] = await tx.query<{ taken: boolean }>(
          'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 13)) AS taken',
          [`${scope}\n${key}`],
        );
        if (!lock?.taken) {
          throw new ProblemError(
            409,
            'conflict',
            'A request with this Idempotency-Key is still in progress',
            undefined,
            {
              'Retry-After': '1',
            },
          );
        }
        const claimed = await tx.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
           ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
          [scope, key, requestHash],
        );
        if (claimed.length === 0) {
          const row = await find(tx, scope, key);
          const answer = row ? await answerOf(scope, key, requestHash, row) : null;
          if (answer) return answer as StoredReply<T>;
          throw new ProblemError(
            409,
            'conflict',
            'A request with this Idempotency-Key is still in progress',
            undefined,
            {
              'Retry-After': '1',
            },
          );
        }
        const json = JSON.stringify(await work(tx));
        await tx.query(
          'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2',
          [scope, key, status, await sealer.seal(purpose(scope, key), json)],
        );
        return new StoredReply<T>(json, status, false);
      });
    },
  });
}
