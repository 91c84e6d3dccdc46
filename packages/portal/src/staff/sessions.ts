/**
 * Console sessions: an opaque token in an HttpOnly, SameSite=Strict cookie (`__Host-` and `Secure`
 * everywhere but on loopback), only its HMAC stored; idle expiry after an hour, absolute after 12
 * hours; a CSRF token (an HMAC of the session id) that every state-changing call must send.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Queryable } from '../db/types.ts';
import { requestHeader, setHeader } from '../http/headers.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import { type KeyRing, safeEqualHex } from '../security/keys.ts';
import { type Membership, type PersonActor, personalPermissions } from './actor.ts';

export const SESSION_IDLE_MS = 60 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
const TOKEN_PURPOSE = 'staff-session';
const CSRF_PURPOSE = 'staff-csrf';

/** Whether the request came to a loopback host (plain HTTP development): no `Secure`, no `__Host-`. */
export function isLoopbackRequest(c: Context): boolean {
  const host = (requestHeader(c, 'Host') ?? new URL(c.req.url).host).toLowerCase();
  return /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/.test(host);
}

/** A cookie's name: `__Host-` prefixed (so only this host over HTTPS may set it) except on loopback. */
const hostCookieName = (c: Context, name: string) => (isLoopbackRequest(c) ? name : `__Host-${name}`);

export const sessionCookieName = (c: Context) => hostCookieName(c, 'otklik-session');

/**
 * The `Set-Cookie` value of an HttpOnly, SameSite=Strict cookie for the whole host carrying `value`
 * for `maxAgeMs` (or, with null, clearing it); `Secure` everywhere but on loopback.
 */
