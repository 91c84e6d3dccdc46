import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appealCounter } from '../appeals/counter.ts';
import { rebuildRatingAggregates } from '../ratings/aggregates.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { ratingHarness, snapshot } from '../testing/rating-harness.ts';
import { runRetention } from './retention.ts';

const backends = await testBackends();

describe.each(backends)('personal-data retention on $name', (backend) => {
  const now = new Date('2032-06-15T12:00:00Z');
  let old: string;
  let recent: string;

  const db = useDemoDatabase(backend, {
    setup: async () => {
      // Two answered appeals of the demo school: one closed six years before `now`, one last month.
      const answered = await db.query<{ id: string }>(
        `SELECT id FROM appeals WHERE organization_id = 'demo-school' AND status = 'answered' ORDER BY id LIMIT 2`,
      );
      [old, recent] = answered.map((row) => row.id) as [string, string];
      await db.query(
        `UPDATE appeals SET registered_at = '2026-03-01T09:00:00Z', received_at = '2026-03-01T09:00:00Z',
           due_at = '2026-03-31T09:00:00Z', answered_at = '2026-03-20T09:00:00Z', applicant_email = 'old@example.org',
           applicant_surname = 'Старова', text = 'Старое обращение', answer_text = 'Ответ' WHERE id = $1`,
        [old],
      );
      await db.query(
        `UPDATE appeals SET answered_at = '2032-05-20T09:00:00Z', applicant_email = 'new@example.org' WHERE id = $1`,
        [recent],
      );
      await db.query(
        `INSERT INTO appeal_messages (id, appeal_id, author, text) VALUES ($1, $2, 'applicant', 'Уточнение')`,
        [randomUUID(), old],
      );
      await db.query(
        `INSERT INTO attachments (id, organization_id, appeal_id, name, media_type, size, sha256, content, upload_token_hash)
         VALUES ($1, 'demo-school', $2, 'Справка.pdf', 'application/pdf', 4, 'x', '\\x25504446', 'y')`,
        [randomUUID(), old],
      );
    },
  });

  it.skipIf(backend.skipReason)(
    'erases the personal data of long-closed appeals and keeps their statistics',
    async () => {
      const before = await appealCounter(db, 'demo-school', 'Europe/Moscow', '2026-03-15');
      const report = await runRetention(db, { now, retainYears: 5 });
      expect(report.cutoff).toBe('2027-06-15T12:00:00.000Z');
      expect(report.appealsErased).toBeGreaterThanOrEqual(1);
      expect(report).toMatchObject({ messagesDeleted: 1, attachmentsDeleted: 1 });

      const [erased] = await db.query<Record<string, unknown>>('SELECT * FROM appeals WHERE id = $1', [old]);
      expect(erased).toMatchObject({
        applicant_email: null,
        applicant_surname: null,
        text: null,
        answer_text: null,
        access_secret_hash: null,
        status: 'answered',
      });
      expect(erased?.personal_data_erased_at).not.toBeNull();
      expect(await db.query('SELECT 1 FROM appeal_messages WHERE appeal_id = $1', [old])).toHaveLength(0);
      expect(await db.query('SELECT 1 FROM attachments WHERE appeal_id = $1', [old])).toHaveLength(0);

      const [kept] = await db.query<{ applicant_email: string }>(
        'SELECT applicant_email FROM appeals WHERE id = $1',
        [recent],
      );
      expect(kept?.applicant_email).toBe('new@example.org');
      // The counter for that period reads the same: statistics survive the erasure.
      expect(await appealCounter(db, 'demo-school', 'Europe/Moscow', '2026-03-15')).toEqual(before);

      const runs = await db.query<{ appeals_erased: number; attachments_deleted: number }>(
        'SELECT appeals_erased, attachments_deleted FROM retention_runs',
      );
      expect(runs).toEqual([{ appeals_erased: report.appealsErased, attachments_deleted: 1 }]);
    },
  );

  it.skipIf(backend.skipReason)('erases nothing twice, and still records the run', async () => {
    const again = await runRetention(db, { now, retainYears: 5 });
    expect(again.appealsErased).toBe(0);
    expect(await db.query('SELECT 1 FROM retention_runs')).toHaveLength(2);
  });
});

