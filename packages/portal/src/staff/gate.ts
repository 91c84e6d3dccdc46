import { STAFF_PERMISSIONS, type StaffPermission } from '@otklik/client/contract';
import type { Context } from 'hono';
import type { Queryable } from '../db/types.ts';
import type { StaffGate } from '../http/endpoint.ts';
import { requestHeader } from '../http/headers.ts';
import { refusal } from '../http/problem.ts';
import type { KeyRing } from '../security/keys.ts';
import { type PersonActor, permissionsIn, type StaffActor } from './actor.ts';
import { authenticateApiKey } from './api-keys.ts';
import { isWithinSubtree } from './organization-tree.ts';
import { authenticateSession } from './sessions.ts';

/**
 * Staff authentication and authorisation for every staff endpoint. An API key acts in its own
 * organisation; a person in each organisation where they hold a role. Permissions over personal data
 * reach only an organisation where the actor holds them; those over figures (`subtree` in the
 * contract) reach every organisation below it too (for a person, through a role marked `subtree`).
 * Another organisation, or an unknown one, gets the same 403, so the answer does not tell which ids
 * exist. (Resources inside an organisation, such as an appeal, are scoped by the feature's own
 * queries: another organisation's appeal is 404.)
 */
export function createStaffGate(
  db: Queryable,
  keys: KeyRing,
  now: () => Date = () => new Date(),
): StaffGate<StaffActor> {
  return {
    authenticate: (c: Context) =>
      requestHeader(c, 'Authorization') !== undefined
        ? authenticateApiKey(c, db)
        : authenticateSession(c, db, keys, now),
    async authorize(actor, permission, params) {
      const target = params.organizationId;
      if (actor.kind === 'person') return scopePerson(db, actor, permission, target, params.appealId);
      if (!actor.permissions.has(permission)) {
        throw refusal('permission-missing', `This key does not have the permission ${permission}`);
      }
      if (target === undefined || target === actor.organizationId) return actor;
      if (STAFF_PERMISSIONS[permission] !== 'subtree') {
        throw refusal('api-key-other-organization', 'This key belongs to another organisation');
      }
      if (!(await isWithinSubtree(db, target, actor.organizationId))) {
        throw refusal(
          'api-key-other-organization',
          'This key reads only its own organisation and the organisations below it',
        );
      }
      return actor;
    },
  };
}

async function scopePerson(
  db: Queryable,
  actor: PersonActor,
  permission: StaffPermission,
  target: string | undefined,
  appealId: string | undefined,
): Promise<PersonActor> {
  const scope = STAFF_PERMISSIONS[permission];
  if (scope === 'self') return actor;
  if (scope === 'portal') {
    if (!actor.portalAdministrator)
      throw refusal('portal-administrator-only', 'Only portal administrators may do this');
    return target === undefined ? actor : { ...actor, organizationId: target };
  }
  const scoped = (organizationId: string): PersonActor => ({
    ...actor,
    organizationId,
    permissions: permissionsIn(actor.memberships, organizationId),
  });
  if (target !== undefined) {
    if (permissionsIn(actor.memberships, target).has(permission)) return scoped(target);
    if (scope === 'subtree') {
      for (const m of actor.memberships) {
        if (!m.subtree || !permissionsIn([m], m.organizationId).has(permission)) continue;
        if (await isWithinSubtree(db, target, m.organizationId)) {
          return { ...scoped(target), permissions: new Set([permission]) };
        }
      }
    }
    throw refusal('permission-missing', `You do not hold ${permission} in this organisation`);
  }
  if (appealId !== undefined && /^[0-9a-f-]{36}$/i.test(appealId)) {
    // A call about an appeal acts in the appeal's organisation when the person holds the permission
    // there; otherwise in their own, where the appeal is then not found (404, as for an API key).
    const [row] = await db.query<{ organization_id: string }>(
      'SELECT organization_id FROM appeals WHERE id = $1',
      [appealId],
    );
    if (row && permissionsIn(actor.memberships, row.organization_id).has(permission)) {
      return scoped(row.organization_id);
    }
  }
  const home = actor.memberships.find((m) => permissionsIn([m], m.organizationId).has(permission));
  if (home === undefined)
    throw refusal('permission-missing', `You do not hold ${permission} in any organisation`);
  return scoped(home.organizationId);
}
