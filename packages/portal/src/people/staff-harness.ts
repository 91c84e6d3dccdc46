/**
 * Tests' view of the staff side: a portal app on a given database with an adjustable clock, people
 * with roles, signing in through the real endpoints (the code read from the outbox), and requests
 * with a session cookie, a CSRF token or an API key.
 */
import type { StaffRole } from '@otklik/client/contract';
import { type AppOptions, createApp } from '../app.ts';
import type { Queryable } from '../db/types.ts';
import { createKeyRing } from '../security/keys.ts';
import { queuedMail } from '../testing/outbox.ts';
import { ensurePerson } from './members.ts';

export interface StaffCall {
  cookie?: string | undefined;
  csrf?: string | undefined;
  apiKey?: string | undefined;
  body?: unknown;
  origin?: string;
  headers?: Record<string, string>;
}

export function staffHarness(
  db: Queryable & Parameters<typeof createApp>[0]['db'],
  options: Partial<AppOptions> = {},
) {
  const clock = { now: new Date() };
  const keys = createKeyRing(db, 'staff-harness-secret');
  const app = createApp({ db, keys, now: () => clock.now, logger: { log() {} }, ...options });

  const call = (method: string, path: string, c: StaffCall = {}) =>
    app.request(`http://127.0.0.1${path}`, {
      method,
      headers: {
        ...(c.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(c.cookie ? { Cookie: c.cookie } : {}),
        ...(c.csrf ? { 'X-CSRF-Token': c.csrf } : {}),
        ...(c.apiKey ? { Authorization: `Bearer ${c.apiKey}` } : {}),
        ...(c.origin ? { Origin: c.origin } : {}),
        ...c.headers,
      },
      ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
    });

  /** The person with `email`, holding `roles` (`[organisation, role, subtree?]`), maybe a portal administrator. */
  async function addPerson(
    email: string,
    roles: readonly (readonly [string, StaffRole, boolean?])[] = [],
    portalAdministrator = false,
  ): Promise<string> {
    const id = await ensurePerson(db, email);
    for (const [org, role, subtree] of roles) {
      await db.query(
        'INSERT INTO memberships (person_id, organization_id, role, subtree) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [id, org, role, subtree ?? false],
      );
    }
    if (portalAdministrator) {
      await db.query('INSERT INTO portal_administrators (person_id) VALUES ($1) ON CONFLICT DO NOTHING', [
        id,
      ]);
    }
    return id;
  }

  /** The last sign-in code mailed to `email` (from the outbox). */
  async function lastCode(email: string): Promise<string | undefined> {
    return (await queuedMail<{ code: string }>(db, keys, 'staff-sign-in-code', email))?.code;
  }

  /** Asks for a code (202), reads it from the outbox and signs in; the cookie and CSRF token to call with. */
  async function signIn(email: string, extra: { totp?: string; cookie?: string } = {}) {
    const started = await call('POST', '/v1/staff/sign-in', { body: { email } });
    if (started.status !== 202) throw new Error(`sign-in request: ${started.status} ${await started.text()}`);
    const { signInId } = (await started.json()) as { signInId: string };
    const code = await lastCode(email);
    const res = await call('POST', `/v1/staff/sign-in/${signInId}`, {
      body: { code, ...(extra.totp ? { totp: extra.totp } : {}) },
      ...(extra.cookie ? { cookie: extra.cookie } : {}),
    });
    if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
    const setCookie = res.headers.get('Set-Cookie') ?? '';
    const session = (await res.json()) as { csrfToken: string; permissions: Record<string, string[]> };
    return { cookie: setCookie.split(';')[0] as string, csrf: session.csrfToken, session, setCookie };
  }

  return { app, db, keys, clock, call, addPerson, signIn, lastCode };
}