describe.each(backends)('rating retention on $name', (backend) => {
  let h: ReturnType<typeof ratingHarness>;
  const org = 'demo-by';
  const now = new Date('2025-06-15T10:00:00Z');
  // Created a year and a half ago (past the one-year cutoff), five days ago, and today.
  const ids: Record<'old' | 'week' | 'today', string> = { old: '', week: '', today: '' };
  let todayBody: Record<string, unknown>;

  const db = useDemoDatabase(backend, {
    setup: async () => {
      // Only this suite's ratings: the demo ones are dated relative to the real clock.
      await db.query('DELETE FROM ratings');
      await rebuildRatingAggregates(db);
      h = ratingHarness(db);
      const at = { old: '2024-01-10T10:00:00Z', week: '2025-06-10T10:00:00Z', today: '2025-06-15T08:00:00Z' };
      for (const key of ['old', 'week', 'today'] as const) {
        h.clock.now = new Date(at[key]);
        const body = await h.body(org, key === 'old' ? 2 : 5, { comment: `Комментарий ${key}` });
        const res = await h.submit(org, body);
        expect(res.status, await res.clone().text()).toBe(201);
        ids[key] = ((await res.json()) as { ratingId: string }).ratingId;
        if (key === 'today') todayBody = body;
      }
      h.clock.now = now;
    },
  });

  const rows = async () =>
    Object.fromEntries(
      (
        await db.query<{ id: string; comment: string | null; rater_key: string }>(
          'SELECT id, comment, rater_key FROM ratings WHERE id = ANY($1::uuid[])',
          [Object.values(ids)],
        )
      ).map((row) => [row.id, row]),
    );

  it.skipIf(backend.skipReason)(
    'erases old comments and stale rater keys, keeping scores and summaries',
    async () => {
      const summaryBefore = await (await h.get(`/v1/organizations/${org}/rating`)).json();
      const aggregates = async () =>
        Promise.all(
          ['rating_months', 'rating_period_totals', 'rating_criterion_months'].map((t) =>
            snapshot(db, t, [org]),
          ),
        );
      const aggregatesBefore = await aggregates();
      const before = await rows();

      const report = await runRetention(db, { now, retainYears: 1 });
      expect(report).toMatchObject({
        cutoff: '2024-06-15T10:00:00.000Z',
        ratingCommentsErased: 1,
        raterKeysErased: 2,
      });

      const after = await rows();
      expect(after[ids.old]).toEqual({ id: ids.old, comment: null, rater_key: ids.old });
      expect(after[ids.week]).toEqual({ id: ids.week, comment: 'Комментарий week', rater_key: ids.week });
      expect(after[ids.today]).toEqual(before[ids.today]);
      expect(after[ids.today]?.comment).toBe('Комментарий today');

      // Scores and aggregates untouched: the badge reads the same, and so does a rebuild from ratings.
      expect(await (await h.get(`/v1/organizations/${org}/rating`)).json()).toEqual(summaryBefore);
      expect(await aggregates()).toEqual(aggregatesBefore);
      await rebuildRatingAggregates(db, [org]);
      expect(await aggregates()).toEqual(aggregatesBefore);

      const [run] = await db.query<{ rating_comments_erased: number; rater_keys_erased: number }>(
        'SELECT rating_comments_erased, rater_keys_erased FROM retention_runs ORDER BY id DESC LIMIT 1',
      );
      expect(run).toEqual({ rating_comments_erased: 1, rater_keys_erased: 2 });
    },
  );

  it.skipIf(backend.skipReason)('still refuses a second rating today from the same device', async () => {
    const again = { ...todayBody, proofOfWork: await h.pow(org) };
    await h.problem(await h.submit(org, again), 409, 'already-rated');
  });

  it.skipIf(backend.skipReason)('erases nothing twice, and records zero counts', async () => {
    const again = await runRetention(db, { now, retainYears: 1 });
    expect(again).toMatchObject({ ratingCommentsErased: 0, raterKeysErased: 0 });
    const [run] = await db.query<{ rating_comments_erased: number; rater_keys_erased: number }>(
      'SELECT rating_comments_erased, rater_keys_erased FROM retention_runs ORDER BY id DESC LIMIT 1',
    );
    expect(run).toEqual({ rating_comments_erased: 0, rater_keys_erased: 0 });
  });
});
