import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { generateNational, nationalDataSet } from './national.ts';
import { GROUP_MAX, GROUP_MIN } from './national-organizations.ts';
import { CRITERIA_BY_COUNTRY } from './national-ratings.ts';

const TODAY = '2026-11-22';
const SMALL = { organizations: 200, ratings: 2_000, seed: 7, today: TODAY };

describe('the national data set (no database)', () => {
  const { organizations } = nationalDataSet({ today: TODAY });

  it('has 13,000 organisations in a tree, parents listed before their children', () => {
    expect(organizations).toHaveLength(13_000);
    const seen = new Set<string>();
    for (const org of organizations) {
      expect(org.id).toMatch(/^gen-[a-z0-9-]{1,59}[a-z0-9]$/);
      expect(seen.has(org.id)).toBe(false);
      // A parent seen earlier cannot be a descendant: no cycles.
      if (org.parentId !== null) expect(seen.has(org.parentId)).toBe(true);
      seen.add(org.id);
    }
  });

  it('keeps sibling groups between 5 and 200 and gives 2–6 services and mostly coordinates', () => {
    const groups = new Map<string, number>();
    for (const org of organizations) {
      if (org.parentId !== null) groups.set(org.parentId, (groups.get(org.parentId) ?? 0) + 1);
    }
    expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(GROUP_MIN);
    expect(Math.max(...groups.values())).toBeLessThanOrEqual(GROUP_MAX);
    expect(organizations.every((org) => org.services.length >= 2 && org.services.length <= 6)).toBe(true);
    const located = organizations.filter((org) => org.lat !== null).length / organizations.length;
    expect(located).toBeGreaterThan(0.85);
    expect(located).toBeLessThan(1);
    expect(new Set(organizations.map((org) => org.country))).toEqual(new Set(['RU', 'BY']));
    // Ranking within a sphere has large groups to rank: thousands of Russian schools.
    const ruSchools = organizations.filter((o) => o.country === 'RU' && o.category === 'school').length;
    expect(ruSchools).toBeGreaterThan(1_000);
  });

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const take = (seed: number) => {
      const set = nationalDataSet({ ...SMALL, seed });
      return { organizations: set.organizations, ratings: [...set.ratings] };
    };
    expect(take(7)).toEqual(take(7));
    expect(take(8).ratings).not.toEqual(take(7).ratings);
    expect(take(8).organizations.map((o) => o.name)).not.toEqual(take(7).organizations.map((o) => o.name));
  });

  it('spreads ratings over the 24 months before today with scores skewed towards 4–5', () => {
    const ratings = [...nationalDataSet({ ...SMALL, ratings: 20_000 }).ratings];
    const dates = ratings.map((r) => r.ratedOn).sort();
    expect(dates[0]! >= '2024-11-20').toBe(true);
    expect(dates.at(-1)! < TODAY).toBe(true);
    expect(ratings.every((r) => r.serviceDate <= r.ratedOn)).toBe(true);
    const means = ratings.map((r) => r.scores.reduce((a, b) => a + b, 0) / r.scores.length);
    const average = means.reduce((a, b) => a + b, 0) / means.length;
    expect(average).toBeGreaterThan(3.6);
    expect(average).toBeLessThan(4.6);
    expect(means.filter((m) => m < 2.5).length).toBeGreaterThan(ratings.length * 0.02);
    const comments = ratings.filter((r) => r.comment !== null).length / ratings.length;
    expect(comments).toBeGreaterThan(0.05);
    expect(comments).toBeLessThan(0.3);
  });
});

const backends = await testBackends();

