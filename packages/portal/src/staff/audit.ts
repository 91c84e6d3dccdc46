import type { Queryable } from '../db/types.ts';
import { auditActor, type StaffActor } from './actor.ts';

/**
 * Records a staff access or change: who (the API key or the person), which organisation, what, which
 * appeal, and details that never hold personal data or changed values (field names, counts, the
 * scope asked for).
 */
export async function audit(
  db: Queryable,
  actor: StaffActor,
  action: string,
  appealId: string | null,
  details: Record<string, unknown> | null = null,
  organizationId: string = actor.organizationId,
): Promise<void> {
  const who = auditActor(actor);
  await db.query(
    `INSERT INTO audit_log (actor, person_id, organization_id, action, appeal_id, details)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      who.keyId,
      who.personId,
      organizationId,
      action,
      appealId,
      details === null ? null : JSON.stringify(details),
    ],
  );
}

/**
 * Records a portal-level action in the portal's own log (no organisation): what a portal
 * administrator did, with the organisation it concerned, if one, in `details.organizationId`.
 */
export async function auditPortal(
  db: Queryable,
  actor: StaffActor,
  action: string,
  details: Record<string, unknown> | null = null,
): Promise<void> {
  const who = auditActor(actor);
  await db.query(
    `INSERT INTO audit_log (actor, person_id, organization_id, action, details) VALUES ($1, $2, NULL, $3, $4)`,
    [who.keyId, who.personId, action, details === null ? null : JSON.stringify(details)],
  );
}
