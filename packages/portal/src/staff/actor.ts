import { STAFF_PERMISSIONS, type StaffPermission } from '@otklik/client/contract';

/** Who makes a staff call: what authorisation checks and what the audit log records. */
export interface StaffActor {
  /** The API key the call was made with (people signing in to the console come later). */
  readonly keyId: string;
  /** The organisation the actor belongs to. */
  readonly organizationId: string;
  readonly permissions: ReadonlySet<StaffPermission>;
}

/** An organisation's API key may do whatever its organisation's staff may. */
export const API_KEY_PERMISSIONS: ReadonlySet<StaffPermission> = new Set(
  Object.keys(STAFF_PERMISSIONS) as StaffPermission[],
);
