import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, seedDemoPeople } from '../seed/demo-people.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { queuedMail } from '../testing/outbox.ts';
import { refusalOf } from '../testing/refusal.ts';

const backends = await testBackends();

describe.each(backends)('people, keys, audit and organisations on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let admin: { cookie: string; csrf: string };
  let portalAdmin: { cookie: string; csrf: string };
  const h = useDemoStaff(backend, {
    app: { publicUrl: 'https://otklik.example.org' },
    setup: async () => {
      await h.addPerson('it@school.example', [['demo-school', 'administrator']]);
      await h.addPerson('region@example.org', [], true);
      admin = await h.signIn('it@school.example');
      portalAdmin = await h.signIn('region@example.org');
    },
  });

  const invitationToken = async (email: string) => {
    return (await queuedMail<{ inviteUrl: string }>(h.db, h.keys, 'staff-invitation', email))?.inviteUrl;
  };

  test('invite → mail with a console link → accept → the invitee signs in with the role', async () => {
    const res = await h.call('POST', '/v1/staff/organizations/demo-school/invitations', {
      ...admin,
      body: { email: 'Clerk@School.example', role: 'coordinator' },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      email: 'clerk@school.example',
      role: 'coordinator',
      acceptedAt: null,
    });
    const url = await invitationToken('clerk@school.example');
    expect(url).toMatch(/^https:\/\/otklik\.example\.org\/console\/invitation#[\w-]{43}$/);
    const token = (url as string).split('#')[1];
    const [stored] = await h.db.query<{ token_hash: string }>(
      `SELECT token_hash FROM invitations WHERE email = 'clerk@school.example'`,
    );
    expect(stored?.token_hash).not.toContain(token);
    // Before acceptance the address has no account: sign-in fails like a wrong code.
    await expect(h.signIn('clerk@school.example')).rejects.toThrow(/422/);
    const accepted = await h.call('POST', '/v1/staff/invitations/accept', { body: { token } });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({
      email: 'clerk@school.example',
      organizationId: 'demo-school',
      organizationName:
        'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»',
      role: 'coordinator',
    });
    expect(
      await refusalOf(await h.call('POST', '/v1/staff/invitations/accept', { body: { token } })),
    ).toEqual({
      status: 404,
      reason: 'invitation-invalid',
    });
    const clerk = await h.signIn('clerk@school.example');
    expect(clerk.session.permissions['demo-school']).toEqual([
      'appeals.assign',
      'appeals.process',
      'appeals.read',
      'reports.read',
    ]);
  });

  test('people list, role changes, removal; the last administrator stays', async () => {
    const list = await h.call('GET', '/v1/staff/organizations/demo-school/people', admin);
    const people = (await list.json()) as { people: { id: string; email: string }[] };
    const clerk = people.people.find((p) => p.email === 'clerk@school.example');
    const it_ = people.people.find((p) => p.email === 'it@school.example');
    expect(clerk && it_).toBeTruthy();
    const path = (id: string) => `/v1/staff/organizations/demo-school/people/${id}/roles`;
    const changed = await h.call('PUT', path(clerk?.id as string), {
      ...admin,
      body: { roles: [{ role: 'approver' }, { role: 'coordinator' }] },
    });
    expect(changed.status).toBe(200);
    const refused = await h.call('PUT', path(it_?.id as string), { ...admin, body: { roles: [] } });
    expect(await refusalOf(refused)).toEqual({ status: 409, reason: 'last-administrator' });
    // Another role instead of administrator is refused the same way.
    const demoted = await h.call('PUT', path(it_?.id as string), {
      ...admin,
      body: { roles: [{ role: 'coordinator' }] },
    });
    expect(await refusalOf(demoted)).toEqual({ status: 409, reason: 'last-administrator' });
    const [still] = await h.db.query(`SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id
      WHERE p.email = 'it@school.example' AND m.role = 'administrator'`);
    expect(still).toBeTruthy();
    expect((await h.call('PUT', path(clerk?.id as string), { ...admin, body: { roles: [] } })).status).toBe(
      200,
    );
    expect((await h.call('PUT', path(clerk?.id as string), { ...admin, body: { roles: [] } })).status).toBe(
      404,
    );
  });

  test('API keys: created once in plain, stored hashed, revoked at once; the audit log names the person', async () => {
    const created = await h.call('POST', '/v1/staff/organizations/demo-school/api-keys', {
      ...admin,
      body: { label: 'school CRM' },
    });
    expect(created.status).toBe(201);
    const { id, key } = (await created.json()) as { id: string; key: string };
    expect(key).toMatch(/^otk_/);
    const list = await (await h.call('GET', '/v1/staff/organizations/demo-school/api-keys', admin)).json();
    expect(JSON.stringify(list)).not.toContain(key);
    expect((await h.call('GET', '/v1/staff/appeals', { apiKey: key })).status).toBe(200);
    // A key may not mint keys.
    expect(
      (await h.call('GET', '/v1/staff/organizations/demo-school/api-keys', { apiKey: key })).status,
    ).toBe(403);
    expect((await h.call('DELETE', `/v1/staff/organizations/demo-school/api-keys/${id}`, admin)).status).toBe(
      204,
    );
    expect((await h.call('GET', '/v1/staff/appeals', { apiKey: key })).status).toBe(401);
    const audit = (await (
      await h.call('GET', '/v1/staff/organizations/demo-school/audit-log?limit=3', admin)
    ).json()) as {
      items: { action: string; actor: { kind: string; name: string } | null }[];
      nextBefore: number | null;
    };
    expect(audit.items.map((i) => i.action)).toEqual(['api-keys.revoke', 'appeal.queue', 'api-keys.list']);
    expect(audit.items[0]?.actor).toEqual({ kind: 'person', name: 'it@school.example' });
    expect(audit.items[1]?.actor).toEqual({ kind: 'api-key', name: 'school CRM' });
    const next = (await (
      await h.call(
        'GET',
        `/v1/staff/organizations/demo-school/audit-log?limit=3&before=${audit.nextBefore}`,
        admin,
      )
    ).json()) as { items: { id: number }[] };
    expect(next.items.length).toBeGreaterThan(0);
  });

  test('the audit log names an appeal by its registration number', async () => {
    const [appeal] = await h.db.query<{ id: string; registration_number: string }>(
      `SELECT id, registration_number FROM appeals WHERE organization_id = 'demo-school' LIMIT 1`,
    );
    if (!appeal) throw new Error('the demo has no appeal');
    await h.db.query(
      `INSERT INTO audit_log (organization_id, action, appeal_id) VALUES ('demo-school', 'appeal.read', $1)`,
      [appeal.id],
    );
    const audit = (await (
      await h.call('GET', '/v1/staff/organizations/demo-school/audit-log?limit=1', admin)
    ).json()) as { items: { appealId: string | null; appealNumber: string | null }[] };
    expect(audit.items[0]).toMatchObject({ appealId: appeal.id, appealNumber: appeal.registration_number });
  });

  test('a portal administrator creates an organisation, invites its administrator, lists it', async () => {
    const created = await h.call('POST', '/v1/staff/portal/organizations', {
      ...portalAdmin,
      body: {
        id: 'new-school',
        name: 'Новая школа',
        country: 'RU',
        jurisdiction: 'ru-59fz',
        parentId: 'demo-edu-dept',
        sphere: 'education',
        category: 'school',
        timeZone: 'Europe/Moscow',
        siteOrigin: 'https://new-school.example',
      },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 'new-school', administrators: 0 });
    const again = await h.call('POST', '/v1/staff/portal/organizations', {
      ...portalAdmin,
      body: {
        id: 'new-school',
        name: 'x',
        country: 'RU',
        jurisdiction: 'ru-59fz',
        sphere: 'education',
        category: 'school',
        timeZone: 'Europe/Moscow',
      },
    });
    expect(await refusalOf(again)).toEqual({ status: 409, reason: 'organization-id-taken' });
    const origins = await h.db.query(
      `SELECT origin FROM organization_origins WHERE organization_id = 'new-school'`,
    );
    expect(origins).toEqual([{ origin: 'https://new-school.example' }]);
    const invited = await h.call(
      'POST',
      '/v1/staff/portal/organizations/new-school/administrator-invitations',
      {
        ...portalAdmin,
        body: { email: 'head@new-school.example' },
      },
    );
    expect(invited.status).toBe(201);
    const token = ((await invitationToken('head@new-school.example')) as string).split('#')[1];
    await h.call('POST', '/v1/staff/invitations/accept', { body: { token } });
    const list = await h.call('GET', '/v1/staff/portal/organizations?q=новая', portalAdmin);
    expect(await list.json()).toMatchObject({ total: 1, items: [{ id: 'new-school', administrators: 1 }] });
    // An organisation's administrator is not a portal administrator.
    expect((await h.call('GET', '/v1/staff/portal/organizations', admin)).status).toBe(403);
  });

  test('the portal’s own audit log: portal administrators’ and roleless sign-ins, portal actions; theirs alone', async () => {
    type Page = {
      items: { action: string; actor: { name: string } | null; details: Record<string, unknown> | null }[];
      nextBefore: number | null;
    };
    const read = async (query = '') => {
      const res = await h.call('GET', `/v1/staff/portal/audit-log${query}`, portalAdmin);
      expect(res.status).toBe(200);
      return (await res.json()) as Page;
    };
    // Someone with no role anywhere signs in: without the portal's log, that sign-in was in no log.
    await h.addPerson('nobody@school.example', []);
    await h.signIn('nobody@school.example');
    await h.call('POST', '/v1/staff/portal/organizations', {
      ...portalAdmin,
      body: {
        id: 'audited-school',
        name: 'Школа для журнала',
        country: 'BY',
        jurisdiction: 'by-300z',
        sphere: 'education',
        category: 'school',
        timeZone: 'Europe/Minsk',
      },
    });
    await h.call('POST', '/v1/staff/portal/organizations/audited-school/administrator-invitations', {
      ...portalAdmin,
      body: { email: 'head@audited.example' },
    });
    const page = await read('?limit=200');
    const entries = page.items.map((i) => `${i.action} ${i.actor?.name ?? '-'}`);
    expect(entries.slice(0, 3)).toEqual([
      'people.invite region@example.org',
      'organization.create region@example.org',
      'session.sign-in nobody@school.example',
    ]);
    expect(page.items[0]?.details).toEqual({ role: 'administrator', organizationId: 'audited-school' });
    expect(page.items[1]?.details).toEqual({ organizationId: 'audited-school' });
    expect(page.items[2]?.details).toEqual({ method: 'email-code' });
    // The portal administrator's own sign-in (from beforeAll), and no organisation's entries.
    expect(entries).toContain('session.sign-in region@example.org');
    expect(entries).not.toContain('session.sign-in it@school.example');
    expect(entries.some((e) => e.startsWith('people.list') || e.startsWith('api-keys'))).toBe(false);
    // The organisation keeps its own record of being created, as before.
    const [orgEntry] = await h.db.query(
      `SELECT 1 FROM audit_log WHERE organization_id = 'audited-school' AND action = 'organization.create'`,
    );
    expect(orgEntry).toBeTruthy();
    // Paging back from the newest.
    const first = await read('?limit=1');
    expect(first.items).toHaveLength(1);
    const older = await read(`?limit=1&before=${first.nextBefore}`);
    expect(older.items[0]?.action).toBe('organization.create');
    // An organisation's administrator may not read it.
    expect((await h.call('GET', '/v1/staff/portal/audit-log', admin)).status).toBe(403);
  });

  test('CSV import: the dry run lists every refused row and why; thousands of rows in one go', async () => {
    const header =
      'id;name;short_name;country;jurisdiction;parent_id;sphere;category;time_zone;contact_email;site_origin';
    const bad = [
      header,
      'ok-one;Школа 1;;RU;ru-59fz;demo-edu-dept;education;school;Europe/Moscow;office@one.example;https://one.example',
      'Bad Id;Школа;;RU;ru-59fz;;education;school;Europe/Moscow;;',
      'bad-sphere;Школа;;BY;by-300z;;Education;School;Europe/Minsk;;',
      'ok-two;Школа 2;;XX;ru-59fz;;education;school;Mars/Olympus;not-mail;ftp://x',
      'demo-school;Дубль;;RU;ru-59fz;;education;school;Europe/Moscow;;',
      'orphan;Сирота;;RU;ru-59fz;no-parent;education;school;Europe/Moscow;;',
    ].join('\n');
    const dry = await h.call('POST', '/v1/staff/portal/organizations/import', {
      ...portalAdmin,
      body: { csv: bad, dryRun: true },
    });
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as {
      rows: number;
      created: number;
      refused: { line: number; reasons: string[] }[];
    };
    expect(report.rows).toBe(6);
    expect(report.created).toBe(0);
    expect(report.refused.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
    const sphereReasons = report.refused.splice(1, 1)[0]?.reasons ?? [];
    // The demo portal lists its spheres and each sphere's kinds: the refusal names them.
    expect(sphereReasons[0]).toMatch(
      /^sphere: .*\(the portal lists: .*education.*; or a new key in that form\)$/,
    );
    expect(sphereReasons[1]).toMatch(/^category: .*school/);
    expect(report.refused[1]?.reasons.join(' ')).toMatch(/country.*timeZone.*contactEmail.*siteOrigin/s);
    // A refused value comes with what is allowed.
    expect(report.refused[1]?.reasons.find((r) => r.startsWith('country:'))).toMatch(/\(allowed: RU, BY\)$/);
    expect(report.refused[1]?.reasons.find((r) => r.startsWith('timeZone:'))).toMatch(
      /\(e\.g\. Europe\/Kaliningrad, Europe\/Moscow, .*Asia\/Kamchatka, Europe\/Minsk\)$/,
    );
    expect(report.refused[0]?.reasons.join(' ')).toMatch(/^id: /);
    expect(report.refused[2]?.reasons).toEqual(['id: demo-school is taken']);
    expect(report.refused[3]?.reasons[0]).toMatch(/parentId: no organisation no-parent/);
    // Not a dry run, but rows refused: nothing is created.
    await h.call('POST', '/v1/staff/portal/organizations/import', {
      ...portalAdmin,
      body: { csv: bad, dryRun: false },
    });
    expect(await h.db.query(`SELECT 1 FROM organizations WHERE id = 'ok-one'`)).toEqual([]);

    const rows = [header.replaceAll(';', ',')];
    rows.push('imp-dept,"Отдел образования, район",,BY,by-300z,,education,department,Europe/Minsk,,');
    for (let i = 0; i < 3000; i++) {
      rows.push(
        `imp-${i},Школа № ${i},,BY,by-300z,imp-dept,education,school,Europe/Minsk,,https://imp-${i}.example`,
      );
    }
    const started = performance.now();
    const res = await h.call('POST', '/v1/staff/portal/organizations/import', {
      ...portalAdmin,
      body: { csv: rows.join('\r\n'), dryRun: false },
    });
    const ms = performance.now() - started;
    expect(await res.json()).toMatchObject({ rows: 3001, created: 3001, refused: [] });
    const [count] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM organizations WHERE parent_id = 'imp-dept'`,
    );
    expect(count?.n).toBe(3000);
    const [dept] = await h.db.query<{ name: string }>(`SELECT name FROM organizations WHERE id = 'imp-dept'`);
    expect(dept?.name).toBe('Отдел образования, район');
    console.info(`[figures] ${backend.name}: imported 3001 organisations in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  test('the demo seeds one person per role (idempotently), each able to sign in', async () => {
    await seedDemoPeople(h.db);
    await seedDemoPeople(h.db);
    const roles = new Set<string>();
    for (const person of DEMO_PEOPLE) {
      const { session } = await h.signIn(person.email);
      for (const m of (session as unknown as { memberships: { role: string }[] }).memberships)
        roles.add(m.role);
      if (person.portalAdministrator) roles.add('portal-administrator');
    }
    expect([...roles].sort()).toEqual([
      'administrator',
      'analyst',
      'approver',
      'coordinator',
      'executor',
      'portal-administrator',
    ]);
    const analyst = await h.signIn('analyst@dept.demo.otklik.localhost');
    expect((await h.call('GET', '/v1/staff/organizations/demo-school/rating-comments', analyst)).status).toBe(
      200,
    );
    expect((await h.call('GET', '/v1/staff/organizations/demo-by/rating-comments', analyst)).status).toBe(
      403,
    );
  });
});
