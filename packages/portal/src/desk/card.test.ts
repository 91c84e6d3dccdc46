import { randomUUID } from 'node:crypto';
import { AppealCard, answerBlanks, FilledTemplateList, StaffAppeal } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { appealCounter } from '../appeals/counter.ts';
import { localDate } from '../dates.ts';
import { type StaffCall } from '../people/staff-harness.ts';
import { DEMO_TEMPLATES } from '../seed/demo-templates.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { refusalOf } from '../testing/refusal.ts';

const backends = await testBackends();
const ORG = 'demo-school';

describe.each(backends)('the appeal card on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  const as: Record<'clerk' | 'teacher' | 'other' | 'head' | 'admin', StaffCall> = {} as never;
  let teacherId = '';
  let otherId = '';

  /** A fresh open appeal of demo-school from one applicant (a copy of a seeded registered one). */
  async function newAppeal(email = 'ivan@example.test'): Promise<string> {
    const id = randomUUID();
    await h.db.query(
      `INSERT INTO appeals (id, organization_id, registration_number, type, status, received_at, registered_at, due_at,
         applicant_email, applicant_surname, applicant_first_name, applicant_patronymic, text, language)
       SELECT $1::uuid, organization_id, 'ОГ-T-' || substr($1::text, 1, 8), type, 'registered', now(), now(),
         now() + interval '30 days', $2, 'Иванов', 'Иван', 'Петрович', 'Прошу отремонтировать крыльцо.', 'ru'
       FROM appeals WHERE organization_id = $3 LIMIT 1`,
      [id, email, ORG],
    );
    return id;
  }

  const h = useDemoStaff(backend, {
    setup: async () => {
      await h.addPerson('clerk@card.test', [[ORG, 'coordinator']]);
      teacherId = await h.addPerson('teacher@card.test', [[ORG, 'executor']]);
      otherId = await h.addPerson('other@card.test', [[ORG, 'executor']]);
      await h.addPerson('head@card.test', [[ORG, 'approver']]);
      await h.db.query(`UPDATE people SET display_name = 'Мария Завуч' WHERE id = $1`, [teacherId]);
      await h.db.query(`UPDATE people SET display_name = 'Директор Школы' WHERE email = 'head@card.test'`);
      for (const who of ['clerk', 'teacher', 'other', 'head'] as const) {
        const { cookie, csrf } = await h.signIn(`${who}@card.test`);
        as[who] = { cookie, csrf };
      }
      as.admin = { apiKey: await createApiKey(h.db, ORG, 'card') };
    },
  });

  const json = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const card = async (res: Response, status = 200) => v.parse(AppealCard, await json(res, status));

  test('the term is extended once: then the card offers no more extension', async () => {
    const id = await newAppeal();
    const before = await card(await h.call('GET', `/v1/staff/appeals/${id}/card`, as.clerk));
    expect(before.can.extend).toBe(true);
    const [row] = await h.db.query<{ due: string }>(
      `SELECT to_char(COALESCE(due_date, (due_at AT TIME ZONE 'Europe/Moscow')::date) + 10, 'YYYY-MM-DD') AS due
       FROM appeals WHERE id = $1`,
      [id],
    );
    const extended = await h.call('POST', `/v1/staff/appeals/${id}/status`, {
      ...as.clerk,
      body: { status: 'extended', extendedUntil: row?.due, note: 'Нужна проверка на месте' },
    });
    expect(extended.status, await extended.clone().text()).toBe(200);
    const after = await card(await h.call('GET', `/v1/staff/appeals/${id}/card`, as.clerk));
    expect(after.can).toMatchObject({ process: true, extend: false });
  });

  test('assigning a registered appeal puts it "на рассмотрении": history, applicant notice, same counter', async () => {
    const id = await newAppeal('assigned@example.test');
    const counted = async () => {
      const today = localDate('Europe/Moscow', new Date());
      const { month, year } = await appealCounter(h.db, ORG, 'Europe/Moscow', today);
      return { month: { ...month, from: '', to: '' }, year: { ...year, from: '', to: '' } };
    };
    const before = await counted();
    const assign = async (executorId: string) =>
      card(await h.call('PUT', `/v1/staff/appeals/${id}/assignment`, { ...as.clerk, body: { executorId } }));
    await assign(teacherId);
    const statusOf = async () =>
      v.parse(StaffAppeal, await json(await h.call('GET', `/v1/staff/appeals/${id}`, as.clerk)));
    const appeal = await statusOf();
    expect(appeal.status).toBe('in_review');
    expect(appeal.history.map((e) => e.status)).toEqual(['in_review']);
    const notices = await h.db.query<{ payload: { status: string } }>(
      `SELECT payload FROM outbox WHERE kind = 'status-changed' AND recipient = 'assigned@example.test'`,
    );
    expect(notices.map((m) => m.payload.status)).toEqual(['in_review']);
    // Still "in progress" for the counter: registered and in review are both open.
    expect(await counted()).toEqual(before);
    // Reassigning moves nothing on: one history entry, one notice.
    await assign(otherId);
    expect((await statusOf()).history.map((e) => e.status)).toEqual(['in_review']);
    const [again] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'status-changed' AND recipient = 'assigned@example.test'`,
    );
    expect(again?.n).toBe(1);
  });

  test('an answer with a template blank left goes neither on to approval nor out', async () => {
    const id = await newAppeal('blanks@example.test');
    await card(
      await h.call('PUT', `/v1/staff/appeals/${id}/assignment`, {
        ...as.clerk,
        body: { executorId: teacherId },
      }),
    );
    // A template written the old way, with a bare "…", still marks its blank.
    const templateId = randomUUID();
    await json(
      await h.call('PUT', `/v1/staff/answer-templates/${templateId}`, {
        ...as.clerk,
        body: { title: 'Старый', language: 'ru', result: 'explained', body: 'Разъясняем: …' },
      }),
    );
    const filled = v.parse(
      FilledTemplateList,
      await json(await h.call('GET', `/v1/staff/appeals/${id}/templates`, as.teacher)),
    );
    expect(filled.items.find((t) => t.templateId === templateId)?.filled).toBe('Разъясняем: […]');
    // The demo's own templates name their blanks.
    expect(DEMO_TEMPLATES.map((t) => answerBlanks(t.body))).toEqual([
      ['[… какие меры приняты]'],
      ['[… суть разъяснения]'],
    ]);

    const save = async (text: string) =>
      card(
        await h.call('PUT', `/v1/staff/appeals/${id}/draft`, {
          ...as.teacher,
          body: { result: 'explained', text },
        }),
      );
    await save('Разъясняем: […]; срок — [... дата].');
    const refused = await h.call('POST', `/v1/staff/appeals/${id}/draft/submit`, as.teacher);
    expect(await refusalOf(refused.clone())).toEqual({
      status: 422,
      reason: 'answer-has-blanks',
      issues: { 'draft.text': 'answer-has-blanks' },
    });
    expect(((await refused.json()) as { detail: string }).detail).toContain('[…], [... дата]');

    // A draft put on approval with a blank before the portal refused them: the approver's click fails too.
    await h.db.query(`UPDATE answer_drafts SET state = 'on_approval' WHERE appeal_id = $1`, [id]);
    expect(await refusalOf(await h.call('POST', `/v1/staff/appeals/${id}/draft/approve`, as.head))).toEqual({
      status: 422,
      reason: 'answer-has-blanks',
      issues: { 'draft.text': 'answer-has-blanks' },
    });
    const open = v.parse(StaffAppeal, await json(await h.call('GET', `/v1/staff/appeals/${id}`, as.head)));
    expect(open.status).toBe('in_review');
    const [answered] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'appeal-answered' AND recipient = 'blanks@example.test'`,
    );
    expect(answered?.n).toBe(0);

    // Filled in (a bare ellipsis of the writer's own is no blank), it goes.
    await h.db.query(`UPDATE answer_drafts SET state = 'draft' WHERE appeal_id = $1`, [id]);
    await save('Разъясняем: крыльцо отремонтируют… в мае.');
    await card(await h.call('POST', `/v1/staff/appeals/${id}/draft/submit`, as.teacher));
    const approved = await card(await h.call('POST', `/v1/staff/appeals/${id}/draft/approve`, as.head));
    expect(approved.draft?.state).toBe('approved');
  });

  test('assign → draft from a template → return → resubmit → approve: the answer goes out once, to both duplicates', async () => {
    const id = await newAppeal();
    const duplicate = await newAppeal();
    const unrelated = await newAppeal('someone@example.test');

    // The coordinator keeps the template library and assigns; the executor may not.
    const templateId = randomUUID();
    const template = await json<{ templateId: string }>(
      await h.call('PUT', `/v1/staff/answer-templates/${templateId}`, {
        ...as.clerk,
        body: {
          title: 'Ремонт',
          language: 'ru',
          result: 'supported_measures_taken',
          body: 'Уважаемый {applicant}! На обращение № {number} от {registeredOn} сообщаем: {organization} {unknown}.',
        },
      }),
    );
    expect(template.templateId).toBe(templateId);
    expect(
      (await h.call('PUT', `/v1/staff/answer-templates/${templateId}`, { ...as.teacher, body: {} })).status,
    ).toBe(403);
    const filled = v.parse(
      FilledTemplateList,
      await json(await h.call('GET', `/v1/staff/appeals/${id}/templates`, as.teacher)),
    );
    const mine = filled.items.find((t) => t.templateId === templateId);
    expect(mine?.filled).toMatch(
      /^Уважаемый Иван Петрович! На обращение № ОГ-T-\S+ от \d\d\.\d\d\.\d{4} сообщаем: .+ \{unknown\}\.$/,
    );

    expect(
      (
        await h.call('PUT', `/v1/staff/appeals/${id}/assignment`, {
          ...as.teacher,
          body: { executorId: teacherId },
        })
      ).status,
    ).toBe(403);
    const notExecutor = await h.call('PUT', `/v1/staff/appeals/${id}/assignment`, {
      ...as.clerk,
      body: { executorId: randomUUID() },
    });
    expect(await refusalOf(notExecutor)).toEqual({
      status: 422,
      reason: 'not-an-executor',
      issues: { 'body.executorId': 'not-an-executor' },
    });
    const tooLate = await h.call('PUT', `/v1/staff/appeals/${id}/assignment`, {
      ...as.clerk,
      body: { executorId: teacherId, internalDueDate: '2999-01-01' },
    });
    expect(await refusalOf(tooLate)).toEqual({
      status: 422,
      reason: 'internal-due-after-legal',
      issues: { 'body.internalDueDate': 'internal-due-after-legal' },
    });
    const assigned = await card(
      await h.call('PUT', `/v1/staff/appeals/${id}/assignment`, {
        ...as.clerk,
        body: { executorId: teacherId, internalDueDate: null },
      }),
    );
    expect(assigned.executor).toEqual({ personId: teacherId, name: 'Мария Завуч' });
    expect(assigned.can).toEqual({ assign: true, draft: false, approve: false, process: true, extend: true });
    expect(assigned.executors.map((e) => e.personId)).toEqual(expect.arrayContaining([teacherId, otherId]));

    // Merge the duplicate; the other appeals of the applicant are listed, not the stranger's.
    const merged = await card(
      await h.call('POST', `/v1/staff/appeals/${id}/duplicates`, {
        ...as.clerk,
        body: { duplicateId: duplicate },
      }),
    );
    expect(merged.duplicates.map((d) => d.appealId)).toEqual([duplicate]);
    expect(merged.otherAppeals.map((a) => a.appealId)).toContain(duplicate);
    expect(merged.otherAppeals.map((a) => a.appealId)).not.toContain(unrelated);
    const again = await h.call('POST', `/v1/staff/appeals/${duplicate}/duplicates`, {
      ...as.clerk,
      body: { duplicateId: id },
    });
    expect(await refusalOf(again)).toEqual({ status: 409, reason: 'duplicate-already-merged' });

    // Only the assigned executor drafts; nobody sends an incomplete draft.
    const draftBody = { result: null, text: mine?.filled ?? '' };
    expect(
      await refusalOf(await h.call('PUT', `/v1/staff/appeals/${id}/draft`, { ...as.other, body: draftBody })),
    ).toEqual({ status: 403, reason: 'executor-only' });
    expect(
      (await h.call('PUT', `/v1/staff/appeals/${id}/draft`, { ...as.head, body: draftBody })).status,
    ).toBe(403);
    const saved = await card(
      await h.call('PUT', `/v1/staff/appeals/${id}/draft`, { ...as.teacher, body: draftBody }),
    );
    expect(saved.draft).toMatchObject({ state: 'draft', author: 'Мария Завуч', result: null });
    expect(saved.can.draft).toBe(true);
    expect(await refusalOf(await h.call('POST', `/v1/staff/appeals/${id}/draft/submit`, as.teacher))).toEqual(
      {
        status: 422,
        reason: undefined,
        issues: { 'draft.result': 'draft-result-missing' },
      },
    );
    await card(
      await h.call('PUT', `/v1/staff/appeals/${id}/draft`, {
        ...as.teacher,
        body: { ...draftBody, result: 'supported_measures_taken' },
      }),
    );
    // Not on approval yet: nothing to approve.
    expect(await refusalOf(await h.call('POST', `/v1/staff/appeals/${id}/draft/approve`, as.head))).toEqual({
      status: 409,
      reason: 'draft-not-on-approval',
    });
    const submitted = await card(await h.call('POST', `/v1/staff/appeals/${id}/draft/submit`, as.teacher));
    expect(submitted.draft?.state).toBe('on_approval');
    // Locked while on approval; the executor may not approve.
    expect(
      await refusalOf(
        await h.call('PUT', `/v1/staff/appeals/${id}/draft`, { ...as.teacher, body: draftBody }),
      ),
    ).toEqual({ status: 409, reason: 'draft-on-approval' });
    expect((await h.call('POST', `/v1/staff/appeals/${id}/draft/approve`, as.teacher)).status).toBe(403);

    const returned = await card(
      await h.call('POST', `/v1/staff/appeals/${id}/draft/return`, {
        ...as.head,
        body: { comment: 'Укажите срок ремонта.' },
      }),
    );
    expect(returned.draft).toMatchObject({ state: 'returned', returnComment: 'Укажите срок ремонта.' });
    await card(
      await h.call('PUT', `/v1/staff/appeals/${id}/draft`, {
        ...as.teacher,
        body: { result: 'supported_measures_taken', text: `${draftBody.text} Срок — до 1 мая.` },
      }),
    );
    await card(await h.call('POST', `/v1/staff/appeals/${id}/draft/submit`, as.teacher));
    const approved = await card(await h.call('POST', `/v1/staff/appeals/${id}/draft/approve`, as.head));
    expect(approved.draft).toMatchObject({ state: 'approved', approvedBy: 'Директор Школы' });
    expect(approved.events.map((e) => `${e.kind}:${e.actor}`)).toEqual(
      [
        'assigned:Секретарь',
        'merged:Секретарь',
        'draft-submitted:Мария Завуч',
        'draft-returned:Директор Школы',
        'draft-submitted:Мария Завуч',
        'draft-approved:Директор Школы',
      ].map((s) => s.replace('Секретарь', 'clerk@card.test')),
    );
    expect(approved.can).toEqual({
      assign: false,
      draft: false,
      approve: false,
      process: false,
      extend: false,
    });

    // The ordinary answer path: both appeals answered, the applicant mailed once per appeal.
    for (const appealId of [id, duplicate]) {
      const appeal = v.parse(
        StaffAppeal,
        await json(await h.call('GET', `/v1/staff/appeals/${appealId}`, as.head)),
      );
      expect(appeal.status).toBe('answered');
      expect(appeal.result).toBe('supported_measures_taken');
      expect(appeal.answer?.text).toContain('Срок — до 1 мая.');
    }
    const mails = await h.db.query<{ payload: { registrationNumber: string } }>(
      `SELECT payload FROM outbox WHERE kind = 'appeal-answered' AND recipient = 'ivan@example.test'`,
    );
    expect(mails).toHaveLength(2);
    // Closed: nothing more to draft.
    expect(
      await refusalOf(
        await h.call('PUT', `/v1/staff/appeals/${id}/draft`, { ...as.teacher, body: draftBody }),
      ),
    ).toEqual({ status: 409, reason: 'appeal-closed' });
  });

  test('internal notes stay internal; presence shows who else has the card open', async () => {
    const id = await newAppeal('notes@example.test');
    const noted = await card(
      await h.call('POST', `/v1/staff/appeals/${id}/notes`, {
        ...as.teacher,
        body: { text: 'Позвонить завхозу' },
      }),
      201,
    );
    expect(noted.notes.map((n) => [n.author, n.text])).toEqual([['Мария Завуч', 'Позвонить завхозу']]);
    const empty = await h.call('POST', `/v1/staff/appeals/${id}/notes`, {
      ...as.teacher,
      body: { text: '  ' },
    });
    expect(empty.status).toBe(422);
    // The applicant's view (which staff also get) carries no note, and no mail went out for it.
    const appeal = await json<Record<string, unknown>>(
      await h.call('GET', `/v1/staff/appeals/${id}`, as.teacher),
    );
    expect(JSON.stringify(appeal)).not.toContain('Позвонить завхозу');
    const [mailed] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE recipient = 'notes@example.test'`,
    );
    expect(mailed?.n).toBe(0);

    expect(await json(await h.call('PUT', `/v1/staff/appeals/${id}/presence`, as.teacher))).toEqual({
      openBy: [],
    });
    expect(await json(await h.call('PUT', `/v1/staff/appeals/${id}/presence`, as.head))).toEqual({
      openBy: [{ personId: teacherId, name: 'Мария Завуч' }],
    });
    const seen = await card(await h.call('GET', `/v1/staff/appeals/${id}/card`, as.teacher));
    expect(seen.openBy.map((p) => p.name)).toEqual(['Директор Школы']);
    // A stale mark is gone.
    await h.db.query(
      `UPDATE appeal_presence SET seen_at = now() - interval '3 minutes' WHERE appeal_id = $1`,
      [id],
    );
    expect((await card(await h.call('GET', `/v1/staff/appeals/${id}/card`, as.teacher))).openBy).toEqual([]);
  });

  test("templates are the organisation's own; another organisation's appeal or template is not found", async () => {
    const id = randomUUID();
    await json(
      await h.call('PUT', `/v1/staff/answer-templates/${id}`, {
        ...as.admin,
        body: { title: 'Разъяснение', language: 'ru', body: 'Текст {number}' },
      }),
    );
    const other = await createApiKey(h.db, 'demo-by', 'card');
    expect(
      (
        await h.call('PUT', `/v1/staff/answer-templates/${id}`, {
          apiKey: other,
          body: { title: 'Чужой', language: 'ru', body: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await h.call('DELETE', `/v1/staff/answer-templates/${id}`, { apiKey: other })).status).toBe(404);
    const list = await json<{ items: { templateId: string }[] }>(
      await h.call('GET', '/v1/staff/answer-templates', { apiKey: other }),
    );
    expect(list.items.map((t) => t.templateId)).not.toContain(id);
    expect((await h.call('DELETE', `/v1/staff/answer-templates/${id}`, as.clerk)).status).toBe(204);
    expect((await h.call('DELETE', `/v1/staff/answer-templates/${id}`, as.clerk)).status).toBe(404);
    const appeal = await newAppeal();
    expect((await h.call('GET', `/v1/staff/appeals/${appeal}/card`, { apiKey: other })).status).toBe(404);
  });

  test('an answer through the direct answer call reaches merged duplicates too', async () => {
    const id = await newAppeal('dup@example.test');
    const duplicate = await newAppeal('dup@example.test');
    await card(
      await h.call('POST', `/v1/staff/appeals/${id}/duplicates`, {
        ...as.clerk,
        body: { duplicateId: duplicate },
      }),
    );
    // A merged duplicate takes no draft of its own.
    expect((await h.call('GET', `/v1/staff/appeals/${duplicate}/card`, as.clerk)).status).toBe(200);
    const answered = await h.call('POST', `/v1/staff/appeals/${id}/answer`, {
      ...as.head,
      body: { result: 'explained', text: 'Разъясняем порядок.' },
    });
    expect(answered.status).toBe(200);
    const [row] = await h.db.query<{ status: string; answer_text: string }>(
      'SELECT status, answer_text FROM appeals WHERE id = $1',
      [duplicate],
    );
    expect(row).toEqual({ status: 'answered', answer_text: 'Разъясняем порядок.' });
  });

  test('files go with the answer: the assigned executor attaches them; the applicant gets them with the answer', async () => {
    const id = await newAppeal('files@example.test');
    await card(
      await h.call('PUT', `/v1/staff/appeals/${id}/assignment`, {
        ...as.clerk,
        body: { executorId: teacherId },
      }),
    );
    const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const upload = (who: StaffCall, name = 'Смета.pdf') => {
      const form = new FormData();
      form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
      return h.app.request(`http://127.0.0.1/v1/staff/appeals/${id}/draft/attachments`, {
        method: 'POST',
        headers: { Cookie: who.cookie ?? '', 'X-CSRF-Token': who.csrf ?? '' },
        body: form,
      });
    };
    expect((await upload(as.other)).status).toBe(403);
    const file = await json<{ id: string; name: string; mediaType: string }>(await upload(as.teacher), 201);
    expect(file).toMatchObject({ name: 'Смета.pdf', mediaType: 'application/pdf' });
    const second = await json<{ id: string }>(await upload(as.teacher, 'Лишнее.pdf'), 201);
    expect(
      (await h.call('DELETE', `/v1/staff/appeals/${id}/draft/attachments/${second.id}`, as.teacher)).status,
    ).toBe(204);
    expect(
      (await h.call('DELETE', `/v1/staff/appeals/${id}/draft/attachments/${second.id}`, as.teacher)).status,
    ).toBe(404);
    const drafted = await card(
      await h.call('PUT', `/v1/staff/appeals/${id}/draft`, {
        ...as.teacher,
        body: { result: 'explained', text: 'Смета во вложении.' },
      }),
    );
    expect(drafted.draft?.attachments.map((a) => a.name)).toEqual(['Смета.pdf']);
    // Not part of the appeal's own files; the applicant cannot fetch it before the answer is sent.
    const staffView = v.parse(
      StaffAppeal,
      await json(await h.call('GET', `/v1/staff/appeals/${id}`, as.teacher)),
    );
    expect(staffView.attachments).toEqual([]);
    const { loadAttachment } = await import('../attachments/store.ts');
    await expect(loadAttachment(h.db, id, file.id)).rejects.toMatchObject({ status: 404 });
    await card(await h.call('POST', `/v1/staff/appeals/${id}/draft/submit`, as.teacher));
    // On approval the files are locked too.
    expect(await refusalOf(await upload(as.teacher))).toEqual({ status: 409, reason: 'draft-on-approval' });
    await card(await h.call('POST', `/v1/staff/appeals/${id}/draft/approve`, as.head));
    const answered = v.parse(
      StaffAppeal,
      await json(await h.call('GET', `/v1/staff/appeals/${id}`, as.head)),
    );
    expect(answered.answer?.attachments.map((a) => a.name)).toEqual(['Смета.pdf']);
    expect((await loadAttachment(h.db, id, file.id)).name).toBe('Смета.pdf');
  });
});
