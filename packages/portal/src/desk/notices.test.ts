import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/types.ts';
import { renderMail } from '../mail/templates.ts';
import { staffHarness } from '../people/staff-harness.ts';
import { openDemoDatabase, testBackends } from '../testing/backends.ts';
import { runStaffNotices } from './notices.ts';

const backends = await testBackends();
const ORG = 'test-notices';
const DAY = 86_400_000;

describe.each(backends)('staff mail on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let db: Database;
  let cleanup = async () => {};
  let h: ReturnType<typeof staffHarness>;
  let executorId = '';

  beforeAll(async () => {
    if (backend.skipReason) return;
    const demo = await openDemoDatabase(backend);
    db = demo.db;
    cleanup = demo.close;
    h = staffHarness(db);
    await db.query(
      `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, time_zone, languages)
       VALUES ($1, 'Школа уведомлений', 'RU', 'ru-59fz', 'education', 'school', 'Europe/Moscow', ARRAY['ru'])`,
      [ORG],
    );
    await h.addPerson('coordinator@notices.test', [[ORG, 'coordinator']]);
    executorId = await h.addPerson('executor@notices.test', [[ORG, 'executor']]);
  }, 120_000);
  afterAll(() => cleanup());

  /** An appeal registered `ageMs` before `now`, due on the local date `dueDate`. */
  async function appeal(
    now: Date,
    ageMs: number,
    dueDate: string,
    extra: { status?: string; executor?: string } = {},
  ) {
    const id = randomUUID();
    const at = new Date(now.getTime() - ageMs).toISOString();
    await db.query(
      `INSERT INTO appeals (id, organization_id, registration_number, type, status, received_at, registered_at, due_at,
         due_date, executor_id)
       VALUES ($1, $2, $3, 'complaint', $4, $5, $5, $6::date + interval '21 hours', $6::date, $7)`,
      [id, ORG, `Н-${id.slice(0, 6)}`, extra.status ?? 'registered', at, dueDate, extra.executor ?? null],
    );
    return id;
  }
  const localDate = (at: Date) => new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
  const mailsTo = (email: string) =>
    db.query<{
      payload: Record<string, unknown> & { items: { kind: string; registrationNumber: string }[] };
    }>(`SELECT payload FROM outbox WHERE kind = 'staff-notices' AND recipient = $1 ORDER BY created_at, id`, [
      email,
    ]);

  test('new appeals to coordinators; messages and deadlines to the executor, else the coordinators; each once', async () => {
    const now = new Date('2027-03-10T09:00:00Z');
    const fresh = await appeal(now, 3_600_000, localDate(new Date(now.getTime() + 3 * DAY)));
    const late = await appeal(now, 40 * DAY, localDate(new Date(now.getTime() - DAY)), {
      executor: executorId,
    });
    await appeal(now, 40 * DAY, localDate(new Date(now.getTime() - DAY)), { status: 'withdrawn' });
    await db.query(
      `INSERT INTO appeal_messages (id, appeal_id, author, text, at) VALUES ($1, $2, 'applicant', 'Когда ответ?', $3)`,
      [randomUUID(), late, new Date(now.getTime() - 600_000).toISOString()],
    );
    expect(await runStaffNotices(db, now)).toEqual({ notices: 4, mails: 2 });
    const [toCoordinator] = await mailsTo('coordinator@notices.test');
    expect(toCoordinator?.payload.items.map((i) => i.kind).sort()).toEqual(['due-soon', 'new-appeal']);
    const [toExecutor] = await mailsTo('executor@notices.test');
    expect(toExecutor?.payload.items.map((i) => i.kind).sort()).toEqual(['applicant-wrote', 'overdue']);
    const rendered = renderMail('staff-notices', toExecutor?.payload ?? {});
    expect(rendered.subject).toMatch(/^Обращение № Н-\S+: (заявитель написал|срок истёк) и ещё 1$/);
    expect(rendered.text).toContain('срок истёк');
    void fresh;
    // The next run finds nothing new.
    expect(await runStaffNotices(db, new Date(now.getTime() + 300_000))).toEqual({ notices: 0, mails: 0 });
  });

  test('per-person preferences: a kind turned off is dropped; a digest goes out once a day', async () => {
    const { cookie, csrf } = await h.signIn('executor@notices.test');
    const put = await h.call('PUT', '/v1/staff/mail-preferences', {
      cookie,
      csrf,
      body: { newAppeal: true, applicantWrote: true, dueSoon: true, overdue: false, dailyDigest: true },
    });
    expect(put.status).toBe(200);
    expect(await (await h.call('GET', '/v1/staff/mail-preferences', { cookie })).json()).toMatchObject({
      overdue: false,
      dailyDigest: true,
    });
    const before = (await mailsTo('executor@notices.test')).length;
    const now = new Date('2027-03-11T09:00:00Z');
    const id = await appeal(now, 30 * DAY, localDate(new Date(now.getTime() - 2 * DAY)), {
      executor: executorId,
    });
    const write = (at: Date) =>
      db.query(
        `INSERT INTO appeal_messages (id, appeal_id, author, text, at) VALUES ($1, $2, 'applicant', 'Ещё', $3)`,
        [randomUUID(), id, at.toISOString()],
      );
    await write(new Date(now.getTime() - 60_000));
    await runStaffNotices(db, now);
    let mails = await mailsTo('executor@notices.test');
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.payload).toMatchObject({ digest: true, items: [{ kind: 'applicant-wrote' }] });
    // Within the day: held back; the next day: one digest with what gathered.
    const later = new Date(now.getTime() + 3 * 3_600_000);
    await write(new Date(later.getTime() - 60_000));
    await runStaffNotices(db, later);
    expect(await mailsTo('executor@notices.test')).toHaveLength(before + 1);
    await runStaffNotices(db, new Date(now.getTime() + DAY));
    mails = await mailsTo('executor@notices.test');
    expect(mails).toHaveLength(before + 2);
    expect(mails.at(-1)?.payload.items.map((i) => i.kind)).toEqual(['applicant-wrote']);
    // An API key has no person to set mail for.
    const key = await (await import('../staff/api-keys.ts')).createApiKey(db, ORG, 'notices');
    expect((await h.call('GET', '/v1/staff/mail-preferences', { apiKey: key })).status).toBe(403);
  });
});
