import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Queryable } from '../db/types.ts';
import { requestHeader } from '../http/headers.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import { API_KEY_PERMISSIONS, type StaffActor } from './actor.ts';

const KEY_PATTERN = /^otk_[A-Za-z0-9_-]{43}$/;
/** How stale a key's "last used" may be. */
export const LAST_USED_PRECISION_SECONDS = 60;

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
  refusal('api-key-invalid', detail, { headers: { 'WWW-Authenticate': 'Bearer realm="otklik"' } });

/** Authenticates `Authorization: Bearer otk_…` as the key's actor (401 otherwise). */
export async function authenticateApiKey(c: Context, db: Queryable): Promise<StaffActor> {
  const match = /^Bearer\s+(\S+)$/i.exec(requestHeader(c, 'Authorization') ?? '');
  const key = match?.[1];
  if (key === undefined) throw unauthorized('Send an API key as Authorization: Bearer otk_…');
  if (!KEY_PATTERN.test(key)) throw unauthorized('Invalid API key');
  // `last_used_at` is refreshed at most once a minute: writing it on every request cost each read a
  // commit of its own (a WAL flush: 7–10 ms of a queue request on a busy machine). A statement
  // whose update touches no row writes nothing.
  const [row] = await db.query<{ id: string; organization_id: string }>(
    `WITH k AS (
       SELECT id, organization_id, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL),
     touched AS (
       UPDATE api_keys a SET last_used_at = now() FROM k
       WHERE a.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - make_interval(secs => $2)))
     SELECT id, organization_id FROM k`,
    [hashApiKey(key), LAST_USED_PRECISION_SECONDS],
  );
  if (row === undefined) throw unauthorized('Invalid API key');
  return {
    kind: 'api-key',
    keyId: row.id,
    organizationId: row.organization_id,
    permissions: API_KEY_PERMISSIONS,
  };
}

interface KeyRow {
  id: string;
  label: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const keyView = (row: KeyRow) => ({
  id: row.id,
  label: row.label,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** The organisation's keys, newest first (never the keys themselves). */
export async function listApiKeys(db: Queryable, organizationId: string) {
  const rows = await db.query<KeyRow>(
    `SELECT id, label, created_at, last_used_at, revoked_at FROM api_keys
     WHERE organization_id = $1 ORDER BY created_at DESC, id`,
    [organizationId],
  );
  return { items: rows.map(keyView) };
}

/** Creates a key and returns it with its record: the only time the plain key is seen. */
export async function createApiKeyRecord(db: Queryable, organizationId: string, label: string) {
  const key = await createApiKey(db, organizationId, label);
  const [row] = await db.query<KeyRow>(
    'SELECT id, label, created_at, last_used_at, revoked_at FROM api_keys WHERE key_hash = $1',
    [hashApiKey(key)],
  );
  return { ...keyView(row as KeyRow), key };
}

/** Revokes a key of the organisation; 404 for another organisation's or an unknown key. */
export async function revokeApiKey(db: Queryable, organizationId: string, keyId: string): Promise<void> {
  const rows = await db.query(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
     WHERE id = $1 AND organization_id = $2 RETURNING id`,
    [keyId, organizationId],
  );
  if (rows.length === 0) throw new ProblemError(404, 'not-found', 'No such key in this organisation');
}
