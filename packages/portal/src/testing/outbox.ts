import type { Queryable } from '../db/types.ts';
import { openPayload } from '../mail/outbox.ts';
import type { KeyRing } from '../security/keys.ts';

/**
 * The payload of the last mail of `kind` queued for `recipient`, its sealed secrets opened with `keys`
 * (the portal's key ring): what tests read instead of a mailbox. The row itself holds no secret.
 */
export async function queuedMail<T extends Record<string, unknown> = Record<string, unknown>>(
  db: Queryable,
  keys: Pick<KeyRing, 'open'>,
  kind: string,
  recipient: string,
): Promise<T | undefined> {
  const [row] = await db.query<{ id: string; payload: Record<string, unknown> }>(
    `SELECT id, payload FROM outbox WHERE kind = $1 AND recipient = $2 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [kind, recipient],
  );
  return row ? ((await openPayload(keys, row.id, row.payload)) as T) : undefined;
}
