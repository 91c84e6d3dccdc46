import { computed, signal } from '@preact/signals';
import { browserTimeZone } from './i18n/format.ts';

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

/** The signed-in person, or null. Staff sign-in is not wired yet (screens/sign-in.tsx), so it stays null. */
export const session = signal<StaffSession | null>(null);

/**
 * The roles the console shows sections for. Until staff sign-in exists nobody is signed in, and every
 * section is shown: each is a placeholder without data.
 */
export const shownRoles = computed<ReadonlySet<StaffRole>>(
  () => session.value?.roles ?? new Set(STAFF_ROLES),
);

/** The time zone dates are shown in: the chosen organisation's, else the browser's. */
export const timeZone = computed(() => session.value?.organization.timeZone ?? browserTimeZone());
