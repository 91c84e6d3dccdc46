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

export const hashRequest = (text: string) => createHash('sha256').update(text).digest('hex');

/** What an idempotent write is known by: its key, a hash of its body, and the status its answer gets. */
export interface IdempotentRequest {
  readonly key: string;
  readonly requestHash: string;
  readonly status: StatusCode;
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
 * Runs `work` at most once per (scope, key). The key row is inserted in the same transaction as the
 * write: a concurrent request with the same key blocks on the unique index until the first commits,
 * then finds the stored answer. If the first one fails (rolls back) the key is free again, so only
 * successful answers are replayed. The same key with another request body is refused (409).
 */
export async function once<T>(
  db: Database,
  scope: string,
  request: IdempotentRequest,
  work: (tx: Queryable) => Promise<T>,
): Promise<StoredReply<T>> {
  const { key, requestHash } = request;
  return db.transaction(async (tx) => {
    const taken = await tx.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
      [scope, key, requestHash],
    );
    if (taken.length === 0) {
      const [row] = await tx.query<{
        request_hash: string;
        response_status: number | null;
        response_body: string | null;
      }>(
        'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      if (!row || row.response_status === null || row.response_body === null) {
        throw new ProblemError(409, 'conflict', 'A request with this Idempotency-Key is still in progress');
      }
      if (row.request_hash !== requestHash) {
        throw new ProblemError(
          409,
          'idempotency-key-reused',
          'This Idempotency-Key was used with a different request',
        );
      }
      return new StoredReply<T>(row.response_body, row.response_status as StatusCode, true);
    }
    const json = JSON.stringify(await work(tx));
    await tx.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2',
      [scope, key, request.status, json],
    );
    return new StoredReply<T>(json, request.status, false);
  });
}
