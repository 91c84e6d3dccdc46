import { RankingPage, RatingAnalytics, RatingSummary, SphereList } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { ratingHarness, SITE, snapshot } from '../testing/rating-harness.ts';
import { rebuildRatingAggregates } from './aggregates.ts';

const backends = await testBackends();

/**
 * A small group rated through the real submission path in two quarters, with every expected figure
 * worked out by hand. Every rating scores all five ru-nok criteria; `[4, 4, 4, 4, 4]` is written 4.
 *
 *   parent rk-parent: Alpha (A), Beta (B), Gamma (C), Delta (D), Epsilon (E, never rated)
 *   (Delta and Epsilon have a long full name and a short one: rankings show the short one)
 *   same sphere and category, no parent: Omega (X)
 *
 *   Q1 (10 Feb 2025)  A 5, 4        → 4.50 (2)   B 5, 4, 5, 4 → 4.50 (4)   C 3 → 3.00   D 4, 4 → 4.00
 *   Q2 (12 May 2025)  A 3 → 3.00    B 2, 3 → 2.50   C 5 → 5.00   D 4, [5,5,5,5,4] → 44/10 = 4.40   X 5
 *   all time          A 12/3 = 4.00 (3)   B 23/6 = 3.83 (6)   C 8/2 = 4.00 (2)   D 84/20 = 4.20 (4)   X 5.00
 */
const ORGS = ['rk-a', 'rk-b', 'rk-c', 'rk-d', 'rk-e', 'rk-x'];
const NAMES: Record<string, string> = {
  'rk-a': 'Alpha',
  'rk-b': 'Beta',
  'rk-c': 'Gamma',
  'rk-d': 'Delta',
  'rk-e': 'Epsilon',
  'rk-x': 'Omega',
};
const FULL_NAMES: Record<string, string> = {
  'rk-d': 'Delta Centre of Social Services',
  'rk-e': 'Epsilon Centre of Social Services',
};

