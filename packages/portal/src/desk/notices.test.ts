import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderMail } from '../mail/templates.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { runStaffNotices } from './notices.ts';

const backends = await testBackends();
const ORG = 'test-notices';
const DAY = 86_400_000;

describe.each(backends)('staff mail on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let executorId = '';
  let readerId = '';
  const h = useDemoStaff(backend, {
    setup: async () => {
      await h.db.query(
        `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, time_zone, languages)
       VALUES ($1, 'Школа уведомлений', 'RU', 'ru-59fz', 'education', 'school', 'Europe/Moscow', ARRAY['ru'])`,
        [ORG],
      );
      await h.addPerson('coordinator@notices.test', [[ORG, 'coordinator']]);
      executorId = await h.addPerson('executor@notices.test', [[ORG, 'executor']]);
      await h.addPerson('head@notices.test', [[ORG, 'approver']]);
      await h.addPerson('deputy@notices.test', [[ORG, 'approver']]);
      readerId = await h.addPerson('reader@notices.test', [[ORG, 'approver']]);
    },
  });

  /** An appeal registered `ageMs` before `now`, due on the local date `dueDate`. */
  async function appeal(
    now: Date,
    ageMs: number,
    dueDate: string,
    extra: { status?: string; executor?: string } = {},
  ) {
    const id = randomUUID();
    const at = new Date(now.getTime() - ageMs).toISOString();
    await h.db.query(
      `INSERT INTO appeals (id, organization_id, registration_number, type, status, received_at, registered_at, due_at,
         due_date, executor_id)
       VALUES ($1, $2, $3, 'complaint', $4, $5, $5, $6::date + interval '21 hours', $6::date, $7)`,
      [id, ORG, `Н-${id.slice(0, 6)}`, extra.status ?? 'registered', at, dueDate, extra.executor ?? null],
    );
    return id;
  }
  const localDate = (at: Date) => new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
  const mailsTo = (email: string) =>
    h.db.query<{
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
    await h.db.query(
      `INSERT INTO appeal_messages (id, appeal_id, author, text, at) VALUES ($1, $2, 'applicant', 'Когда ответ?', $3)`,
      [randomUUID(), late, new Date(now.getTime() - 600_000).toISOString()],
    );
    expect(await runStaffNotices(h.db, now)).toEqual({ notices: 4, mails: 2 });
    const [toCoordinator] = await mailsTo('coordinator@notices.test');
    expect(toCoordinator?.payload.items.map((i) => i.kind).sort()).toEqual(['due-soon', 'new-appeal']);
    const [toExecutor] = await mailsTo('executor@notices.test');
    expect(toExecutor?.payload.items.map((i) => i.kind).sort()).toEqual(['applicant-wrote', 'overdue']);
    const rendered = renderMail('staff-notices', toExecutor?.payload ?? {});
    expect(rendered.subject).toMatch(/^Обращение № Н-\S+: (заявитель написал|срок истёк) и ещё 1$/);
    expect(rendered.text).toContain('срок истёк');
    void fresh;
    // The next run finds nothing new.
    expect(await runStaffNotices(h.db, new Date(now.getTime() + 300_000))).toEqual({ notices: 0, mails: 0 });
  });

  test('per-person preferences: a kind turned off is dropped; a digest goes out once a day', async () => {
    const { cookie, csrf } = await h.signIn('executor@notices.test');
    const put = await h.call('PUT', '/v1/staff/mail-preferences', {
      cookie,
      csrf,
      body: {
        newAppeal: true,
        applicantWrote: true,
        dueSoon: true,
        overdue: false,
        approvals: true,
        dailyDigest: true,
      },
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
      h.db.query(
        `INSERT INTO appeal_messages (id, appeal_id, author, text, at) VALUES ($1, $2, 'applicant', 'Ещё', $3)`,
        [randomUUID(), id, at.toISOString()],
      );
    await write(new Date(now.getTime() - 60_000));
    await runStaffNotices(h.db, now);
    let mails = await mailsTo('executor@notices.test');
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.payload).toMatchObject({ digest: true, items: [{ kind: 'applicant-wrote' }] });
    // Within the day: held back; the next day: one digest with what gathered.
    const later = new Date(now.getTime() + 3 * 3_600_000);
    await write(new Date(later.getTime() - 60_000));
    await runStaffNotices(h.db, later);
    expect(await mailsTo('executor@notices.test')).toHaveLength(before + 1);
    await runStaffNotices(h.db, new Date(now.getTime() + DAY));
    mails = await mailsTo('executor@notices.test');
    expect(mails).toHaveLength(before + 2);
    expect(mails.at(-1)?.payload.items.map((i) => i.kind)).toEqual(['applicant-wrote']);
    // An API key has no person to set mail for.
    const key = await (await import('../staff/api-keys.ts')).createApiKey(h.db, ORG, 'notices');
    expect((await h.call('GET', '/v1/staff/mail-preferences', { apiKey: key })).status).toBe(403);
  });

  test('the approval: each step mails at once, in its own transaction — the approvers of a draft sent to them, the executor of its return (with the comment) and approval', async () => {
    // Real time: the steps go through the endpoints, whose history is stamped by the database clock.
    const now = new Date();
    const id = await appeal(now, 10 * DAY, localDate(new Date(now.getTime() + 20 * DAY)), {
      executor: executorId,
    });
    const teacher = await h.signIn('executor@notices.test');
    const head = await h.signIn('head@notices.test');
    const deputy = await h.signIn('deputy@notices.test');
    const prefer = async (who: typeof teacher, approvals: boolean) => {
      const body = {
        newAppeal: true,
        applicantWrote: true,
        dueSoon: true,
        overdue: true,
        dailyDigest: false,
      };
      const res = await h.call('PUT', '/v1/staff/mail-preferences', { ...who, body: { ...body, approvals } });
      expect(res.status).toBe(200);
    };
    // The deputy wants no approval mail; the executor (a digest reader above) mail at once; the reader
    // reads a daily digest and had today's an hour ago.
    await prefer(deputy, false);
    await prefer(teacher, true);
    await h.db.query(
      `INSERT INTO staff_mail_preferences (person_id, new_appeal, applicant_wrote, due_soon, overdue, approvals,
         daily_digest, last_digest_at)
       VALUES ($1, true, true, true, true, true, true, $2)`,
      [readerId, new Date(now.getTime() - 3_600_000)],
    );
    const step = async (method: string, path: string, who: typeof teacher, body?: unknown) => {
      const res = await h.call(method, `/v1/staff/appeals/${id}${path}`, { ...who, body });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    const approvalMails = async (email: string) =>
      (await mailsTo(email))
        .flatMap(
          (m) =>
            m.payload.items as { kind: string; registrationNumber: string; by?: string; comment?: string }[],
        )
        .filter((i) => i.kind.startsWith('draft-'));
    const text = 'Сообщаем, что ремонт спортзала запланирован на июль.';
    await step('PUT', '/draft', teacher, { result: 'explained', text });
    // No run of the periodic worker between the steps and the checks: the step queued the mail.
    await step('POST', '/draft/submit', teacher);
    expect(await approvalMails('head@notices.test')).toEqual([
      expect.objectContaining({ kind: 'draft-submitted', by: 'executor@notices.test' }),
    ]);
    expect(await approvalMails('deputy@notices.test')).toEqual([]);
    expect(await approvalMails('executor@notices.test')).toEqual([]);
    // The digest reader's notice is recorded and waits for their next digest.
    expect(await approvalMails('reader@notices.test')).toEqual([]);
    expect(
      await h.db.query('SELECT 1 FROM staff_notices WHERE person_id = $1 AND done_at IS NULL', [readerId]),
    ).toHaveLength(1);
    await step('POST', '/draft/return', head, { comment: 'Укажите точную дату.' });
    expect((await approvalMails('executor@notices.test')).map((i) => i.kind)).toEqual(['draft-returned']);
    await step('PUT', '/draft', teacher, { result: 'explained', text: `${text} Дата: 1 июля.` });
    await step('POST', '/draft/submit', teacher);
    await step('POST', '/draft/approve', head);
    const toExecutor = await approvalMails('executor@notices.test');
    expect(toExecutor.map((i) => i.kind)).toEqual(['draft-returned', 'draft-approved']);
    expect(toExecutor[0]).toMatchObject({ by: 'head@notices.test', comment: 'Укажите точную дату.' });
    // The second submission is a notice of its own; the approver never hears of their own steps.
    expect((await approvalMails('head@notices.test')).map((i) => i.kind)).toEqual([
      'draft-submitted',
      'draft-submitted',
    ]);
    const [mail] = (await mailsTo('executor@notices.test')).filter((m) =>
      m.payload.items.some((i) => i.kind === 'draft-returned'),
    );
    const rendered = renderMail('staff-notices', mail?.payload ?? {});
    expect(rendered.text).toContain('ответ возвращён на доработку');
    expect(rendered.text).toContain('комментарий: Укажите точную дату.');
    // The periodic run mails nothing twice, and holds the digest until its day is out.
    expect((await runStaffNotices(h.db, new Date())).mails).toBe(0);
    const digest = await runStaffNotices(h.db, new Date(now.getTime() + DAY));
    expect(digest.mails).toBeGreaterThanOrEqual(1);
    expect((await approvalMails('reader@notices.test')).map((i) => i.kind)).toEqual([
      'draft-submitted',
      'draft-submitted',
    ]);
  });
});
