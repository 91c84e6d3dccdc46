import { CalendarYear } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { appealDeadlines } from '../deadlines/legal-due-date.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { refusalOf } from '../testing/refusal.ts';

const backends = await testBackends();

describe.each(backends)('calendars of non-working days on $name', (backend) => {
  const run = it.skipIf(backend.skipReason !== null);
  let admin: { cookie: string; csrf: string };
  let clerk: { cookie: string; csrf: string };
  // On an empty database: the calendars are the seeded years alone, the school the only one.
  const h = useDemoStaff(backend, {
    empty: true,
    setup: async () => {
      await h.db.query(
        `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category) VALUES ('c-school', 'Школа', 'BY', 'by-300z', 'education', 'school')`,
      );
      await h.addPerson('portal@example.com', [], true);
      await h.addPerson('clerk@example.com', [['c-school', 'coordinator']]);
      admin = await h.signIn('portal@example.com');
      clerk = await h.signIn('clerk@example.com');
    },
  });

  run('the seeded years, with their working-day counts', async () => {
    const res = await h.call('GET', '/v1/staff/calendars/RU/2026', admin);
    expect(res.status).toBe(200);
    const year = v.parse(CalendarYear, await res.json());
    expect(year.workingDays).toBe(247);
    expect(year.days).toContainEqual({ date: '2026-01-09', kind: 'day_off', note: 'Перенос с 3 января' });
    const by = v.parse(
      CalendarYear,
      await (await h.call('GET', '/v1/staff/calendars/BY/2025', admin)).json(),
    );
    expect(by.days.find((d) => d.date === '2025-12-20')?.kind).toBe('working');
  });

  run('an edited day moves the deadlines computed afterwards; removing it restores them', async () => {
    const org = { country: 'BY', jurisdiction: 'by-300z' as const };
    // 2 March 2027 + 15 days = Wednesday 17 March 2027.
    expect((await appealDeadlines(h.db, org, '2027-03-02')).answerBy).toBe('2027-03-17');
    const put = await h.call('PUT', '/v1/staff/calendars/BY/days/2027-03-17', {
      ...admin,
      body: { kind: 'day_off', note: 'Перенос на 20.03' },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ date: '2027-03-17', kind: 'day_off', note: 'Перенос на 20.03' });
    expect((await appealDeadlines(h.db, org, '2027-03-02')).answerBy).toBe('2027-03-18');
    const [row] = await h.db.query<{ updated_by: string | null }>(
      `SELECT updated_by FROM calendar_days WHERE country = 'BY' AND day = '2027-03-17'`,
    );
    expect(row?.updated_by).not.toBeNull();
    expect((await h.call('DELETE', '/v1/staff/calendars/BY/days/2027-03-17', admin)).status).toBe(204);
    expect((await appealDeadlines(h.db, org, '2027-03-02')).answerBy).toBe('2027-03-17');
    expect(await refusalOf(await h.call('DELETE', '/v1/staff/calendars/BY/days/2027-03-17', admin))).toEqual({
      status: 404,
      reason: 'day-already-ordinary',
    });
    // Both changes are in the portal's own audit log (the refused removal is not).
    const logged = await h.db.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE organization_id IS NULL AND action LIKE 'calendar.%' ORDER BY id`,
    );
    expect(logged).toEqual([
      { action: 'calendar.day', details: { country: 'BY', date: '2027-03-17' } },
      { action: 'calendar.day-removed', details: { country: 'BY', date: '2027-03-17' } },
    ]);
  });

  run('refuses a kind that does not fit the weekday, a non-date, an unknown country, a clerk', async () => {
    const weekendHoliday = await h.call('PUT', '/v1/staff/calendars/RU/days/2027-03-06', {
      ...admin,
      body: { kind: 'holiday' },
    });
    expect(await refusalOf(weekendHoliday)).toEqual({
      status: 422,
      reason: 'day-kind-mismatch',
      issues: { 'body.kind': 'day-kind-mismatch' },
    });
    const weekdayWorking = await h.call('PUT', '/v1/staff/calendars/RU/days/2027-03-05', {
      ...admin,
      body: { kind: 'working' },
    });
    expect(weekdayWorking.status).toBe(422);
    expect(
      (await h.call('PUT', '/v1/staff/calendars/RU/days/2027-02-30', { ...admin, body: { kind: 'holiday' } }))
        .status,
    ).toBe(422);
    expect((await h.call('GET', '/v1/staff/calendars/KZ/2026', admin)).status).toBe(422);
    expect((await h.call('GET', '/v1/staff/calendars/RU/2026', clerk)).status).toBe(403);
  });
});
