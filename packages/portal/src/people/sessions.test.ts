import { TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createIntakeGuard, DEFAULT_INTAKE_LIMITS } from '../abuse/intake-guard.ts';
import { MemoryRateLimitStore } from '../abuse/rate-limit.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { refusalOf } from '../testing/refusal.ts';
import { staffHarness } from './staff-harness.ts';

const backends = await testBackends();
const MINUTE = 60_000;

describe.each(backends)('staff sign-in and sessions on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  const h = useDemoStaff(backend);

  test('a code signs a person in: HttpOnly SameSite=Strict cookie, the session with roles and CSRF token', async () => {
    await h.addPerson('clerk@school.example', [['demo-school', 'coordinator']]);
    const { setCookie, session, cookie, csrf } = await h.signIn('clerk@school.example');
    expect(setCookie).toMatch(
      /^otklik-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    expect(session.permissions).toEqual({
      'demo-school': ['appeals.assign', 'appeals.process', 'appeals.read', 'reports.read'],
    });
    const res = await h.call('GET', '/v1/staff/session', { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      person: { email: 'clerk@school.example', totpEnabled: false },
      portalAdministrator: false,
      // The short name comes along: the console's header shows it where a phone has no room.
      memberships: [
        {
          organizationId: 'demo-school',
          organizationShortName: 'МБОУ СОШ № 1',
          // Its clock: the console counts "today" and "this month" on it, not on the reader's.
          organizationTimeZone: 'Europe/Moscow',
          role: 'coordinator',
          subtree: false,
        },
      ],
      csrfToken: csrf,
    });
    // The session opens the desk of its organisation.
    expect((await h.call('GET', '/v1/staff/appeals', { cookie })).status).toBe(200);
    const [row] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a JOIN people p ON p.id = a.person_id
       WHERE p.email = 'clerk@school.example' AND a.action = 'appeal.queue'`,
    );
    expect(row?.n).toBe(1);
  });

  test('off loopback the cookie is __Host- prefixed and Secure', async () => {
    await h.addPerson('secure@school.example', [['demo-school', 'analyst']]);
    const started = await h.app.request('https://otklik.example.org/v1/staff/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Host: 'otklik.example.org' },
      body: JSON.stringify({ email: 'secure@school.example' }),
    });
    const { signInId } = (await started.json()) as { signInId: string };
    const res = await h.app.request(`https://otklik.example.org/v1/staff/sign-in/${signInId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Host: 'otklik.example.org' },
      body: JSON.stringify({ code: await h.lastCode('secure@school.example') }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Set-Cookie')).toMatch(
      /^__Host-otklik-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/,
    );
  });

  test('an unknown address gets the same 202 and no mail; it can never sign in', async () => {
    const res = await h.call('POST', '/v1/staff/sign-in', { body: { email: 'Nobody@Example.org' } });
    expect(res.status).toBe(202);
    expect(Object.keys((await res.json()) as object).sort()).toEqual(['expiresAt', 'signInId']);
    const [mail] = await h.db.query(`SELECT 1 FROM outbox WHERE recipient = 'nobody@example.org'`);
    expect(mail).toBeUndefined();
  });

  test('writes with the cookie need the CSRF token: missing or wrong → 403, nothing changed', async () => {
    await h.addPerson('admin@school.example', [['demo-school', 'administrator']]);
    const { cookie, csrf } = await h.signIn('admin@school.example');
    const body = { label: 'crm' };
    const path = '/v1/staff/organizations/demo-school/api-keys';
    const before = await h.db.query('SELECT id FROM api_keys');
    const missing = await h.call('POST', path, { cookie, body });
    expect(missing.status).toBe(403);
    const wrong = await h.call('POST', path, { cookie, body, csrf: 'a'.repeat(64) });
    expect(wrong.status).toBe(403);
    expect(await h.db.query('SELECT id FROM api_keys')).toHaveLength(before.length);
    const ok = await h.call('POST', path, { cookie, body, csrf });
    expect(ok.status).toBe(201);
    // Another session's token is no good either.
    const other = await h.signIn('admin@school.example');
    expect(other.csrf).not.toBe(csrf);
    expect((await h.call('POST', path, { cookie, body, csrf: other.csrf })).status).toBe(403);
  });

  test('no session fixation: a cookie sent to sign-in is not adopted, a new token is issued', async () => {
    await h.addPerson('fix@school.example', [['demo-school', 'executor']]);
    const planted = `otklik-session=${'A'.repeat(43)}`;
    const { cookie } = await h.signIn('fix@school.example', { cookie: planted });
    expect(cookie).not.toBe(planted);
    expect((await h.call('GET', '/v1/staff/session', { cookie: planted })).status).toBe(401);
    expect((await h.call('GET', '/v1/staff/session', { cookie })).status).toBe(200);
  });

  test('idle for an hour or older than 12 hours: the session is over (injected clock)', async () => {
    await h.addPerson('idle@school.example', [['demo-school', 'approver']]);
    const start = new Date();
    h.clock.now = start;
    const { cookie } = await h.signIn('idle@school.example');
    // Active every 50 minutes: alive past the idle limit, until the absolute one.
    for (let step = 1; step <= 14; step++) {
      h.clock.now = new Date(start.getTime() + step * 50 * MINUTE);
      const status = (await h.call('GET', '/v1/staff/session', { cookie })).status;
      expect([step, status]).toEqual([step, step * 50 < 720 ? 200 : 401]);
    }
    h.clock.now = new Date();
    const idle = await h.signIn('idle@school.example');
    h.clock.now = new Date(Date.now() + 59 * MINUTE);
    expect((await h.call('GET', '/v1/staff/session', { cookie: idle.cookie })).status).toBe(200);
    h.clock.now = new Date(h.clock.now.getTime() + 61 * MINUTE);
    expect((await h.call('GET', '/v1/staff/session', { cookie: idle.cookie })).status).toBe(401);
    h.clock.now = new Date();
  });

  test('sign out ends this session; sign out everywhere ends them all', async () => {
    await h.addPerson('many@school.example', [['demo-school', 'coordinator']]);
    const a = await h.signIn('many@school.example');
    const b = await h.signIn('many@school.example');
    const c = await h.signIn('many@school.example');
    const out = await h.call('DELETE', '/v1/staff/session', a);
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toContain('Max-Age=0');
    expect((await h.call('GET', '/v1/staff/session', a)).status).toBe(401);
    expect((await h.call('GET', '/v1/staff/session', b)).status).toBe(200);
    expect((await h.call('DELETE', '/v1/staff/sessions', b)).status).toBe(204);
    expect((await h.call('GET', '/v1/staff/session', b)).status).toBe(401);
    expect((await h.call('GET', '/v1/staff/session', c)).status).toBe(401);
  });

  test('signing in and out is in the audit log of each organisation of the person, under their name', async () => {
    await h.addPerson('logged@school.example', [
      ['demo-school', 'coordinator'],
      ['demo-school', 'executor'],
      ['demo-school-2', 'analyst'],
    ]);
    const a = await h.signIn('logged@school.example');
    const b = await h.signIn('logged@school.example');
    expect((await h.call('DELETE', '/v1/staff/session', a)).status).toBe(204);
    expect((await h.call('DELETE', '/v1/staff/sessions', b)).status).toBe(204);
    const rows = await h.db.query<{ organization_id: string; action: string; details: unknown }>(
      `SELECT a.organization_id, a.action, a.details FROM audit_log a JOIN people p ON p.id = a.person_id
       WHERE p.email = 'logged@school.example' ORDER BY a.organization_id, a.id`,
    );
    const expected = [
      { action: 'session.sign-in', details: { method: 'email-code' } },
      { action: 'session.sign-in', details: { method: 'email-code' } },
      { action: 'session.sign-out', details: null },
      { action: 'session.sign-out-everywhere', details: null },
    ];
    // One entry per organisation, not per role held there.
    expect(rows).toEqual([
      ...expected.map((e) => ({ organization_id: 'demo-school', ...e })),
      ...expected.map((e) => ({ organization_id: 'demo-school-2', ...e })),
    ]);
    // The organisation's administrator reads them, named by the person.
    await h.addPerson('auditor@school.example', [['demo-school', 'administrator']]);
    const admin = await h.signIn('auditor@school.example');
    const log = await h.call('GET', '/v1/staff/organizations/demo-school/audit-log?limit=200', admin);
    const items = ((await log.json()) as { items: { action: string; actor: { name: string } | null }[] })
      .items;
    expect(items.filter((i) => i.actor?.name === 'logged@school.example').map((i) => i.action)).toEqual([
      'session.sign-out-everywhere',
      'session.sign-out',
      'session.sign-in',
      'session.sign-in',
    ]);
  });

  test('code guessing: five wrong codes, then 429 even for the right one; asking too often → 429', async () => {
    await h.addPerson('guess@school.example', [['demo-school', 'coordinator']]);
    const started = await h.call('POST', '/v1/staff/sign-in', { body: { email: 'guess@school.example' } });
    const { signInId } = (await started.json()) as { signInId: string };
    const right = await h.lastCode('guess@school.example');
    const wrongCode = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await h.call('POST', `/v1/staff/sign-in/${signInId}`, { body: { code: wrongCode } });
      expect(await refusalOf(res)).toEqual({
        status: 422,
        reason: 'sign-in-code-wrong',
        issues: { 'body.code': 'sign-in-code-wrong' },
      });
    }
    const blocked = await h.call('POST', `/v1/staff/sign-in/${signInId}`, { body: { code: right } });
    expect(await refusalOf(blocked)).toEqual({ status: 429, reason: 'too-many-wrong-codes' });
    expect(blocked.headers.get('Set-Cookie')).toBeNull();
    // One code was asked for; four more are allowed in the window, the next is refused.
    for (let i = 0; i < 4; i++) {
      expect(
        (await h.call('POST', '/v1/staff/sign-in', { body: { email: 'guess@school.example' } })).status,
      ).toBe(202);
    }
    const limited = await h.call('POST', '/v1/staff/sign-in', { body: { email: 'guess@school.example' } });
    expect(await refusalOf(limited)).toEqual({ status: 429, reason: 'too-many-codes-requested' });
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The same limit for an address without an account: the answers do not tell them apart.
    for (let i = 0; i < 5; i++)
      await h.call('POST', '/v1/staff/sign-in', { body: { email: 'ghost@example.org' } });
    expect((await h.call('POST', '/v1/staff/sign-in', { body: { email: 'ghost@example.org' } })).status).toBe(
      429,
    );
  });

  test('sign-in endpoints are refused from another origin', async () => {
    const res = await h.call('POST', '/v1/staff/sign-in', {
      body: { email: 'clerk@school.example' },
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
  });

  test('TOTP: enrol, confirm, then sign-in asks for the authenticator code; the secret is stored sealed', async () => {
    await h.addPerson('totp@school.example', [['demo-school', 'administrator']]);
    const s = await h.signIn('totp@school.example');
    const enrol = await h.call('POST', '/v1/staff/account/totp', { cookie: s.cookie, csrf: s.csrf });
    expect(enrol.status).toBe(200);
    const { secret, uri } = (await enrol.json()) as { secret: string; uri: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\/Otklik:totp%40school\.example\?/);
    const [stored] = await h.db.query<{ totp_secret: string }>(
      `SELECT totp_secret FROM people WHERE email = 'totp@school.example'`,
    );
    expect(stored?.totp_secret).not.toContain(secret);
    const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
    const wrongConfirm = await h.call('POST', '/v1/staff/account/totp/confirm', {
      ...s,
      body: { code: totp.generate({ timestamp: h.clock.now.getTime() }) === '123456' ? '654321' : '123456' },
    });
    expect(await refusalOf(wrongConfirm)).toEqual({
      status: 422,
      reason: 'totp-code-wrong',
      issues: { 'body.code': 'totp-code-wrong' },
    });
    const confirmedWith = totp.generate({ timestamp: h.clock.now.getTime() });
    const confirm = await h.call('POST', '/v1/staff/account/totp/confirm', {
      ...s,
      body: { code: confirmedWith },
    });
    expect(confirm.status).toBe(204);
    await expect(h.signIn('totp@school.example')).rejects.toThrow(/422.*body\.totp/);
    const wrongTotp = totp.generate({ timestamp: h.clock.now.getTime() }) === '123456' ? '654321' : '123456';
    await expect(h.signIn('totp@school.example', { totp: wrongTotp })).rejects.toThrow(/422/);
    const [failed] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a JOIN people p ON p.id = a.person_id
       WHERE p.email = 'totp@school.example' AND a.action = 'session.totp-failed'
         AND a.details->>'method' = 'email-code'`,
    );
    expect(failed?.n).toBe(1);
    // A code is accepted once (RFC 6238 §5.2): the one that confirmed the authenticator cannot sign in.
    await expect(h.signIn('totp@school.example', { totp: confirmedWith })).rejects.toThrow(
      /422.*used already/,
    );
    const next = totp.generate({ timestamp: h.clock.now.getTime() + 30_000 });
    const again = await h.signIn('totp@school.example', { totp: next });
    expect(again.session.permissions['demo-school']).toContain('people.manage');
  });

  test('an organisation requiring a second factor: its roles count only once one is set up', async () => {
    await h.db.query(`INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, require_totp)
      VALUES ('strict-school', 'Strict', 'RU', 'ru-59fz', 'education', 'school', true)`);
    await h.addPerson('strict@school.example', [['strict-school', 'administrator']]);
    const s = await h.signIn('strict@school.example');
    expect(s.session.permissions).toEqual({});
    expect((await h.call('GET', '/v1/staff/organizations/strict-school/people', s)).status).toBe(403);
  });

  test('per client address: sign-in requests and code checks beyond the limit → 429', async () => {
    const limited = staffHarness(h.db, {
      intakeGuard: createIntakeGuard({
        store: new MemoryRateLimitStore(),
        hashAddress: async (address) => address,
        trustProxy: true,
        limits: {
          'staff-sign-in': { ...DEFAULT_INTAKE_LIMITS['staff-sign-in'], perClient: 3 },
          'staff-sign-in-verify': { ...DEFAULT_INTAKE_LIMITS['staff-sign-in-verify'], perClient: 2 },
        },
      }),
    });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const ask = (email: string, ip: string) =>
      limited.call('POST', '/v1/staff/sign-in', { body: { email }, headers: from(ip) });
    // Different addresses from one client: the per-address limit does not apply, the per-client one does.
    for (let i = 0; i < 3; i++) expect((await ask(`spray-${i}@example.org`, '203.0.113.7')).status).toBe(202);
    const refused = await ask('spray-3@example.org', '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBeTruthy();
    expect((await ask('spray-3@example.org', '203.0.113.8')).status).toBe(202);
    const check = () =>
      limited.call('POST', `/v1/staff/sign-in/${crypto.randomUUID()}`, {
        body: { code: '000000' },
        headers: from('203.0.113.9'),
      });
    expect((await check()).status).toBe(404);
    expect((await check()).status).toBe(404);
    expect((await check()).status).toBe(429);
  });
});
