import type { StaffSession as ServerSession } from '@otklik/client/schemas';
import { computed, signal } from '@preact/signals';
import { browserTimeZone } from './i18n/format.ts';
import { serverSession } from './server-session.ts';

export { csrfToken, serverSession } from './server-session.ts';

/**
 * The roles of issue 10, each held in an organisation (and optionally everything below it); the
 * portal administrator's role is the portal's own.
 */
export const STAFF_ROLES = [
  'administrator',
  'coordinator',
  'executor',
  'approver',
  'analyst',
  'portal-administrator',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffOrganization {
  id: string;
  name: string;
  /** What the header shows: the short name ("МБОУ СОШ № 1") when the organisation has one, else the name. */
  label: string;
  /** IANA time zone: every date in the console is shown in it. */
  timeZone: string;
}

export interface StaffSession {
  /** How the person is shown in the header ("Иванова А. П."). */
  displayName: string;
  /** The roles held in the chosen organisation. */
  roles: ReadonlySet<StaffRole>;
  organization: StaffOrganization;
}

/** Whether the portal has been asked who is signed in (at start). */
export const sessionChecked = signal(false);
/** Where this browser remembers the organisation the person last chose (an id, nothing personal). */
const CHOSEN_ORGANIZATION = 'otklik-console-organization';

function rememberedOrganization(): string | null {
  try {
    return localStorage.getItem(CHOSEN_ORGANIZATION);
  } catch {
    return null;
  }
}

/** The organisation the person works in now (their first one until they pick another). */
export const chosenOrganizationId = signal<string | null>(rememberedOrganization());

/** Works in `organizationId` from now on (the switcher); remembered in this browser. */
export function chooseOrganization(organizationId: string): void {
  chosenOrganizationId.value = organizationId;
  try {
    localStorage.setItem(CHOSEN_ORGANIZATION, organizationId);
  } catch {
    // Storage may be off: the choice then lasts until the page is reloaded.
  }
}

/** The organisations the person holds a role in, each once, in the order the portal gave them. */
export const organizations = computed<readonly { id: string; name: string; label: string }[]>(() => {
  const seen = new Map<string, { id: string; name: string; label: string }>();
  for (const m of serverSession.value?.memberships ?? []) {
    if (!seen.has(m.organizationId)) seen.set(m.organizationId, organizationOf(m));
  }
  return [...seen.values()];
});

/** A membership's organisation, labelled by its short name when it has one. */
function organizationOf(m: ServerSession['memberships'][number]) {
  return {
    id: m.organizationId,
    name: m.organizationName,
    label: m.organizationShortName || m.organizationName,
  };
}

/** The roles the person holds in `organizationId` (and the portal's own, if they run it). */
export function rolesIn(organizationId: string | undefined): Set<StaffRole> {
  const current = serverSession.value;
  const roles = new Set<StaffRole>(
    (current?.memberships ?? []).filter((m) => m.organizationId === organizationId).map((m) => m.role),
  );
  if (current?.portalAdministrator) roles.add('portal-administrator');
  return roles;
}

/** The signed-in person as the shell shows them: name, the chosen organisation, the roles held there. */
export const session = computed<StaffSession | null>(() => {
  const current = serverSession.value;
  if (current === null) return null;
  const chosen =
    current.memberships.find((m) => m.organizationId === chosenOrganizationId.value) ??
    current.memberships[0];
  return {
    displayName: current.person.displayName || current.person.email,
    roles: rolesIn(chosen?.organizationId),
    organization: chosen
      ? { ...organizationOf(chosen), timeZone: chosen.organizationTimeZone ?? browserTimeZone() }
      : { id: '', name: '', label: '', timeZone: browserTimeZone() },
  };
});

/**
 * What the portal wrote into the page (console/serve.ts): whether this browser's session cookie, which
 * the page cannot read, names a live session. Signed out, the console does not ask who is signed in:
 * the answer would be a 401, which the browser logs as an error on every visit. Without it (a page
 * served otherwise, as by Vite's dev server) the console asks.
 */
export function signedOutPerPage(): boolean {
  return document.querySelector('meta[name="otklik-session"]')?.getAttribute('content') === 'signed-out';
}

/** Takes the session the portal returned (sign-in, or the check at start). */
export function applySession(next: ServerSession | null): void {
  serverSession.value = next;
  sessionChecked.value = true;
}

/**
 * Asks the portal who is signed in, unless the page says nobody is (a 401 still means nobody: a
 * session that ended since the page was sent); the client loads with the first call.
 */
export async function loadSession(): Promise<void> {
  if (signedOutPerPage()) return applySession(null);
  const { api } = await import('./api.ts');
  try {
    applySession(await api.getStaffSession());
  } catch {
    applySession(null);
  }
}

/** Signs out here, or everywhere, and forgets the session. */
export async function signOut(everywhere = false): Promise<void> {
  const { api } = await import('./api.ts');
  try {
    await (everywhere ? api.signOutStaffEverywhere() : api.signOutStaff());
  } finally {
    applySession(null);
  }
}

/** The time zone dates are shown in: the chosen organisation's (from the session), else the browser's. */
export const timeZone = computed(() => session.value?.organization.timeZone ?? browserTimeZone());
