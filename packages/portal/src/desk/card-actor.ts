/** Who acts on the card, as its history names them: the person (display name, else e-mail), or the API key. */
import type { Queryable } from '../db/types.ts';
import type { StaffActor } from '../staff/actor.ts';

export interface ActorRef {
  /** The person's id; `null` for an API key. */
  id: string | null;
  name: string;
}

export async function actorRef(db: Queryable, actor: StaffActor): Promise<ActorRef> {
  if (actor.kind === 'api-key') return { id: null, name: 'API key' };
  const [row] = await db.query<{ name: string }>(
    `SELECT COALESCE(NULLIF(display_name, ''), email) AS name FROM people WHERE id = $1`,
    [actor.personId],
  );
  return { id: actor.personId, name: row?.name ?? actor.email };
}

/** Records a staff-only event of the appeal (its history on the card). */
export async function deskEvent(
  tx: Queryable,
  appealId: string,
  kind: string,
  by: ActorRef,
  note: string | null = null,
): Promise<void> {
  await tx.query(
    'INSERT INTO desk_events (appeal_id, kind, actor_id, actor, note) VALUES ($1, $2, $3, $4, $5)',
    [appealId, kind, by.id, by.name, note],
  );
}
