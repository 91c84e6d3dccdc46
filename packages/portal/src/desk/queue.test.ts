import { StaffAppealPage } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/types.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { refusalOf } from '../testing/refusal.ts';
import { shortName } from './queue.ts';

const backends = await testBackends();

/** An appeal of `org` registered `registered`, due `due`, with the rest given. */
async function insertAppeal(
  db: Database,
  org: string,
  n: number,
  a: {
    registered: string;
    due: string;
    status?: string;
    type?: string;
    surname?: string | null;
    first?: string;
    patronymic?: string;
    text?: string;
    topic?: string;
    forwarded?: boolean;
    extensions?: number;
  },
) {
  const status = a.status ?? 'registered';
  await db.query(
    `INSERT INTO appeals (id, organization_id, registration_number, type, status, result, received_at, registered_at,
       due_at, due_date, forwarded_at, answered_at, closed_at, extended_until, extensions, applicant_surname,
       applicant_first_name, applicant_patronymic, text, topic_id, forwarded_to)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6::date, $6::date, $7::date + 1, $7::date, $8, $9, $10, $11, $12,
       $13, $14, $15, $16, $17, $18)`,
    [
      org,
      `ОБ-2026-${String(n).padStart(6, '0')}`,
      a.type ?? 'application',
      status,
      status === 'answered' ? 'explained' : null,
      a.registered,
      a.due,
      a.forwarded ? a.due : null,
      status === 'answered' ? a.due : null,
      ['answered', 'forwarded'].includes(status) ? a.due : null,
      status === 'extended' ? a.due : null,
      a.extensions ?? (status === 'extended' ? 1 : 0),
      a.surname === undefined ? 'Иванова' : a.surname,
      a.first ?? 'Анна',
      a.patronymic ?? 'Петровна',
      a.text ?? 'Прошу разъяснить порядок приёма в первый класс.',
      a.topic ?? null,
      a.forwarded ? 'Управление образования' : null,
    ],
  );
}