export function hostCookie(c: Context, name: string, value: string | null, maxAgeMs: number): string {
  const parts = [
    `${hostCookieName(c, name)}=${value ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    value === null ? 'Max-Age=0' : `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  if (!isLoopbackRequest(c)) parts.push('Secure');
  return parts.join('; ');
}

/** The value of the {@link hostCookie} `name` the request carries, if it looks like a token of ours. */
export function hostCookieValue(c: Context, name: string): string | undefined {
  const wanted = hostCookieName(c, name);
  for (const part of (requestHeader(c, 'Cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === wanted) {
      const token = value.join('=');
      return /^[\w-]{43}$/.test(token) ? token : undefined;
    }
  }
  return undefined;
}

/** The `Set-Cookie` value that carries `token` (or, with null, clears the cookie). */
export const sessionCookie = (c: Context, token: string | null): string =>
  hostCookie(c, 'otklik-session', token, SESSION_ABSOLUTE_MS);

/** The session token the request's cookie carries, if any. */
export const sessionTokenOf = (c: Context): string | undefined => hostCookieValue(c, 'otklik-session');

export const csrfTokenFor = (keys: KeyRing, sessionId: string) => keys.sign(CSRF_PURPOSE, sessionId);

/** Starts a session for the person: a fresh random token (never one the browser offered). */
export async function createSession(
  db: Queryable,
  keys: KeyRing,
  personId: string,
  now: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const id = randomUUID();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db.query(
    `INSERT INTO staff_sessions (id, token_hash, person_id, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $4, $5)`,
    [id, await keys.sign(TOKEN_PURPOSE, token), personId, now, expiresAt],
  );
  return { id, token, expiresAt };
}

/** The person's roles, whether they administer the portal, and their account's basics. */
export async function loadPerson(db: Queryable, personId: string) {
  const [person] = await db.query<{
    id: string;
    email: string;
    display_name: string;
    totp_enabled_at: Date | null;
    portal_admin: boolean;
  }>(
    `SELECT p.id, p.email, p.display_name, p.totp_enabled_at,
            EXISTS (SELECT 1 FROM portal_administrators a WHERE a.person_id = p.id) AS portal_admin
     FROM people p WHERE p.id = $1`,
    [personId],
  );
  if (person === undefined) return null;
  const memberships = await db.query<{
    organization_id: string;
    role: Membership['role'];
    subtree: boolean;
    name: string;
    short_name: string | null;
    time_zone: string;
  }>(
    // A role in an organisation that requires a second factor counts only once one is set up.
    `SELECT m.organization_id, m.role, m.subtree, o.name, o.short_name, o.time_zone FROM memberships m
     JOIN organizations o ON o.id = m.organization_id JOIN people p ON p.id = m.person_id
     WHERE m.person_id = $1 AND (NOT o.require_totp OR p.totp_enabled_at IS NOT NULL)
     ORDER BY m.created_at, m.organization_id, m.role`,
    [personId],
  );
  return {
    ...person,
    memberships: memberships.map((m) => ({
      organizationId: m.organization_id,
      organizationName: m.name,
      organizationShortName: m.short_name,
      organizationTimeZone: m.time_zone,
      role: m.role,
      subtree: m.subtree,
    })),
  };
}

// The challenge names the API key scheme: integrations read it; the console signs in instead.
const unauthorized = (detail: string) =>
  new ProblemError(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer realm="otklik"' });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session whose token is $1, live at $2: not revoked, not expired, last seen after $3. */
const LIVE_SESSION = 'token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3';
const liveSessionParams = async (keys: KeyRing, token: string, at: Date) => [
  await keys.sign(TOKEN_PURPOSE, token),
  at,
  new Date(at.getTime() - SESSION_IDLE_MS),
];

/**
 * The person the session cookie names: 401 without a live session (unknown, revoked, idle for an
 * hour or older than 12 hours); 403 for a write without the session's CSRF token. Each call moves
 * the idle expiry on.
 */
export async function authenticateSession(
  c: Context,
  db: Queryable,
  keys: KeyRing,
  now: () => Date,
): Promise<PersonActor> {
  const token = sessionTokenOf(c);
  if (token === undefined) {
    throw unauthorized('Sign in to the console, or send an API key as Authorization: Bearer otk_…');
  }
  const at = now();
  const [session] = await db.query<{ id: string; person_id: string }>(
    `UPDATE staff_sessions SET last_seen_at = $2 WHERE ${LIVE_SESSION} RETURNING id, person_id`,
    await liveSessionParams(keys, token, at),
  );
  if (session === undefined) throw unauthorized('The session has ended; sign in again');
  if (!SAFE_METHODS.has(c.req.method)) {
    const sent = requestHeader(c, 'X-CSRF-Token') ?? '';
    if (!safeEqualHex(await csrfTokenFor(keys, session.id), sent)) {
      throw refusal('csrf-token-invalid', 'Send the session’s CSRF token as X-CSRF-Token');
    }
  }
  const person = await loadPerson(db, session.person_id);
  if (person === null) throw unauthorized('The session has ended; sign in again');
  const memberships = person.memberships.map(({ organizationId, role, subtree }) => ({
    organizationId,
    role,
    subtree,
  }));
  return {
    kind: 'person',
    personId: person.id,
    sessionId: session.id,
    email: person.email,
    memberships,
    portalAdministrator: person.portal_admin,
    organizationId: memberships[0]?.organizationId ?? '',
    permissions: personalPermissions(person.portal_admin),
  };
}

/**
 * What the console's page is told of its visitor (console/serve.ts): whether the session cookie names
 * a live session — read only, the idle expiry left as it is. An ended session's cookie is cleared in
 * the same answer, so the page does not ask the portal a question it would refuse (a 401 in the
 * browser's console on every visit).
 */
export async function consoleSessionState(
  c: Context,
  db: Queryable,
  keys: KeyRing,
  at: Date,
): Promise<'signed-in' | 'signed-out'> {
  const token = sessionTokenOf(c);
  if (token === undefined) return 'signed-out';
  const [live] = await db.query<{ id: string }>(
    `SELECT id FROM staff_sessions WHERE ${LIVE_SESSION}`,
    await liveSessionParams(keys, token, at),
  );
  if (live !== undefined) return 'signed-in';
  setHeader(c, 'Set-Cookie', sessionCookie(c, null));
  return 'signed-out';
}

/** Ends one session, or (with `everywhere`) every session of its person. */
export async function revokeSessions(db: Queryable, actor: PersonActor, everywhere: boolean, at: Date) {
  await db.query(
    everywhere
      ? 'UPDATE staff_sessions SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL'
      : 'UPDATE staff_sessions SET revoked_at = $2 WHERE id = $1',
    [everywhere ? actor.personId : actor.sessionId, at],
  );
}
