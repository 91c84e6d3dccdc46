import type { Queryable } from '../db/types.ts';
import { ensurePerson } from './members.ts';

/**
 * Makes the person with `email` (created if new) a portal administrator; idempotent. The first one
 * comes from the command line (`create-portal-admin`), which reaches a running portal through its
 * control socket.
 */
export async function createPortalAdministrator(
  db: Queryable,
  email: string,
  displayName = '',
): Promise<{ personId: string; email: string }> {
  const address = email.trim().toLowerCase();
  const personId = await ensurePerson(db, address, displayName);
  if (displayName !== '') {
    await db.query(`UPDATE people SET display_name = $2 WHERE id = $1 AND display_name = ''`, [
      personId,
      displayName,
    ]);
  }
  await db.query('INSERT INTO portal_administrators (person_id) VALUES ($1) ON CONFLICT DO NOTHING', [
    personId,
  ]);
  return { personId, email: address };
}
