/**
 * An organisation's people: who holds which role, invitations by e-mail (the link opens the console;
 * accepting creates the account and the role), changing and removing roles.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { StaffRole } from '@otklik/client/contract';
import type {
  InvitationAccepted,
  Language,
  StaffInvitation,
  StaffPeople,
  StaffPerson,
} from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { KeyRing } from '../security/keys.ts';

export const INVITATION_TTL_DAYS = 7;
const PURPOSE = 'staff-invitation';

interface InvitationRow {
  id: string;
  email: string;
  organization_id: string;
  role: StaffRole;
  subtree: boolean;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
}

const invitationView = (row: InvitationRow): StaffInvitation => ({
  id: row.id,
  email: row.email,
  organizationId: row.organization_id,
  role: row.role,
  subtree: row.subtree,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  acceptedAt: row.accepted_at?.toISOString() ?? null,
});

/** The organisation's people with their roles there, and invitations not yet accepted or expired. */
export async function listPeople(db: Queryable, organizationId: string, now: Date): Promise<StaffPeople> {
  const rows = await db.query<{
    id: string;
    email: string;
    display_name: string;
    role: StaffRole;
    subtree: boolean;
  }>(
    `SELECT p.id, p.email, p.display_name, m.role, m.subtree FROM memberships m
     JOIN people p ON p.id = m.person_id WHERE m.organization_id = $1 ORDER BY p.email, m.role`,
    [organizationId],
  );
  const people = new Map<string, StaffPerson>();
  for (const row of rows) {
    let person = people.get(row.id);
    if (!person) {
      person = { id: row.id, email: row.email, displayName: row.display_name, roles: [] };
      people.set(row.id, person);
    }
    person.roles.push({ role: row.role, subtree: row.subtree });
  }
  const invitations = await db.query<InvitationRow>(
    `SELECT * FROM invitations WHERE organization_id = $1 AND accepted_at IS NULL AND expires_at > $2
     ORDER BY created_at DESC`,
    [organizationId, now],
  );
  return { people: [...people.values()], invitations: invitations.map(invitationView) };
}

/** Creates an invitation and queues its mail (with the link) in `db`'s transaction. */
export async function invite(
  db: Queryable,
  keys: KeyRing,
  input: {
    organizationId: string;
    email: string;
    role: StaffRole;
    subtree: boolean;
    invitedBy: string | null;
    language: Language;
    consoleUrl: string;
  },
  now: Date,
): Promise<StaffInvitation> {
  const [org] = await db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [
    input.organizationId,
  ]);
  if (org === undefined) throw new ProblemError(404, 'not-found', 'No such organisation');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  const [row] = await db.query<InvitationRow>(
    `INSERT INTO invitations (id, token_hash, email, organization_id, role, subtree, invited_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      randomUUID(),
      await keys.sign(PURPOSE, token),
      input.email,
      input.organizationId,
      input.role,
      input.subtree,
      input.invitedBy,
      now,
      expiresAt,
    ],
  );
  await enqueueMail(
    db,
    'staff-invitation',
    input.email,
    {
      language: input.language,
      organizationName: org.name,
      inviteUrl: `${input.consoleUrl}/invitation#${token}`,
      role: input.role,
      expiresDays: INVITATION_TTL_DAYS,
    },
    keys,
  );
  return invitationView(row as InvitationRow);
}

/** Accepts an invitation: the account (if new) and the role; 404 for an unknown, used or expired token. */
export async function acceptInvitation(
  db: Queryable,
  keys: KeyRing,
  token: string,
  now: Date,
): Promise<InvitationAccepted> {
  const [row] = await db.query<InvitationRow>(
    `UPDATE invitations SET accepted_at = $2
     WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 RETURNING *`,
    [await keys.sign(PURPOSE, token), now],
  );
  if (row === undefined || row.organization_id === null) {
    throw refusal('invitation-invalid', 'This invitation is unknown, used or expired');
  }
  const personId = await ensurePerson(db, row.email);
  await db.query(
    `INSERT INTO memberships (person_id, organization_id, role, subtree) VALUES ($1, $2, $3, $4)
     ON CONFLICT (person_id, organization_id, role) DO UPDATE SET subtree = EXCLUDED.subtree`,
    [personId, row.organization_id, row.role, row.subtree],
  );
  const [organization] = await db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [
    row.organization_id,
  ]);
  return {
    email: row.email,
    organizationId: row.organization_id,
    organizationName: organization?.name ?? row.organization_id,
    role: row.role,
  };
}

/** The person with this address, created if new. */
export async function ensurePerson(db: Queryable, email: string, displayName = ''): Promise<string> {
  await db.query(
    `INSERT INTO people (id, email, display_name) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING`,
    [randomUUID(), email, displayName],
  );
  const [row] = await db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [email]);
  if (!row) throw new Error(`No person ${email}`);
  return row.id;
}

/**
 * Replaces the person's roles in the organisation (none: removes them). 404 for a person without a
 * role there; 409 when it would leave the organisation without an administrator.
 */
export async function setRoles(
  db: Queryable,
  organizationId: string,
  personId: string,
  roles: readonly { role: StaffRole; subtree: boolean }[],
): Promise<StaffPerson> {
  const [person] = await db.query<{ email: string; display_name: string }>(
    `SELECT p.email, p.display_name FROM people p
     WHERE p.id = $1 AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.organization_id = $2)`,
    [personId, organizationId],
  );
  if (person === undefined) throw new ProblemError(404, 'not-found', 'No such person in this organisation');
  await db.query('DELETE FROM memberships WHERE person_id = $1 AND organization_id = $2', [
    personId,
    organizationId,
  ]);
  const unique = new Map(roles.map((r) => [r.role, r.subtree]));
  for (const [role, subtree] of unique) {
    await db.query(
      'INSERT INTO memberships (person_id, organization_id, role, subtree) VALUES ($1, $2, $3, $4)',
      [personId, organizationId, role, subtree],
    );
  }
  const [admins] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND role = 'administrator'`,
    [organizationId],
  );
  if ((admins?.n ?? 0) === 0) {
    throw refusal(
      'last-administrator',
      'The organisation would be left without an administrator: give another person the role first',
    );
  }
  return {
    id: personId,
    email: person.email,
    displayName: person.display_name,
    roles: [...unique].map(([role, subtree]) => ({ role, subtree })),
  };
}
