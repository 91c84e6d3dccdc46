import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Queryable } from '../db/types.ts';
import { requestHeader } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { API_KEY_PERMISSIONS, type StaffActor } from './actor.ts';

const KEY_PATTERN = /^otk_[A-Za-z0-9_-]{43}$/;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key for an organisation; the plain key is returned once and only its hash is stored. */
export async function createApiKey(db: Queryable, organizationId: string, label?: string): Promise<string> {
  const exists = await db.query('SELECT 1 FROM organizations WHERE id = $1', [organizationId]);
  if (exists.length === 0) throw new Error(`No organisation with id ${organizationId}`);
  const key = `otk_${randomBytes(32).toString('base64url')}`;
  await db.query('INSERT INTO api_keys (id, organization_id, key_hash, label) VALUES ($1, $2, $3, $4)', [
    randomUUID(),
    organizationId,
    hashApiKey(key),
    label ?? null,
  ]);
  return key;
}

const unauthorized = (detail: string) =>
  new ProblemError(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer realm="otklik"' });

/** Authenticates `Authorization: Bearer otk_…` as the key's actor (401 otherwise). */
export async function authenticateApiKey(c: Context, db: Queryable): Promise<StaffActor> {
  const match = /^Bearer\s+(\S+)$/i.exec(requestHeader(c, 'Authorization') ?? '');
  const key = match?.[1];
  if (key === undefined) throw unauthorized('Send an API key as Authorization: Bearer otk_…');
  if (!KEY_PATTERN.test(key)) throw unauthorized('Invalid API key');
  const [row] = await db.query<{ id: string; organization_id: string }>(
    `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL
     RETURNING id, organization_id`,
    [hashApiKey(key)],
  );
  if (row === undefined) throw unauthorized('Invalid API key');
  return { keyId: row.id, organizationId: row.organization_id, permissions: API_KEY_PERMISSIONS };
}
