import type { StaffSession as ServerSession } from '@otklik/client/schemas';
import { signal } from '@preact/signals';

/**
 * The portal's session (from sign-in or `getStaffSession`), or null while signed out. Kept apart from
 * `session.ts` so that the client module (`api.ts`), which `session.ts` loads on demand, can read the
 * CSRF token without importing its importer.
 */
export const serverSession = signal<ServerSession | null>(null);

/** The CSRF token every state-changing staff call sends (`X-CSRF-Token`). */
export const csrfToken = (): string | undefined => serverSession.value?.csrfToken;