describe.each(backends)('generateNational on $name', (backend) => {
  let demoOrganizations: number;
  const db = useDemoDatabase(backend, {
    setup: async () => {
      [{ demoOrganizations = 0 } = {}] = await db.query<{ demoOrganizations: number }>(
        `SELECT count(*)::int AS "demoOrganizations" FROM organizations`,
      );
    },
  });

  const count = async (sql: string) =>
    ((await db.query<{ n: number }>(`SELECT (${sql})::int AS n`))[0] as { n: number }).n;

  it.skipIf(backend.skipReason)('writes what it reports, and every reference resolves', async () => {
    const report = await generateNational(db, SMALL);
    expect(report).toMatchObject({ organizations: 200, ratings: 2_000 });
    expect(await count(`SELECT count(*) FROM organizations WHERE id LIKE 'gen-%'`)).toBe(200);
    expect(await count(`SELECT count(*) FROM services WHERE organization_id LIKE 'gen-%'`)).toBe(
      report.services,
    );
    expect(await count(`SELECT count(*) FROM ratings WHERE organization_id LIKE 'gen-%'`)).toBe(2_000);
    expect(
      await count(`SELECT count(*) FROM rating_scores s JOIN ratings r ON r.id = s.rating_id
        WHERE r.organization_id LIKE 'gen-%'`),
    ).toBe(report.scores);
    // Foreign-key triggers were skipped for speed: check the references they would have.
    expect(
      await count(`SELECT count(*) FROM organizations o WHERE o.parent_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM organizations p WHERE p.id = o.parent_id)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM ratings r
        WHERE NOT EXISTS (SELECT 1 FROM services s WHERE s.organization_id = r.organization_id AND s.id = r.service_id)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM ratings r
        WHERE r.score_count <> (SELECT count(*) FROM rating_scores s WHERE s.rating_id = r.id)
           OR r.score_sum <> (SELECT sum(score) FROM rating_scores s WHERE s.rating_id = r.id)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM rating_scores s JOIN ratings r ON r.id = s.rating_id
        WHERE NOT EXISTS (SELECT 1 FROM criteria c WHERE c.set_id = r.criteria_set_id AND c.id = s.criterion_id)`),
    ).toBe(0);
    // The demo is left as it was.
    expect(await count(`SELECT count(*) FROM organizations WHERE id NOT LIKE 'gen-%'`)).toBe(
      demoOrganizations,
    );
  });

  it.skipIf(backend.skipReason)('uses the criteria sets of migration 0007 by country', async () => {
    for (const { setId, criteria } of Object.values(CRITERIA_BY_COUNTRY)) {
      const rows = await db.query<{ id: string }>(
        'SELECT id FROM criteria WHERE set_id = $1 ORDER BY position',
        [setId],
      );
      expect(rows.map((row) => row.id)).toEqual(criteria);
    }
    expect(
      await count(`SELECT count(*) FROM ratings r JOIN organizations o ON o.id = r.organization_id
        WHERE r.criteria_set_id <> CASE o.country WHEN 'BY' THEN 'by-base' ELSE 'ru-nok' END`),
    ).toBe(0);
  });

  it.skipIf(backend.skipReason)('has no cycle in the hierarchy', async () => {
    // Walking up from every organisation ends at a root within a few steps.
    const [deepest] = await db.query<{ depth: number }>(
      `WITH RECURSIVE up (id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM organizations WHERE id LIKE 'gen-%'
         UNION ALL
         SELECT up.id, p.parent_id, up.depth + 1 FROM up JOIN organizations p ON p.id = up.parent_id
         WHERE up.depth < 50)
       SELECT max(depth)::int AS depth FROM up`,
    );
    expect(deepest?.depth).toBeLessThanOrEqual(3);
  });

  it.skipIf(backend.skipReason)(
    'fills the monthly aggregates with exactly the figures of the ratings',
    async () => {
      // Recomputed here in JavaScript from the rows, independently of the generator's SQL.
      const ratings = await db.query<{
        organization_id: string;
        month: string;
        score_sum: number;
        score_count: number;
        created_at: Date;
      }>(
        `SELECT organization_id, to_char(rated_on, 'YYYY-MM-01') AS month, score_sum, score_count, created_at
       FROM ratings WHERE organization_id LIKE 'gen-%'`,
      );
      const expected = new Map<
        string,
        { ratings: number; sum: number; count: number; d: number[]; last: number }
      >();
      for (const r of ratings) {
        const key = `${r.organization_id}|${r.month}`;
        const entry = expected.get(key) ?? { ratings: 0, sum: 0, count: 0, d: [0, 0, 0, 0, 0], last: 0 };
        entry.ratings++;
        entry.sum += r.score_sum;
        entry.count += r.score_count;
        const bucket = Math.round(r.score_sum / r.score_count) - 1;
        entry.d[bucket] = (entry.d[bucket] ?? 0) + 1;
        entry.last = Math.max(entry.last, r.created_at.getTime());
        expected.set(key, entry);
      }
      const months = await db.query<{
        key: string;
        ratings: number;
        score_sum: string;
        score_count: string;
        d1: number;
        d2: number;
        d3: number;
        d4: number;
        d5: number;
        last_rated_at: Date;
      }>(
        `SELECT organization_id || '|' || to_char(month, 'YYYY-MM-DD') AS key, ratings, score_sum::text,
         score_count::text, d1, d2, d3, d4, d5, last_rated_at
       FROM rating_months WHERE organization_id LIKE 'gen-%'`,
      );
      expect(months).toHaveLength(expected.size);
      for (const m of months) {
        const e = expected.get(m.key);
        expect(e, m.key).toBeDefined();
        expect({
          ratings: m.ratings,
          sum: Number(m.score_sum),
          count: Number(m.score_count),
          d: [m.d1, m.d2, m.d3, m.d4, m.d5],
          last: m.last_rated_at.getTime(),
        }).toEqual(e);
      }

      // Every rating counts once in its organisation's all-time total.
      expect(
        await count(`SELECT count(*) FROM organizations o
        LEFT JOIN rating_period_totals t ON t.organization_id = o.id AND t.period = 'all'
        WHERE o.id LIKE 'gen-%'
          AND COALESCE(t.ratings, 0) <> (SELECT count(*) FROM ratings r WHERE r.organization_id = o.id)`),
      ).toBe(0);

      const [mismatch] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
         SELECT r.organization_id, date_trunc('month', r.rated_on)::date AS month, s.criterion_id,
           sum(s.score) AS score_sum, count(*) AS score_count
         FROM ratings r JOIN rating_scores s ON s.rating_id = r.id WHERE r.organization_id LIKE 'gen-%'
         GROUP BY 1, 2, 3) truth
       FULL JOIN (SELECT * FROM rating_criterion_months WHERE organization_id LIKE 'gen-%') kept
         USING (organization_id, month, criterion_id)
       WHERE truth.score_sum IS DISTINCT FROM kept.score_sum OR truth.score_count IS DISTINCT FROM kept.score_count`,
      );
      expect(mismatch?.n).toBe(0);
    },
  );

  it.skipIf(backend.skipReason)('replaces an earlier generated set with the same data', async () => {
    const digest = async () =>
      (
        await db.query<{ digest: string }>(
          `SELECT md5(string_agg(row_text, ',' ORDER BY row_text)) AS digest FROM (
             SELECT concat_ws('|', id, name, parent_id, lat, lon) AS row_text FROM organizations WHERE id LIKE 'gen-%'
             UNION ALL
             SELECT concat_ws('|', id, organization_id, service_id, service_date, score_sum, comment, rated_on,
               created_at, rater_key) FROM ratings WHERE organization_id LIKE 'gen-%'
             UNION ALL
             SELECT concat_ws('|', organization_id, month, ratings, score_sum, d5) FROM rating_months
             WHERE organization_id LIKE 'gen-%') rows`,
        )
      )[0]?.digest;
    const first = await digest();
    await generateNational(db, SMALL);
    expect(await digest()).toBe(first);
    expect(await count(`SELECT count(*) FROM ratings WHERE organization_id LIKE 'gen-%'`)).toBe(2_000);
  });
});
