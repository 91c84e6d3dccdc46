import { randomUUID } from 'node:crypto';
import {
  AppealReceipt,
  AppealView,
  PowChallenge,
  Problem,
  type ProblemReason,
  WidgetSettings,
} from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { createChallenge, solveChallenge } from '../abuse/pow.ts';
import { createApp } from '../app.ts';
import { type Mailbox, startMailbox } from '../demo/mailbox.ts';
import { openPayload } from '../mail/outbox.ts';
import { type OutboxWorker, smtpTransport, startOutboxWorker } from '../mail/outbox-worker.ts';
import { createKeyRing } from '../security/keys.ts';
import { DEMO_CONSENT } from '../seed/demo.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { belarusianAppeal } from '../testing/applicants.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';

const backends = await testBackends();
const SITE = 'http://localhost:8788';

describe.each(backends)('appeal intake on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let app: ReturnType<typeof createApp>;
  let mailbox: Mailbox & { reject: boolean };
  let worker: OutboxWorker;
  let staffKey: string;
  const keys = () => createKeyRing(db, 'test-secret');

  const db = useDemoDatabase(backend, {
    setup: async () => {
      // A `generic` organisation: its profile hides the patronymic.
      await db.query(
        `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, time_zone, languages)
         VALUES ('test-generic', 'Generic club', 'RU', 'generic', 'culture', 'club', 'Europe/Moscow', ARRAY['ru', 'en'])`,
      );
      await db.query(`INSERT INTO organization_origins VALUES ('test-generic', $1)`, [SITE]);
      app = createApp({ db, keys: keys(), pow: { maxNumber: 200 } });
      mailbox = await startMailbox();
      worker = startOutboxWorker({
        db,
        keys: keys(),
        transport: smtpTransport(`smtp://127.0.0.1:${mailbox.port}`),
        from: 'Otklik test <noreply@otklik.test>',
        intervalMs: 3_600_000,
        retryBaseMs: 1,
      });
      staffKey = await createApiKey(db, 'demo-school', 'test');
    },
  });
  afterAll(async () => {
    await worker?.stop();
    await mailbox?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const problem = async (res: Response, status: number, code: string, reason?: ProblemReason) => {
    const body = v.parse(Problem, await res.json());
    expect({ status: res.status, code: body.code, reason: body.reason }).toEqual({ status, code, reason });
    return body;
  };
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? -1;

  async function pow(org: string) {
    const res = await post(`/v1/organizations/${org}/challenges`, {});
    expect(res.status).toBe(201);
    return solveChallenge(v.parse(PowChallenge, await res.json()));
  }

  /** The code of the last e-mail-code mail queued for `email` (sealed in the outbox: opened here). */
  async function queuedCode(email: string): Promise<{ code: string } | undefined> {
    const [row] = await db.query<{ id: string; payload: Record<string, unknown> }>(
      `SELECT id, payload FROM outbox WHERE kind = 'email-code' AND recipient = $1
       ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    if (!row) return undefined;
    expect(row.payload.code).toBeUndefined();
    return (await openPayload(keys(), row.id, row.payload)) as { code: string };
  }

  async function identityToken(org: string, email: string): Promise<string> {
    const sent = await post(`/v1/organizations/${org}/identity/email-code`, { email });
    expect(sent.status).toBe(202);
    const { verificationId } = (await sent.json()) as { verificationId: string };
    const row = await queuedCode(email);
    const res = await post(`/v1/organizations/${org}/identity/email-code/${verificationId}/verify`, {
      code: row?.code,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { identityToken: string }).identityToken;
  }

  const ruBody = async (email: string, extra: Record<string, unknown> = {}) => ({
    type: 'complaint',
    language: 'ru',
    applicant: { surname: 'Иванова', firstName: 'Мария', email },
    text: 'Прошу разобраться с расписанием.',
    consent: { version: DEMO_CONSENT.version, accepted: true },
    identityToken: await identityToken('demo-school', email),
    proofOfWork: await pow('demo-school'),
    pageUrl: `${SITE}/appeal.html`,
    ...extra,
  });
  const byBody = async (email: string, extra: Record<string, unknown> = {}) =>
    belarusianAppeal(email, await pow('demo-by'), extra);
  const file = (
    org: string,
    body: unknown,
    key: string | null = randomUUID(),
    headers: Record<string, string> = {},
  ) =>
    post(`/v1/organizations/${org}/appeals`, body, {
      ...(key ? { 'Idempotency-Key': key } : {}),
      ...headers,
    });
  const fileOk = async (org: string, body: unknown) => {
    const res = await file(org, body);
    expect(res.status).toBe(201);
    return v.parse(AppealReceipt, await res.json());
  };
  const asApplicant = (receipt: { accessSecret: string }) => ({
    Authorization: `Bearer ${receipt.accessSecret}`,
  });
  const view = async (receipt: AppealReceipt) => {
    const res = await app.request(`/v1/appeals/${receipt.appealId}`, { headers: asApplicant(receipt) });
    expect(res.status).toBe(200);
    return v.parse(AppealView, await res.json());
  };
  const staff = (path: string, body?: unknown) =>
    app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${staffKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  test('widget settings carry the appeal form settings and the profile; BY state bodies hand off', async () => {
    const by = v.parse(
      WidgetSettings,
      await (await app.request('/v1/organizations/demo-by/widget-settings')).json(),
    );
    expect(by.appeals).toMatchObject({
      mode: 'form',
      profile: { id: 'by-300z' },
      identity: { required: false },
    });
    expect(by.appeals.attachments.maxFiles).toBe(5);
    const state = v.parse(
      WidgetSettings,
      await (await app.request('/v1/organizations/demo-by-state/widget-settings')).json(),
    );
    expect(state.appeals).toMatchObject({ mode: 'handoff', handoffUrl: 'https://обращения.бел' });
    await problem(await file('demo-by-state', await byBody('x@example.com')), 409, 'appeals-handed-off');
  });

  test('50 concurrent filings with one key: one appeal, one answer (409 while in flight); changed body 422; no key 400', async () => {
    const body = JSON.stringify(await ruBody('many@example.com'));
    const key = randomUUID();
    const before = await count('appeals');
    const responses = await Promise.all(Array.from({ length: 50 }, () => file('demo-school', body, key)));
    const texts = await Promise.all(responses.map((r) => r.text()));
    const created = texts.filter((_, i) => responses[i]?.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created).size).toBe(1);
    // The others came while the first was running: 409 `conflict`, to be retried.
    for (const [i, res] of responses.entries()) {
      if (res.status !== 201)
        expect({ status: res.status, code: JSON.parse(texts[i] ?? '{}').code }).toEqual({
          status: 409,
          code: 'conflict',
        });
    }
    expect(await count('appeals')).toBe(before + 1);
    // A retry now gets the same answer, whatever the white space and the order of the keys.
    const reordered = JSON.parse(body) as Record<string, unknown>;
    const respaced = JSON.stringify(Object.fromEntries(Object.entries(reordered).reverse()), null, 2);
    const retry = await file('demo-school', respaced, key);
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(created[0]);
    const changed = JSON.stringify({ ...JSON.parse(body), text: 'Другой текст' });
    await problem(await file('demo-school', changed, key), 422, 'idempotency-key-reused');
    await problem(await file('demo-school', body, null), 400, 'bad-request');
    expect(await count('appeals')).toBe(before + 1);
    // The stored answer holds the access secret: it is sealed, not plain text.
    const receipt = JSON.parse(created[0] ?? '{}') as { accessSecret: string };
    const rows = await db.query<{ response_body: string }>(
      'SELECT response_body FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.response_body).not.toContain(receipt.accessSecret);
    expect(rows[0]?.response_body).toMatch(/^sealed:v1:/);
  });

  // PGlite runs one transaction at a time: a second request waits for the first and gets its answer,
  // so this case exists on PostgreSQL only.
  if (backend.name === 'postgres')
    test('a key whose first request is still running gets 409; a first request that failed leaves the key free', async () => {
      const body = JSON.stringify(await ruBody('inflight@example.com'));
      const key = randomUUID();
      const scope = `POST /v1/organizations/{organizationId}/appeals ${JSON.stringify({ organizationId: 'demo-school' })}`;
      // Another request holds the key (its transaction is open) while this one comes.
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 13))', [`${scope}\n${key}`]);
        await problem(await file('demo-school', body, key), 409, 'conflict');
      });
      // It ended without an answer (as if it failed or its process died): the key is free.
      const res = await file('demo-school', body, key);
      expect(res.status).toBe(201);
    });

  test('proof of work: a replay, a forged and an expired solution are refused', async () => {
    const body = await ruBody('pow@example.com');
    await fileOk('demo-school', body);
    await problem(await file('demo-school', body), 409, 'proof-of-work-replayed');
    const forged = { ...(await pow('demo-school')) };
    forged.signature = 'f'.repeat(64);
    await problem(await file('demo-school', { ...body, proofOfWork: forged }), 422, 'proof-of-work-invalid');
    const expired = solveChallenge(
      await createChallenge(keys(), 'demo-school', { maxNumber: 50, ttlMs: -1000 }),
    );
    await problem(await file('demo-school', { ...body, proofOfWork: expired }), 422, 'proof-of-work-invalid');
    const otherOrg = await pow('demo-by');
    await problem(
      await file('demo-school', { ...body, proofOfWork: otherOrg }),
      422,
      'proof-of-work-invalid',
    );
  });

  test('profile rules: identity on ru-59fz, fields on by-300z, hidden fields, text limit, consent', async () => {
    const ru = await ruBody('rules@example.com');
    const { identityToken: _, ...noToken } = ru;
    await problem(await file('demo-school', noToken), 422, 'identity-required');
    const otherToken = await identityToken('demo-school', 'someone-else@example.com');
    await problem(await file('demo-school', { ...ru, identityToken: otherToken }), 422, 'identity-invalid');
    const by = await byBody('by-rules@example.com');
    const bad = await problem(
      await file('demo-by', {
        ...by,
        applicant: { surname: 'А', firstName: 'Б', email: 'by-rules@example.com' },
      }),
      422,
      'validation-failed',
    );
    expect(bad.issues?.map((i) => i.path).sort()).toEqual([
      'body.applicant.patronymic',
      'body.applicant.postalAddress',
    ]);
    const generic = {
      type: 'proposal',
      language: 'ru',
      applicant: { firstName: 'Ян', patronymic: 'Скрытое', email: 'g@example.com' },
      text: 'Предложение',
      consent: { version: '1', accepted: true },
      proofOfWork: await pow('test-generic'),
    };
    const hidden = await problem(await file('test-generic', generic), 422, 'validation-failed');
    expect(hidden.issues?.map((i) => i.path)).toEqual(['body.applicant.patronymic']);
    const long = await problem(
      await file('demo-by', { ...by, text: 'а'.repeat(10_001) }),
      422,
      'validation-failed',
    );
    expect(long.issues?.[0]?.path).toBe('body.text');
    await problem(
      await file('demo-by', { ...by, consent: { version: '2000-01-01', accepted: true } }),
      422,
      'consent-required',
    );
    await problem(
      await file('demo-by', { ...by, consent: { version: DEMO_CONSENT.version } }),
      422,
      'validation-failed',
    );
    await problem(await file('demo-by', { ...by, website: 'http://spam' }), 422, 'validation-failed');
    await problem(await file('demo-by', { ...by, language: 'en' }), 422, 'validation-failed');
    await fileOk('demo-by', by);
  });

  test('due dates per profile, counted in the organisation’s time zone', async () => {
    // 21:30 UTC on 31 March is already 1 April in Moscow and Minsk (UTC+3).
    const late = createApp({
      db,
      keys: keys(),
      pow: { maxNumber: 200 },
      now: () => new Date('2026-03-31T21:30:00Z'),
    });
    const fileAt = async (org: string, body: Record<string, unknown>) => {
      const res = await late.request(`/v1/organizations/${org}/appeals`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      return v.parse(AppealReceipt, await res.json());
    };
    const ru = await fileAt('demo-school', await ruBody('due-ru@example.com'));
    // 1 April + 30 days is 1 May, a public holiday: 59-ФЗ's term ends on the working day before.
    expect(ru.dueDate).toBe('2026-04-30');
    // The tracker, the staff record and the registration mail show the same date.
    expect((await view(ru)).dueDate).toBe('2026-04-30');
    const record = await staff(`/v1/staff/appeals/${ru.appealId}`);
    expect(((await record.json()) as { dueDate: string }).dueDate).toBe('2026-04-30');
    const [mail] = await db.query<{ payload: { dueDate: string } }>(
      `SELECT payload FROM outbox WHERE kind = 'appeal-registered' AND recipient = 'due-ru@example.com'`,
    );
    expect(mail?.payload.dueDate).toBe('2026-04-30');
    expect(ru.registrationNumber).toMatch(/^ОБ-2026-\d{6}$/);
    const by = await fileAt('demo-by', await byBody('due-by@example.com'));
    expect(by.dueDate).toBe('2026-04-16');
    expect(by.registrationNumber).toMatch(/^ЗВ-2026-\d{6}$/);
  });

  test('a foreign origin is refused before anything is written', async () => {
    const body = await byBody('foreign@example.com');
    const tables = ['appeals', 'idempotency_keys', 'outbox', 'pow_spent'];
    const before = await Promise.all(tables.map(count));
    const res = await file('demo-by', body, randomUUID(), { Origin: 'https://evil.example' });
    await problem(res, 403, 'origin-not-allowed');
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect((await file('demo-by', body, randomUUID(), { Origin: SITE })).status).toBe(201);
  });

  test('the registration mail reaches the SMTP server; a failing server leaves it pending for a retry', async () => {
    mailbox.reject = true;
    const receipt = await fileOk('demo-school', await ruBody('mail@example.com'));
    const [queued] = await db.query<{ id: string }>(
      `SELECT id FROM outbox WHERE kind = 'appeal-registered' AND recipient = 'mail@example.com'`,
    );
    expect(queued).toBeDefined();
    await worker.runOnce();
    const [failed] = await db.query<{ sent_at: Date | null; attempts: number; last_error: string | null }>(
      'SELECT sent_at, attempts, last_error FROM outbox WHERE id = $1',
      [queued?.id],
    );
    expect(failed).toMatchObject({ sent_at: null, attempts: 1 });
    expect(failed?.last_error).toBeTruthy();
    mailbox.reject = false;
    await new Promise((r) => setTimeout(r, 20));
    await worker.runOnce();
    const mail = await mailbox.waitFor(
      (m) => m.to.includes('mail@example.com') && m.subject.includes('зарегистрировано'),
    );
    expect(mail.subject).toContain(receipt.registrationNumber);
    expect(mail.text).toContain(receipt.registrationNumber);
    expect(receipt.trackingUrl).toBe(
      `${SITE}/appeal.html#otklik-appeal=${receipt.appealId}.${receipt.accessSecret}`,
    );
    expect(mail.text).toContain(receipt.trackingUrl);
    const [sent] = await db.query<{ sent_at: Date | null; payload: Record<string, unknown> }>(
      'SELECT sent_at, payload FROM outbox WHERE id = $1',
      [queued?.id],
    );
    expect(sent?.sent_at).not.toBeNull();
    expect(sent?.payload.trackingUrl).toBeUndefined();
    // The copy of the appeal is mailed, then dropped from the outbox row.
    expect(sent?.payload.copy).toBeUndefined();
    expect(mail.text).toContain('Копия вашего обращения');
    expect(mail.text).toContain('Вид: жалоба');
    expect(mail.text).toContain('Прошу разобраться с расписанием.');
    // Dates as the widget writes them, the registration date in the organisation's zone.
    const ruDate = (iso: string) =>
      new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
        .format(new Date(`${iso}T00:00:00Z`))
        .replace(/^(\d+) /, '$1\u00a0')
        .replace(/ г\.$/, '\u00a0г.');
    expect(mail.text).toContain(`не позднее: ${ruDate(receipt.dueDate)}`);
    const registeredOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(
      new Date(receipt.registeredAt),
    );
    expect(mail.text).toContain(`Дата регистрации: ${ruDate(registeredOn)}`);
    expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(sent?.payload.sealed).toBeUndefined();
  });

  test('applicant and staff: view, wrong secret, answer, rating, invalid transition, audit', async () => {
    const receipt = await fileOk('demo-school', await ruBody('track@example.com', { topicId: 'meals' }));
    const first = await view(receipt);
    expect(first).toMatchObject({ status: 'registered', canWithdraw: false, canRate: false, answer: null });
    // A copy of what was sent, and the zone every date of the appeal is shown in.
    expect(first).toMatchObject({
      type: 'complaint',
      timeZone: 'Europe/Moscow',
      sent: { text: 'Прошу разобраться с расписанием.', topic: 'Питание' },
    });
    expect(first.history.map((h) => h.status)).toEqual(['registered']);
    const wrong = await app.request(`/v1/appeals/${receipt.appealId}`, {
      headers: { Authorization: `Bearer ${'x'.repeat(43)}` },
    });
    await problem(wrong, 404, 'not-found');
    await problem(await app.request(`/v1/appeals/${receipt.appealId}`), 401, 'unauthorized');

    const msgKey = randomUUID();
    const msg = await post(
      `/v1/appeals/${receipt.appealId}/messages`,
      { text: 'Уточнение' },
      {
        ...asApplicant(receipt),
        'Idempotency-Key': msgKey,
      },
    );
    expect(msg.status).toBe(201);
    const again = await post(
      `/v1/appeals/${receipt.appealId}/messages`,
      { text: 'Уточнение' },
      {
        ...asApplicant(receipt),
        'Idempotency-Key': msgKey,
      },
    );
    expect(again.status).toBe(201);
    expect((await view(receipt)).messages).toHaveLength(1);

    const queue = await staff('/v1/staff/appeals?status=registered&limit=100');
    expect(queue.status).toBe(200);
    const page = (await queue.json()) as { items: { appealId: string; dueDate: string; overdue: boolean }[] };
    expect(page.items.some((i) => i.appealId === receipt.appealId)).toBe(true);
    const dates = page.items.map((i) => i.dueDate);
    expect(dates).toEqual([...dates].sort());
    const full = await staff(`/v1/staff/appeals/${receipt.appealId}`);
    expect(await full.json()).toMatchObject({
      applicant: { email: 'track@example.com' },
      text: expect.any(String),
    });

    expect(
      (await staff(`/v1/staff/appeals/${receipt.appealId}/status`, { status: 'in_review' })).status,
    ).toBe(200);
    await problem(
      await staff(`/v1/staff/appeals/${receipt.appealId}/status`, { status: 'in_review' }),
      409,
      'conflict',
      'transition-not-allowed',
    );
    const reply = await staff(`/v1/staff/appeals/${receipt.appealId}/messages`, {
      text: 'Пришлите номер класса',
    });
    expect(reply.status).toBe(201);
    const answer = await staff(`/v1/staff/appeals/${receipt.appealId}/answer`, {
      result: 'explained',
      text: 'Расписание изменено с понедельника.',
    });
    expect(answer.status).toBe(200);
    await problem(
      await staff(`/v1/staff/appeals/${receipt.appealId}/status`, {
        status: 'forwarded',
        forwardedTo: 'Минобр',
      }),
      409,
      'conflict',
      'transition-not-allowed',
    );

    const answered = await view(receipt);
    expect(answered).toMatchObject({ status: 'answered', result: 'explained', canRate: true });
    expect(answered.answer?.text).toBe('Расписание изменено с понедельника.');
    expect(answered.history.map((h) => h.status)).toEqual(['registered', 'in_review', 'answered']);
    const rate = await post(
      `/v1/appeals/${receipt.appealId}/rating`,
      { score: 5 },
      {
        ...asApplicant(receipt),
        'Idempotency-Key': randomUUID(),
      },
    );
    expect(rate.status).toBe(200);
    expect(await rate.json()).toMatchObject({ rating: { score: 5 }, canRate: false });
    await problem(
      await post(
        `/v1/appeals/${receipt.appealId}/rating`,
        { score: 4 },
        { ...asApplicant(receipt), 'Idempotency-Key': randomUUID() },
      ),
      409,
      'conflict',
    );
    // Another organisation's key sees nothing.
    const otherKey = await createApiKey(db, 'demo-by');
    const foreign = await app.request(`/v1/staff/appeals/${receipt.appealId}`, {
      headers: { Authorization: `Bearer ${otherKey}` },
    });
    await problem(foreign, 404, 'not-found');

    const audit = await db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE appeal_id = $1 ORDER BY id',
      [receipt.appealId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'appeal.read',
      'appeal.status',
      'appeal.message',
      'appeal.answer',
    ]);
    expect(await count(`audit_log WHERE action = 'appeal.queue'`)).toBeGreaterThan(0);
    await worker.runOnce();
    await mailbox.waitFor(
      (m) => m.to.includes('track@example.com') && m.text.includes('Расписание изменено'),
    );
  });

  test('extension: within the profile limit, once', async () => {
    const receipt = await fileOk('demo-school', await ruBody('extend@example.com'));
    const reason = 'Нужна дополнительная проверка в управлении образования';
    const tooLate = await staff(`/v1/staff/appeals/${receipt.appealId}/status`, {
      status: 'extended',
      extendedUntil: '2099-01-01',
      note: reason,
    });
    await problem(tooLate, 422, 'validation-failed', 'extension-date-out-of-range');
    const due = receipt.dueDate;
    const next = new Date(`${due}T00:00:00Z`);
    // 20 days stay within "30 days past the unmoved term" whatever non-working days moved either end.
    next.setUTCDate(next.getUTCDate() + 20);
    const until = next.toISOString().slice(0, 10);
    // No reason, no extension: the notice to the applicant must give it.
    const noReason = await staff(`/v1/staff/appeals/${receipt.appealId}/status`, {
      status: 'extended',
      extendedUntil: until,
    });
    await problem(noReason, 422, 'validation-failed');
    const ok = await staff(`/v1/staff/appeals/${receipt.appealId}/status`, {
      status: 'extended',
      extendedUntil: until,
      note: reason,
    });
    expect(ok.status).toBe(200);
    expect((await view(receipt)).dueDate).toBe(until);
    await problem(
      await staff(`/v1/staff/appeals/${receipt.appealId}/status`, {
        status: 'extended',
        extendedUntil: until,
        note: reason,
      }),
      409,
      'conflict',
      'extension-limit',
    );
  });

  test('withdrawal: allowed by 300-З, refused under 59-ФЗ', async () => {
    const ru = await fileOk('demo-school', await ruBody('withdraw-ru@example.com'));
    const refused = await post(`/v1/appeals/${ru.appealId}/withdrawal`, '', {
      ...asApplicant(ru),
      'Idempotency-Key': randomUUID(),
    });
    await problem(refused, 403, 'forbidden');
    const by = await fileOk('demo-by', await byBody('withdraw-by@example.com'));
    expect((await view(by)).canWithdraw).toBe(true);
    const res = await post(`/v1/appeals/${by.appealId}/withdrawal`, '', {
      ...asApplicant(by),
      'Idempotency-Key': randomUUID(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'withdrawn', canWithdraw: false });
  });

  test('lost link: always 202; mails a new link only when number and e-mail match', async () => {
    const receipt = await fileOk('demo-by', await byBody('lost@example.com'));
    const outboxBefore = await count(`outbox WHERE kind = 'lost-link'`);
    const miss = await post('/v1/organizations/demo-by/appeals/lost-link', {
      registrationNumber: receipt.registrationNumber,
      email: 'not-me@example.com',
    });
    expect(miss.status).toBe(202);
    expect(await count(`outbox WHERE kind = 'lost-link'`)).toBe(outboxBefore);
    const hit = await post('/v1/organizations/demo-by/appeals/lost-link', {
      registrationNumber: receipt.registrationNumber,
      email: 'LOST@example.com',
      pageUrl: `${SITE}/status.html`,
    });
    expect(hit.status).toBe(202);
    expect(await hit.json()).toEqual({ accepted: true });
    await worker.runOnce();
    const mail = await mailbox.waitFor(
      (m) => m.to.includes('lost@example.com') && m.text.includes('status.html#otklik-appeal='),
    );
    const secret = /otklik-appeal=[\w-]+\.([\w-]+)/.exec(mail.text)?.[1] ?? '';
    // The old secret no longer works, the new one does.
    await problem(
      await app.request(`/v1/appeals/${receipt.appealId}`, { headers: asApplicant(receipt) }),
      404,
      'not-found',
    );
    expect((await view({ ...receipt, accessSecret: secret })).registrationNumber).toBe(
      receipt.registrationNumber,
    );
  });

  test('e-mail code: wrong codes use up attempts, a resend within a minute is refused', async () => {
    const sent = await post('/v1/organizations/demo-school/identity/email-code', {
      email: 'code@example.com',
    });
    const { verificationId } = (await sent.json()) as { verificationId: string };
    await problem(
      await post('/v1/organizations/demo-school/identity/email-code', { email: 'code@example.com' }),
      429,
      'rate-limited',
    );
    for (let i = 0; i < 5; i++) {
      await problem(
        await post(`/v1/organizations/demo-school/identity/email-code/${verificationId}/verify`, {
          code: '000000',
        }),
        422,
        'validation-failed',
      );
    }
    const row = await queuedCode('code@example.com');
    // Even the right code is refused after five wrong ones.
    await problem(
      await post(`/v1/organizations/demo-school/identity/email-code/${verificationId}/verify`, {
        code: row?.code,
      }),
      422,
      'validation-failed',
    );
  });
});