describe.each(backends)('rating rankings and analytics on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let h: ReturnType<typeof ratingHarness>;

  const json = async <S extends v.GenericSchema>(schema: S, path: string) => {
    const res = await h.get(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return v.parse(schema, await res.json());
  };
  const ranking = (org: string, query: string) =>
    json(RankingPage, `/v1/organizations/${org}/rating/ranking?${query}`);
  const table = (page: RankingPage) => page.items.map((e) => [e.name, e.rank, e.average, e.count]);

  const db = useDemoDatabase(backend, {
    setup: async () => {
      await db.query(
        `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, parent_id, time_zone)
         VALUES ('rk-parent', 'Parent', 'RU', 'generic', 'rk-sphere', 'rk-dept', NULL, 'Europe/Moscow')`,
      );
      for (const id of ORGS) {
        await db.query(
          `INSERT INTO organizations (id, name, short_name, country, jurisdiction, sphere, category, parent_id,
             time_zone)
           VALUES ($1, $2, $3, 'RU', 'generic', 'rk-sphere', 'rk-unit', $4, 'Europe/Moscow')`,
          [
            id,
            FULL_NAMES[id] ?? NAMES[id],
            FULL_NAMES[id] === undefined ? null : NAMES[id],
            id === 'rk-x' ? null : 'rk-parent',
          ],
        );
        await db.query(`INSERT INTO services (organization_id, id, name) VALUES ($1, 'visit', 'Visit')`, [
          id,
        ]);
      }
      for (const id of ['rk-parent', ...ORGS])
        await db.query(`INSERT INTO organization_origins VALUES ($1, $2)`, [id, SITE]);
      h = ratingHarness(db);
      h.clock.now = new Date('2025-02-10T09:00:00Z');
      for (const [org, scores] of [
        ['rk-a', [5, 4]],
        ['rk-b', [5, 4, 5, 4]],
        ['rk-c', [3]],
        ['rk-d', [4, 4]],
      ] as const) {
        for (const score of scores) await h.rate(org, score);
      }
      h.clock.now = new Date('2025-05-12T09:00:00Z');
      for (const [org, scores] of [
        ['rk-a', [3]],
        ['rk-b', [2, 3]],
        ['rk-c', [5]],
        ['rk-d', [4, [5, 5, 5, 5, 4]]],
        ['rk-x', [5]],
      ] as const) {
        for (const score of scores) await h.rate(org, typeof score === 'number' ? score : [...score]);
      }
    },
  });

  test('all time among siblings: averages, competition ranks with a tie, count then name order', async () => {
    const page = await ranking('rk-a', 'scope=siblings&period=all');
    expect(table(page)).toEqual([
      ['Delta', 1, 4.2, 4],
      ['Alpha', 2, 4, 3],
      ['Gamma', 2, 4, 2],
      ['Beta', 4, 3.83, 6],
    ]);
    expect(page).toMatchObject({ total: 4, position: { rank: 2, of: 4 }, from: null, to: null });
    // Epsilon has no ratings: not ranked, not counted.
    expect((await ranking('rk-e', 'scope=siblings&period=all')).position).toEqual({ rank: null, of: 4 });
    const second = await ranking('rk-a', 'scope=siblings&period=all&limit=2&offset=1');
    expect(second.items.map((e) => e.name)).toEqual(['Alpha', 'Gamma']);
    expect(second).toMatchObject({ total: 4, limit: 2, offset: 1 });
  });

  test('within the sphere (same country, sphere, category, any parent)', async () => {
    const page = await ranking('rk-e', 'scope=sphere&period=all');
    expect(table(page)).toEqual([
      ['Omega', 1, 5, 1],
      ['Delta', 2, 4.2, 4],
      ['Alpha', 3, 4, 3],
      ['Gamma', 3, 4, 2],
      ['Beta', 5, 3.83, 6],
    ]);
    // Q2: Gamma and Omega tie on average and count, so the name orders them.
    const q2 = await ranking('rk-d', 'scope=sphere&period=quarter&on=2025-05-12');
    expect(table(q2)).toEqual([
      ['Gamma', 1, 5, 1],
      ['Omega', 1, 5, 1],
      ['Delta', 3, 4.4, 2],
      ['Alpha', 4, 3, 1],
      ['Beta', 5, 2.5, 2],
    ]);
    expect(q2).toMatchObject({ from: '2025-04-01', to: '2025-06-30', position: { rank: 3, of: 5 } });
  });

  test('calendar periods: quarter, month and year of the organisation’s local calendar', async () => {
    const q1 = await ranking('rk-a', 'period=quarter&on=2025-03-31');
    expect(table(q1)).toEqual([
      ['Beta', 1, 4.5, 4],
      ['Alpha', 1, 4.5, 2],
      ['Delta', 3, 4, 2],
      ['Gamma', 4, 3, 1],
    ]);
    expect(q1).toMatchObject({ from: '2025-01-01', to: '2025-03-31', position: { rank: 1, of: 4 } });
    const april = await ranking('rk-a', 'period=month&on=2025-04-15');
    expect(april).toMatchObject({ items: [], total: 0, position: { rank: null, of: 0 }, to: '2025-04-30' });
    const may = await ranking('rk-a', 'period=month&on=2025-05-01');
    expect(may.items.map((e) => e.name)).toEqual(['Gamma', 'Delta', 'Alpha', 'Beta']);
    const year = await ranking('rk-a', 'period=year&on=2025-12-31');
    expect(table(year)).toEqual(table(await ranking('rk-a', 'period=all')));
    expect(year).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
  });

  test('ranking refusals: siblings of an organisation without a parent, a date that does not exist', async () => {
    const noParent = await h.problem(
      await h.get('/v1/organizations/rk-x/rating/ranking?scope=siblings'),
      422,
      'validation-failed',
    );
    expect(noParent.issues?.[0]?.path).toBe('query.scope');
    const badDate = await h.problem(
      await h.get('/v1/organizations/rk-a/rating/ranking?on=2025-02-30'),
      422,
      'validation-failed',
    );
    expect(badDate.issues?.[0]?.path).toBe('query.on');
    await h.problem(
      await h.get('/v1/organizations/rk-a/rating/ranking?period=decade'),
      422,
      'validation-failed',
    );
    await h.problem(
      await h.get('/v1/organizations/rk-a/rating/ranking', { Origin: 'https://evil.example' }),
      403,
      'origin-not-allowed',
    );
  });

  test('summary: averages per criterion, distribution by rounded mean, positions, last rating', async () => {
    const delta = await json(RatingSummary, '/v1/organizations/rk-d/rating');
    expect(delta).toMatchObject({
      criteriaSetId: 'ru-nok',
      average: 4.2,
      count: 4,
      // 4, 4, 4 and a mean of 4.8
      distribution: [0, 0, 0, 3, 1],
      siblings: { rank: 1, of: 4 },
      sphere: { rank: 2, of: 5 },
      lastRatedAt: '2025-05-12T09:00:00.000Z',
    });
    expect(delta.criteria.map((c) => [c.id, c.average, c.count])).toEqual([
      ['openness', 4.25, 4],
      ['comfort', 4.25, 4],
      ['accessibility', 4.25, 4],
      ['courtesy', 4.25, 4],
      ['satisfaction', 4, 4],
    ]);
    expect((await json(RatingSummary, '/v1/organizations/rk-b/rating')).distribution).toEqual([
      0, 1, 1, 2, 2,
    ]);
    const epsilon = await json(RatingSummary, '/v1/organizations/rk-e/rating');
    expect(epsilon).toMatchObject({
      average: null,
      count: 0,
      distribution: [0, 0, 0, 0, 0],
      siblings: { rank: null, of: 4 },
      lastRatedAt: null,
    });
    expect(epsilon.criteria.every((c) => c.average === null && c.count === 0)).toBe(true);
    expect((await json(RatingSummary, '/v1/organizations/rk-x/rating')).siblings).toBeNull();
  });

  test('analytics: both quarters, positions and their change, trend with empty months', async () => {
    const delta = await json(
      RatingAnalytics,
      '/v1/organizations/rk-d/rating/analytics?period=quarter&on=2025-05-12&months=6',
    );
    expect(delta.current).toMatchObject({
      from: '2025-04-01',
      to: '2025-06-30',
      average: 4.4,
      count: 2,
      siblings: { rank: 2, of: 4 },
      sphere: { rank: 3, of: 5 },
    });
    expect(delta.current.criteria).toEqual({
      openness: 4.5,
      comfort: 4.5,
      accessibility: 4.5,
      courtesy: 4.5,
      satisfaction: 4,
    });
    expect(delta.previous).toMatchObject({
      from: '2025-01-01',
      to: '2025-03-31',
      average: 4,
      count: 2,
      siblings: { rank: 3, of: 4 },
      sphere: { rank: 3, of: 4 },
    });
    expect(delta.change).toEqual({ siblings: 1, sphere: 0 });
    expect(delta.trend.map((m) => [m.month, m.count, m.average])).toEqual([
      ['2025-01', 0, null],
      ['2025-02', 2, 4],
      ['2025-03', 0, null],
      ['2025-04', 0, null],
      ['2025-05', 2, 4.4],
      ['2025-06', 0, null],
    ]);
    expect(delta.trend[0]?.criteria).toEqual({
      openness: null,
      comfort: null,
      accessibility: null,
      courtesy: null,
      satisfaction: null,
    });
    // Gamma went from last to first: three places gained.
    const gamma = await json(RatingAnalytics, '/v1/organizations/rk-c/rating/analytics?on=2025-05-12');
    expect(gamma.change.siblings).toBe(3);
    expect(gamma.trend).toHaveLength(12);
    expect(gamma.trend.at(-1)?.month).toBe('2025-06');
  });

  test('analytics of a parent: its subordinates ranked in both periods with the places gained', async () => {
    const parent = await json(
      RatingAnalytics,
      '/v1/organizations/rk-parent/rating/analytics?period=quarter&on=2025-05-12',
    );
    // The full name and the short one, ranked (from the ranking) and unranked alike.
    expect(
      parent.subordinates.map((s) => [s.name, s.shortName, s.current.rank, s.previous.rank, s.change]),
    ).toEqual([
      ['Gamma', null, 1, 4, 3],
      ['Delta Centre of Social Services', 'Delta', 2, 3, 1],
      ['Alpha', null, 3, 1, -2],
      ['Beta', null, 4, 1, -3],
      ['Epsilon Centre of Social Services', 'Epsilon', null, null, null],
    ]);
    expect(parent.subordinates[1]).toMatchObject({
      current: { average: 4.4, count: 2 },
      previous: { average: 4, count: 2 },
    });
    expect(parent.current).toMatchObject({
      average: null,
      count: 0,
      siblings: null,
      sphere: { rank: null, of: 0 },
    });
    expect(parent.change).toEqual({ siblings: null, sphere: null });
    const month = await json(
      RatingAnalytics,
      '/v1/organizations/rk-parent/rating/analytics?period=month&on=2025-03-05',
    );
    expect(month.previous).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
    expect(month.subordinates.every((s) => s.current.rank === null)).toBe(true);
    // Nobody rated in March: all listed by the name shown (the short one where there is one), with
    // February's ranks.
    expect(month.subordinates.map((s) => [s.shortName ?? s.name, s.previous.rank])).toEqual([
      ['Alpha', 1],
      ['Beta', 1],
      ['Delta', 3],
      ['Epsilon', null],
      ['Gamma', 4],
    ]);
  });

  test('the aggregates kept on every insert equal a rebuild from the ratings', async () => {
    const tables = ['rating_months', 'rating_period_totals', 'rating_criterion_months'];
    const incremental = await Promise.all(tables.map((t) => snapshot(db, t, ORGS)));
    expect(incremental[1]?.filter((r) => r.organization_id === 'rk-d').map((r) => r.period)).toEqual(
      expect.arrayContaining(['all', '2025', '2025-Q1', '2025-Q2']),
    );
    await db.transaction((tx) => rebuildRatingAggregates(tx, ORGS));
    expect(await Promise.all(tables.map((t) => snapshot(db, t, ORGS)))).toEqual(incremental);
    // A rebuild of some organisations leaves the others alone.
    const [demo] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rating_period_totals WHERE organization_id = 'demo-school'`,
    );
    expect(demo?.n).toBeGreaterThan(0);
  });

  test('spheres: names, categories and counts; a sphere without a name row is shown by its id', async () => {
    const all = await json(SphereList, '/v1/spheres');
    const education = all.items.find((s) => s.id === 'education');
    expect(education).toMatchObject({ name: { ru: 'Образование' }, count: 5 });
    expect(education?.categories.map((c) => [c.id, c.count])).toEqual([
      ['department', 1],
      ['school', 4],
    ]);
    const rk = all.items.find((s) => s.id === 'rk-sphere');
    expect(rk).toEqual({
      id: 'rk-sphere',
      name: { en: 'rk-sphere' },
      count: 7,
      categories: [
        { id: 'rk-dept', name: { en: 'rk-dept' }, count: 1 },
        { id: 'rk-unit', name: { en: 'rk-unit' }, count: 6 },
      ],
    });
    const belarus = await json(SphereList, '/v1/spheres?country=BY');
    expect(belarus.items.find((s) => s.id === 'rk-sphere')).toBeUndefined();
    expect(belarus.items.find((s) => s.id === 'social')?.count).toBe(1);
    expect(belarus.items.find((s) => s.id === 'education')?.count).toBe(0);
  });
});
