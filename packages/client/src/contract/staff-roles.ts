/**
 * Staff roles and what each may do. A role is held in one organisation and, with `subtree`, reaches
 * the organisations below it for figures (`subtree` permissions) — never for personal data, which
 * needs a role in the appeal's own organisation.
 */
import type { StaffPermission } from './endpoint.ts';

/** The roles a person holds in an organisation. */
export const STAFF_ROLES = ['administrator', 'coordinator', 'executor', 'approver', 'analyst'] as const;
/** A role held in an organisation. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The permissions of each role: the administrator runs the organisation's settings, people, keys and
 * audit log; the coordinator reads and moves appeals on; the executor reads and works on them; the
 * approver reads and answers them; the analyst reads ratings and figures, no personal data. The
 * coordinator (who keeps the register), the approver (the head) and the analyst read the monthly report.
 */
export const ROLE_PERMISSIONS = {
  administrator: ['settings.manage', 'people.manage', 'keys.manage', 'audit.read'],
  coordinator: ['appeals.read', 'appeals.process', 'appeals.assign', 'reports.read'],
  executor: ['appeals.read', 'appeals.process', 'appeals.draft'],
  approver: ['appeals.read', 'appeals.answer', 'reports.read'],
  analyst: ['ratings.read', 'reports.read'],
} as const satisfies Record<StaffRole, readonly StaffPermission[]>;

/** What a portal administrator holds (besides any roles in organisations). */
export const PORTAL_ADMINISTRATOR_PERMISSIONS = [
  'organizations.manage',
] as const satisfies readonly StaffPermission[];

/**
 * What an organisation's API key (an integration) may do: everything its organisation's staff may,
 * except managing people and keys (a key cannot mint keys or accounts).
 */
export const API_KEY_PERMISSIONS = [
  'appeals.read',
  'appeals.process',
  'appeals.assign',
  'appeals.draft',
  'appeals.answer',
  'settings.manage',
  'ratings.read',
  'reports.read',
  'audit.read',
] as const satisfies readonly StaffPermission[];
