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

/** After this long a key whose first request never finished (its process died) may be taken again. */
export const IN_FLIGHT_STALE_MS = 60_000;

interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  created_at: Date;
}

/**
 * Idempotency keys (IETF draft "The Idempotency-Key HTTP Header Field"), kept in `idempotency_keys`.
 * A key is first claimed on its own (committed at once, so another request with it sees it in flight
 * and gets 409); the write and its answer are then committed together, so an answer is stored exactly
 * when the write happened. If the write fails the claim is released; if the process dies the claim
 * goes stale after {@link IN_FLIGHT_STALE_MS}. Answers are stored sealed (encrypted).
 */
export function idempotencyStore(
  db: Database,
  sealer: Sealer,
  options: { staleMs?: number } = {},
): (scope: string, key: string, requestHash: string, status: StatusCode) => IdempotentRequest {
  const staleMs = options.staleMs ?? IN_FLIGHT_STALE_MS;
  const purpose = (scope: string, key: string) => `idempotency:${scope}:${key}`;

  const find = async (scope: string, key: string) =>
    (
      await db.query<KeyRow>(
        `SELECT request_hash, response_status, response_body, created_at FROM idempotency_keys
         WHERE scope = $1 AND key = $2`,
        [scope, key],
      )
    )[0];

  /** The stored answer, or a refusal; `undefined` when the row is a stale claim that may be taken. */
  const answerOf = async (scope: string, key: string, requestHash: string, row: KeyRow) => {
    if (row.response_status === null || row.response_body === null) {
      if (isStale(row)) return undefined;
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
    if (row.request_hash !== requestHash) {
      throw new ProblemError(
        422,
        'idempotency-key-reused',
        'This Idempotency-Key was used with a different request',
      );
    }
    const json = row.response_body.startsWith('sealed:')
      ? await sealer.open(purpose(scope, key), row.response_body)
      : row.response_body;
    return new StoredReply<unknown>(json, row.response_status as StatusCode, true);
  };
  const isStale = (row: KeyRow) => Date.now() - row.created_at.getTime() > staleMs;

  return (scope, key, requestHash, status) => ({
    scope,
    key,
    requestHash,
    status,
    async replay() {
      const row = await find(scope, key);
      return row ? ((await answerOf(scope, key, requestHash, row)) ?? null) : null;
    },
    async once<T>(work: (tx: Queryable) => Promise<T>): Promise<StoredReply<T>> {
      const claimed = await db.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
        [scope, key, requestHash],
      );
      if (claimed.length === 0) {
        const row = await find(scope, key);
        const answer = row ? await answerOf(scope, key, requestHash, row) : undefined;
        if (answer) return answer as StoredReply<T>;
        // A stale claim (or one released a moment ago): take it over, unless another request just did.
        const taken = await db.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
           ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, created_at = now()
           WHERE idempotency_keys.response_status IS NULL
             AND idempotency_keys.created_at < now() - make_interval(secs => $4::double precision / 1000)
           RETURNING 1`,
          [scope, key, requestHash, staleMs],
        );
        if (taken.length === 0) {
          throw new ProblemError(409, 'conflict', 'A request with this Idempotency-Key is still in progress');
        }
      }
      try {
        return await db.transaction(async (tx) => {
          const json = JSON.stringify(await work(tx));
          await tx.query(
            'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2',
            [scope, key, status, await sealer.seal(purpose(scope, key), json)],
          );
          return new StoredReply<T>(json, status, false);
        });
      } catch (error) {
        // Only successful answers are kept: the key is free again for a corrected retry.
        await db
          .query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND response_status IS NULL', [
            scope,
            key,
          ])
          .catch(() => {});
        throw error;
      }
    },
  });
}
