import type { Queryable } from '../db/types.ts';

/** Whether `organizationId` is `rootId` or below it (false for an unknown id). */
export async function isWithinSubtree(
  db: Queryable,
  organizationId: string,
  rootId: string,
): Promise<boolean> {
  // UNION (not UNION ALL) stops at a repeated row, so a cycle in parent_id cannot loop forever.
  const [row] = await db.query<{ within: boolean }>(
    `WITH RECURSIVE up (id, parent_id) AS (
       SELECT id, parent_id FROM organizations WHERE id = $1
       UNION
       SELECT o.id, o.parent_id FROM organizations o JOIN up ON o.id = up.parent_id)
     SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS within`,
    [organizationId, rootId],
  );
  return row?.within ?? false;
}
