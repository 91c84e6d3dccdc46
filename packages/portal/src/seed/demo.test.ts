import { describe, expect, it } from 'vitest';
import { pgliteBackend } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';

/** The demo as its first users meet it: a queue of named applicants with texts and believable dates. */
describe('the demo appeals', () => {
  const db = useDemoDatabase(pgliteBackend);

  it('have an applicant, a text and a topic (not "data erased" everywhere)', async () => {
    const rows = await db.query<{ missing: number; total: number }>(
      `SELECT count(*) FILTER (WHERE applicant_surname IS NULL OR text IS NULL OR topic_id IS NULL)::int AS missing,
              count(*)::int AS total
       FROM appeals WHERE organization_id = 'demo-school'`,
    );
    expect(rows[0]?.total).toBeGreaterThan(0);
    expect(rows[0]?.missing).toBe(0);
  });

  it('still open ones arrived within five weeks: some late by days (never months), some due this week', async () => {
    const open = await db.query<{ late_days: number }>(
      `SELECT (now()::date - due_at::date) AS late_days FROM appeals
       WHERE organization_id = 'demo-school' AND status IN ('registered', 'in_review', 'extended')
         AND registered_at < now() - interval '36 days'`,
    );
    expect(open).toEqual([]);
    const [counts] = await db.query<{ overdue: number; worst: number; this_week: number }>(
      `SELECT count(*) FILTER (WHERE due < now())::int AS overdue,
              COALESCE(max(now()::date - due::date), 0)::int AS worst,
              count(*) FILTER (WHERE due >= now() AND due < now() + interval '7 days')::int AS this_week
       FROM (SELECT COALESCE(extended_until, due_at) AS due FROM appeals
             WHERE organization_id = 'demo-school' AND status IN ('registered', 'in_review', 'extended')) d`,
    );
    expect(counts?.overdue).toBeGreaterThan(0);
    expect(counts?.worst).toBeLessThanOrEqual(7);
    expect(counts?.this_week).toBeGreaterThan(0);
  });
});
