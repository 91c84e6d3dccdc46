import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';

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

/** Authenticates `Authorization: Bearer otk_…` and returns the key's id and organisation (401 otherwise). */
export async function authenticateApiKey(
  c: Context,
  db: Queryable,
): Promise<{ keyId: string; organizationId: string }> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '');
  const key = match?.[1];
  if (key === undefined) throw unauthorized('Send an API key as Authorization: Bearer otk_…');
  if (!KEY_PATTERN.test(key)) throw unauthorized('Invalid API key');
  const [row] = await db.query<{ id: string; organization_id: string }>(
    `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL
     RETURNING id, organization_id`,
    [hashApiKey(key)],
  );
  if (row === undefined) throw unauthorized('Invalid API key');
  return { keyId: row.id, organizationId: row.organization_id };
}

/**
 * Authenticates `Authorization: Bearer otk_…` and requires the key to belong to `organizationId`:
 * 401 without a valid key, 403 for another organisation's key. Returns the key as the actor for the
 * audit log.
 */
export async function requireApiKey(
  c: Context,
  db: Queryable,
  organizationId: string,
): Promise<{ keyId: string; organizationId: string }> {
  const actor = await authenticateApiKey(c, db);
  if (actor.organizationId !== organizationId)
    throw new ProblemError(403, 'forbidden', 'This key belongs to another organisation');
  return actor;
}
