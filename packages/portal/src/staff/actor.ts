import {
  API_KEY_PERMISSIONS as KEY_PERMISSIONS,
  PORTAL_ADMINISTRATOR_PERMISSIONS,
  ROLE_PERMISSIONS,
  type StaffPermission,
  type StaffRole,
} from '@otklik/client/contract';

/** A role a person holds in an organisation (and, with `subtree`, for figures below it). */
export interface Membership {
  readonly organizationId: string;
  readonly role: StaffRole;
  readonly subtree: boolean;
}

interface Scoped {
  /**
   * The organisation this call acts in: an API key's own; for a person, the path's organisation, or
   * the one the call is about (an appeal's), or their first organisation holding the permission.
   */
  readonly organizationId: string;
  /** What the actor may do in {@link organizationId}. */
  readonly permissions: ReadonlySet<StaffPermission>;
}

/** An integration calling with an organisation's API key. */
export interface ApiKeyActor extends Scoped {
  readonly kind: 'api-key';
  readonly keyId: string;
}

/** A person signed in to the console (possibly a portal administrator, possibly without roles). */
export interface PersonActor extends Scoped {
  readonly kind: 'person';
  readonly personId: string;
  readonly sessionId: string;
  readonly email: string;
  readonly memberships: readonly Membership[];
  readonly portalAdministrator: boolean;
}

/** Who makes a staff call: what authorisation checks and what the audit log records. */
export type StaffActor = ApiKeyActor | PersonActor;

/** An organisation's API key may do whatever its organisation's staff may, but manage people and keys. */
export const API_KEY_PERMISSIONS: ReadonlySet<StaffPermission> = new Set(KEY_PERMISSIONS);

/** The permissions a person's roles give in one organisation (those held there directly). */
export function permissionsIn(
  memberships: readonly Membership[],
  organizationId: string,
): Set<StaffPermission> {
  const held = new Set<StaffPermission>();
  for (const m of memberships) {
    if (m.organizationId !== organizationId) continue;
    for (const permission of ROLE_PERMISSIONS[m.role]) held.add(permission);
  }
  return held;
}

/** What a person may do outside any organisation: their account, and the portal's if they run it. */
export function personalPermissions(portalAdministrator: boolean): Set<StaffPermission> {
  const held = new Set<StaffPermission>(['account.manage']);
  if (portalAdministrator) for (const p of PORTAL_ADMINISTRATOR_PERMISSIONS) held.add(p);
  return held;
}

/** The actor's id as the audit log records it: the key, or the person. */
export const auditActor = (actor: StaffActor) =>
  actor.kind === 'api-key'
    ? { keyId: actor.keyId, personId: null }
    : { keyId: null, personId: actor.personId };
