import type { AuditPage } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';

/**
 * One page of the organisation's audit log (null: the portal's own, entries of no organisation),
 * newest first; `before` is an entry id from the last page.
 */
export async function readAuditLog(
  db: Queryable,
  organizationId: string | null,
  query: { limit: number; before?: number | undefined },
): Promise<AuditPage> {
  // Two plain conditions (each matching its index) rather than IS NOT DISTINCT FROM, which uses neither;
  // $1 is still bound for the portal's log so both keep the same parameters.
  const scope =
    organizationId === null ? 'a.organization_id IS NULL AND $1::text IS NULL' : 'a.organization_id = $1';
  const rows = await db.query<{
    id: string | number;
    at: Date;
    action: string;
    appeal_id: string | null;
    registration_number: string | null;
    details: Record<string, unknown> | null;
    email: string | null;
    label: string | null;
    key_id: string | null;
  }>(
    `SELECT a.id, a.at, a.action, a.appeal_id, ap.registration_number, a.details, p.email, k.label,
            k.id AS key_id
     FROM audit_log a
     LEFT JOIN appeals ap ON ap.id = a.appeal_id
     LEFT JOIN people p ON p.id = a.person_id
     LEFT JOIN api_keys k ON k.id = a.actor
     WHERE ${scope}
       AND ($2::bigint IS NULL OR a.id < $2)
     ORDER BY a.id DESC LIMIT $3`,
    [organizationId, query.before ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: Number(row.id),
      at: row.at.toISOString(),
      action: row.action,
      appealId: row.appeal_id,
      appealNumber: row.registration_number,
      actor:
        row.email !== null
          ? { kind: 'person' as const, name: row.email }
          : row.key_id !== null
            ? { kind: 'api-key' as const, name: row.label ?? `key ${row.key_id.slice(0, 8)}` }
            : null,
      details: row.details,
    })),
    nextBefore: rows.length > query.limit && last ? Number(last.id) : null,
  };
}
