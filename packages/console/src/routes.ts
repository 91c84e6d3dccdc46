import {
  PORTAL_ADMINISTRATOR_PERMISSIONS,
  ROLE_PERMISSIONS,
  type StaffPermission,
} from '@otklik/client/contract';
import type { StaffRole } from './session.ts';
import type { ShellMessage } from './shell/shell.messages.ts';

/** Where the portal serves the console; every console path starts with it. */
export const BASE = '/console';

/** The console's own paths (screens not in the navigation). */
export const paths = {
  home: `${BASE}/`,
  signIn: `${BASE}/sign-in`,
  /** Where the portal's OpenID Connect provider sends staff back (registered with the provider). */
  signInOidc: `${BASE}/sign-in/oidc`,
  /** Where an invitation's link leads (the token in the fragment). */
  invitation: `${BASE}/invitation`,
  /** The organisation's people and roles (administrators). */
  people: `${BASE}/people`,
  /** The organisation's API keys (administrators). */
  apiKeys: `${BASE}/api-keys`,
  /** The organisation's webhooks to its document system (administrators). */
  webhooks: `${BASE}/webhooks`,
  /** The organisation's audit log (administrators). */
  auditLog: `${BASE}/audit-log`,
  /** The signed-in person's own account: second factor, signing out everywhere. */
  account: `${BASE}/account`,
  /** One appeal's card (the queue's rows lead there; Enter on a row opens it). */
  appeal: (appealId: string) => `${BASE}/queue/appeals/${encodeURIComponent(appealId)}` as const,
  /** The appeal's print view: the registration card or the answer (A4). */
  appealPrint: (appealId: string, kind: 'card' | 'answer') =>
    `${BASE}/queue/appeals/${encodeURIComponent(appealId)}/print/${kind}` as const,
  /** The settings tab where each topic gets its classifier code (the report counts by code). */
  classifierCodes: (organizationId: string) =>
    `${BASE}/settings/${encodeURIComponent(organizationId)}/classifier` as const,
  /** The portal administrator's screen (the navigation's section). */
  administration: `${BASE}/administration`,
  /** The portal's own audit log (portal administrators). */
  portalAuditLog: `${BASE}/administration/audit-log`,
  /** The calendars of non-working days (portal administrators). */
  calendars: `${BASE}/administration/calendars`,
  /** Every kit component in its states (example data; linked from nowhere). */
  kit: `${BASE}/kit`,
} as const;

export type SectionId = 'queue' | 'reports' | 'ratings' | 'settings' | 'administration';

export interface Section {
  id: SectionId;
  path: `${typeof BASE}/${string}`;
  label: ShellMessage & `nav.${SectionId}`;
  /**
   * What the section's screen reads from the portal: the section is shown to the roles the contract
   * grants it to, so the navigation never offers a screen the portal would refuse (403).
   */
  permission: StaffPermission;
  /** Who sees the section in the navigation: the roles holding `permission`. */
  roles: readonly StaffRole[];
}

/** The console's roles that hold `permission` (the portal administrator's are the portal's own). */
export function rolesHolding(permission: StaffPermission): StaffRole[] {
  const organizationRoles = (Object.keys(ROLE_PERMISSIONS) as (keyof typeof ROLE_PERMISSIONS)[]).filter(
    (role) => (ROLE_PERMISSIONS[role] as readonly StaffPermission[]).includes(permission),
  );
  const portal = (PORTAL_ADMINISTRATOR_PERMISSIONS as readonly StaffPermission[]).includes(permission);
  return portal ? [...organizationRoles, 'portal-administrator'] : organizationRoles;
}

const section = (id: SectionId, permission: StaffPermission): Section => ({
  id,
  path: `${BASE}/${id}`,
  label: `nav.${id}`,
  permission,
  roles: rolesHolding(permission),
});

/**
 * The navigation, in order, and who sees each item: the one table both the navigation and the home
 * screen read. (CONSOLE.md: clerks and executors live in the queue, heads approve from it, analysts
 * read reports and ratings, administrators keep settings, the portal administrator onboards.)
 */
export const sections: readonly Section[] = [
  section('queue', 'appeals.read'),
  section('reports', 'reports.read'),
  section('ratings', 'ratings.read'),
  section('settings', 'settings.manage'),
  section('administration', 'organizations.manage'),
];

/** The sections a person with `roles` sees, in navigation order. */
export function sectionsFor(roles: ReadonlySet<StaffRole>): Section[] {
  return sections.filter((section) => section.roles.some((role) => roles.has(role)));
}

/** The section `path` belongs to (its own page or one below it), if any. */
export function sectionOf(path: string): Section | undefined {
  return sections.find((section) => path === section.path || path.startsWith(`${section.path}/`));
}

/** The screens of one organisation's administration that are not sections of the navigation. */
const ADMINISTRATOR_SCREENS: readonly string[] = [
  paths.people,
  paths.apiKeys,
  paths.webhooks,
  paths.auditLog,
];

/**
 * Where the person goes when they switch organisation on `path`: the same screen when it is about
 * the organisation as a whole and their roles there show it; a section's own page from a page inside
 * it (an appeal, another organisation's settings); home when the new roles do not show it.
 */
export function pathAfterSwitch(path: string, roles: ReadonlySet<StaffRole>): string {
  const section = sectionOf(path);
  if (section) return section.roles.some((role) => roles.has(role)) ? section.path : paths.home;
  if (ADMINISTRATOR_SCREENS.includes(path)) return roles.has('administrator') ? path : paths.home;
  return path;
}
