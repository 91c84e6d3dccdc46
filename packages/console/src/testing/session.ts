/** A signed-in session for the dom tests: one person with roles in organisations, as the portal sends it. */
import type { StaffSession } from '@otklik/client/schemas';
import { applySession } from '../session.ts';

type Membership = StaffSession['memberships'][number];

export interface TestSession {
  email: string;
  displayName?: string;
  /** Each membership as `[organisation id, its name, role]`, or in full (e.g. with a short name). */
  memberships: readonly (readonly [string, string, Membership['role']] | Membership)[];
}

/** Signs the console in as `who` (no portal call: the session the portal would have answered). */
export function signInForTest({ email, displayName = '', memberships }: TestSession): void {
  applySession({
    person: { id: '22222222-2222-4222-8222-222222222222', email, displayName, totpEnabled: false },
    portalAdministrator: false,
    memberships: memberships.map((m) =>
      'organizationId' in m
        ? m
        : { organizationId: m[0], organizationName: m[1], role: m[2], subtree: false },
    ),
    permissions: {},
    csrfToken: 'c'.repeat(64),
    expiresAt: '2030-01-01T00:00:00.000Z',
  });
}