describe.each(backends)('the staff queue on $name', (backend) => {
  let clerk: { cookie: string; csrf: string };
  let executorId = '';
  const get = async (query: string) => {
    const res = await h.call('GET', `/v1/staff/appeals${query}`, clerk);
    expect(res.status, await res.clone().text()).toBe(200);
    return v.parse(StaffAppealPage, await res.json());
  };

  // On an empty database: the queue's pages and counts hold only the appeals laid out here.
  const h = useDemoStaff(backend, {
    empty: true,
    setup: async () => {
      for (const [id, name] of [
        ['q-school', 'Школа № 1'],
        ['q-other', 'Школа № 2'],
      ]) {
        await h.db.query(
          `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category) VALUES ($1, $2, 'RU', 'ru-59fz', 'education', 'school')`,
          [id, name],
        );
      }
      // Noon in Moscow, Monday 12 January 2026.
      h.clock.now = new Date('2026-01-12T09:00:00Z');
      await insertAppeal(h.db, 'q-school', 1, {
        registered: '2025-12-01',
        due: '2026-01-09',
        surname: 'Петров',
      });
      await insertAppeal(h.db, 'q-school', 2, {
        registered: '2025-12-20',
        due: '2026-01-12',
        status: 'in_review',
      });
      await insertAppeal(h.db, 'q-school', 3, {
        registered: '2025-12-25',
        due: '2026-01-16',
        text: 'Жалоба на питание в школьной столовой',
        type: 'complaint',
        topic: 'food',
      });
      await insertAppeal(h.db, 'q-school', 4, {
        registered: '2025-12-30',
        due: '2026-03-02',
        status: 'extended',
      });
      await insertAppeal(h.db, 'q-school', 5, {
        registered: '2025-11-01',
        due: '2025-12-01',
        status: 'answered',
      });
      await insertAppeal(h.db, 'q-school', 6, {
        registered: '2026-01-05',
        due: '2026-02-04',
        status: 'forwarded',
        forwarded: true,
        surname: 'Сидоренко',
        first: 'Олег',
      });
      await insertAppeal(h.db, 'q-school', 7, { registered: '2026-01-11', due: '2026-02-10', surname: null });
      await insertAppeal(h.db, 'q-other', 1, {
        registered: '2025-12-01',
        due: '2026-01-09',
        surname: 'Чужой',
      });
      await h.addPerson('clerk@example.com', [['q-school', 'coordinator']]);
      await h.addPerson('analyst@example.com', [['q-school', 'analyst']]);
      executorId = await h.addPerson('executor@example.com', [['q-school', 'executor']]);
      await h.addPerson('head@example.com', [['q-school', 'approver']]);
      clerk = await h.signIn('clerk@example.com');
      await h.db.query(
        `INSERT INTO organization_topics (organization_id, id, names, position)
       VALUES ('q-school', 'food', '{"ru": "Питание", "en": "School meals"}', 0)`,
      );
      // Appeal 3 is the executor's; its draft waits for the approver.
      await h.db.query(`UPDATE appeals SET executor_id = $1 WHERE registration_number = 'ОБ-2026-000003'`, [
        executorId,
      ]);
      await h.db.query(
        `INSERT INTO answer_drafts (appeal_id, state, result, text)
       SELECT id, 'on_approval', 'explained', 'Ответ' FROM appeals WHERE registration_number = 'ОБ-2026-000003'`,
      );
    },
  });
  const run = it.skipIf(backend.skipReason !== null);

  run('a page of none (limit=0) brings the counts alone, and is not an audited read', async () => {
    const audited = async () =>
      (
        await h.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'appeal.queue'`,
        )
      )[0]?.n;
    const before = await audited();
    const counts = await get('?limit=0');
    expect(counts.items).toEqual([]);
    expect(counts.limit).toBe(0);
    expect(counts.total).toBe(7);
    expect(counts.counts).toEqual({ dueThisWeek: 2, overdue: 1, new: 3, mine: 0, awaitingApproval: 1 });
    expect(await audited()).toBe(before);
    await get('?limit=1');
    expect(await audited()).toBe((before ?? 0) + 1);
  });

  run('lists only the organisation’s appeals, open ones by deadline, with days left and counts', async () => {
    const page = await get('');
    expect(page.today).toBe('2026-01-12');
    expect(page.total).toBe(7);
    expect(page.items.map((i) => i.registrationNumber)).toEqual([
      'ОБ-2026-000001',
      'ОБ-2026-000002',
      'ОБ-2026-000003',
      'ОБ-2026-000007',
      'ОБ-2026-000004',
      'ОБ-2026-000005',
      'ОБ-2026-000006',
    ]);
    const [first, second, third] = page.items;
    expect(first).toMatchObject({ daysLeft: -3, overdue: true, applicant: 'Петров А. П.' });
    expect(second).toMatchObject({ daysLeft: 0, overdue: false });
    expect(third).toMatchObject({ daysLeft: 4, topicId: 'food', type: 'complaint' });
    expect(page.items[3]?.applicant).toBe('А. П.');
    expect(page.items.find((i) => i.status === 'answered')?.daysLeft).toBeNull();
    expect(page.counts).toEqual({ dueThisWeek: 2, overdue: 1, new: 3, mine: 0, awaitingApproval: 1 });
    expect(third).toMatchObject({
      topicName: 'Питание',
      executor: { personId: executorId, name: 'executor@example.com' },
      awaitingApproval: true,
    });
    expect(first).toMatchObject({ topicName: null, executor: null, awaitingApproval: false });
    expect(page.topics).toEqual([{ id: 'food', name: 'Питание', archived: false }]);
    expect(page.executors).toEqual([{ personId: executorId, name: 'executor@example.com' }]);
  });

  run('names topics in the asked language, else the organisation’s first', async () => {
    expect((await get('?topicId=food&language=en')).items[0]?.topicName).toBe('School meals');
    expect((await get('?topicId=food&language=be')).topics[0]?.name).toBe('Питание');
  });

  run('the executor’s "mine", "awaiting approval" and the executor filter', async () => {
    const numbers = async (q: string, who = clerk) => {
      const res = await h.call('GET', `/v1/staff/appeals${q}`, who);
      expect(res.status, await res.clone().text()).toBe(200);
      return v.parse(StaffAppealPage, await res.json());
    };
    const executor = await h.signIn('executor@example.com');
    const mine = await numbers('?mine=true', executor);
    expect(mine.items.map((i) => i.registrationNumber)).toEqual(['ОБ-2026-000003']);
    expect(mine.counts.mine).toBe(1);
    expect((await numbers('?mine=true')).items).toEqual([]);
    const head = await h.signIn('head@example.com');
    const awaiting = await numbers('?awaitingApproval=true', head);
    expect(awaiting.items.map((i) => i.registrationNumber)).toEqual(['ОБ-2026-000003']);
    expect((await numbers('?awaitingApproval=false')).total).toBe(6);
    const byExecutor = await numbers(`?executorId=${executorId}`);
    expect(byExecutor.items.map((i) => i.registrationNumber)).toEqual(['ОБ-2026-000003']);
  });

  run('a period of due dates, its ends included; an impossible or reversed period is a 422', async () => {
    const numbers = async (q: string) => (await get(q)).items.map((i) => i.registrationNumber.slice(-1));
    expect(await numbers('?dueFrom=2026-01-12&dueTo=2026-01-16')).toEqual(['2', '3']);
    expect(await numbers('?dueFrom=2026-02-05')).toEqual(['7', '4']);
    expect(await numbers('?dueTo=2025-12-31')).toEqual(['5']);
    const impossible = await h.call('GET', '/v1/staff/appeals?dueFrom=2026-02-30', clerk);
    expect(impossible.status).toBe(422);
    expect(((await impossible.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe(
      'query.dueFrom',
    );
    const reversed = await h.call('GET', '/v1/staff/appeals?dueFrom=2026-02-01&dueTo=2026-01-01', clerk);
    expect(await refusalOf(reversed)).toEqual({
      status: 422,
      reason: 'due-period-reversed',
      issues: { 'query.dueTo': 'due-period-reversed' },
    });
  });

  run('filters: status, type, topic, overdue, due within N days, forwarded, extended', async () => {
    const numbers = async (q: string) => (await get(q)).items.map((i) => i.registrationNumber.slice(-1));
    expect(await numbers('?status=in_review')).toEqual(['2']);
    expect(await numbers('?type=complaint')).toEqual(['3']);
    expect(await numbers('?topicId=food')).toEqual(['3']);
    expect(await numbers('?overdue=true')).toEqual(['1']);
    expect(await numbers('?dueWithinDays=0')).toEqual(['2']);
    expect(await numbers('?dueWithinDays=7')).toEqual(['2', '3']);
    expect(await numbers('?forwarded=true')).toEqual(['6']);
    expect(await numbers('?extended=true')).toEqual(['4']);
    expect(await numbers('?extended=false&forwarded=false&overdue=false&status=registered')).toEqual([
      '3',
      '7',
    ]);
  });

  run('searches the text with Russian stemming, the name and the number', async () => {
    const numbers = async (q: string) =>
      (await get(`?q=${encodeURIComponent(q)}`)).items.map((i) => i.registrationNumber);
    expect(await numbers('жалобы столовая')).toEqual(['ОБ-2026-000003']);
    expect(await numbers('Сидоренко')).toEqual(['ОБ-2026-000006']);
    expect(await numbers('ПЕТРОВ')).toEqual(['ОБ-2026-000001']);
    expect(await numbers('000004')).toEqual(['ОБ-2026-000004']);
    expect(await numbers('ОБ-2026-000004')).toEqual(['ОБ-2026-000004']);
    expect(await numbers('Чужой')).toEqual([]);
    expect(await numbers('столовая -жалоба')).toEqual([]);
  });

  run('sorts and pages', async () => {
    const page = await get('?sort=-registered&limit=2&offset=1');
    expect(page.total).toBe(7);
    expect(page.items.map((i) => i.registrationNumber.slice(-1))).toEqual(['6', '4']);
    expect((await get('?sort=number&limit=1')).items[0]?.registrationNumber).toBe('ОБ-2026-000001');
  });

  run('the organisation’s own queue by path; another organisation’s is refused', async () => {
    const own = await h.call('GET', '/v1/staff/organizations/q-school/appeals?overdue=true', clerk);
    expect(own.status).toBe(200);
    const page = v.parse(StaffAppealPage, await own.json());
    expect(page.items.map((i) => i.registrationNumber)).toEqual(['ОБ-2026-000001']);
    expect((await h.call('GET', '/v1/staff/organizations/q-other/appeals', clerk)).status).toBe(403);
  });

  run('bad input is a 422 naming the parameter; no appeals.read is a 403', async () => {
    const bad = await h.call('GET', '/v1/staff/appeals?dueWithinDays=-1&sort=name', clerk);
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['query.dueWithinDays', 'query.sort']);
    const analyst = await h.signIn('analyst@example.com');
    expect((await h.call('GET', '/v1/staff/appeals', analyst)).status).toBe(403);
  });
});

describe('shortName', () => {
  it('keeps the surname and initials only', () => {
    expect(shortName('Иванова', 'анна', 'Петровна')).toBe('Иванова А. П.');
    expect(shortName('Иванова', 'Анна', null)).toBe('Иванова А.');
    expect(shortName(null, null, null)).toBeNull();
  });
});
