import { STAFF_PERMISSIONS, type StaffPermission } from '@otklik/client/contract';
import type { Queryable } from '../db/types.ts';
import type { StaffGate } from '../http/endpoint.ts';
import { ProblemError } from '../http/problem.ts';
import type { StaffActor } from './actor.ts';
import { authenticateApiKey } from './api-keys.ts';
import { isWithinSubtree } from './organization-tree.ts';

/**
 * Staff authentication and authorisation for every staff endpoint. Permissions over personal data
 * reach the actor's own organisation only; those over figures (`subtree` in the contract) reach
 * every organisation below it too. Another organisation, or an unknown one, gets 403 either way, so
 * the answer does not tell which ids exist. (Resources inside an organisation, such as an appeal,
 * are scoped by the feature's own queries: another organisation's appeal is 404.)
 */
export function createStaffGate(db: Queryable): StaffGate<StaffActor> {
  return {
    authenticate: (c) => authenticateApiKey(c, db),
    async authorize(actor: StaffActor, permission: StaffPermission, organizationId: string | undefined) {
      if (!actor.permissions.has(permission)) {
        throw new ProblemError(403, 'forbidden', `This key does not have the permission ${permission}`);
      }
      if (organizationId === undefined || organizationId === actor.organizationId) return;
      if (STAFF_PERMISSIONS[permission] === 'organization') {
        throw new ProblemError(403, 'forbidden', 'This key belongs to another organisation');
      }
      if (!(await isWithinSubtree(db, organizationId, actor.organizationId))) {
        throw new ProblemError(
          403,
          'forbidden',
          'This key reads only its own organisation and the organisations below it',
        );
      }
    },
  };
}
