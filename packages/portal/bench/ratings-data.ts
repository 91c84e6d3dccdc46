/**
 * The rating bench's data: the national set generated into a fresh database, the organisations the
 * load is spread over (so per-organisation caches miss as they would for real visitors), and the
 * cost of the rating queries with no cache at all, timed in process against the same database.
 */

import { todayIn } from '../src/dates.ts';
import type { Database } from '../src/db/types.ts';
import { migrate } from '../src/migrations/index.ts';
import { ratingAnalytics } from '../src/ratings/analytics.ts';
import { periodContaining } from '../src/ratings/periods.ts';
import { type RatingGroup, rankGroup, siblingsGroup, sphereGroup } from '../src/ratings/ranking.ts';
import { RankingCache } from '../src/ratings/ranking-cache.ts';
import { loadRatingOrganization } from '../src/ratings/settings.ts';
import { ratingSummary } from '../src/ratings/summary.ts';
import { generateNational, type NationalReport } from '../src/seed/national.ts';
import { createRandom } from '../src/seed/random.ts';
import { percentile } from './load.ts';

/** Sibling groups at least this big count as "big" (the largest are 100–200). */
export const BIG_SIBLINGS = 50;
/** Sphere groups (country, sphere, category) at least this big: schools, kindergartens, housing… */
export const BIG_SPHERE = 1_000;
const SAMPLE = 2_000;

export interface Rater {
  id: string;
  serviceId: string;
  country: 'RU' | 'BY';
}

export interface Targets {
  /** Every generated organisation, shuffled. */
  any: string[];
  inBigSiblingGroups: string[];
  inBigSphereGroups: string[];
  /** Organisations that take ratings, with the service rated. */
  raters: Rater[];
}

export interface ColdTiming {
  query: string;
  calls: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export async function generate(db: Database, sizes: { organizations: number; ratings: number }) {
  await migrate(db);
  return generateNational(db, { ...sizes, onProgress: (message) => console.error(`  ${message}`) });
}

export async function pickTargets(db: Database): Promise<Targets> {
  const random = createRandom(42);
  const ids = async (sql: string, sample = SAMPLE) =>
    random.shuffle((await db.query<{ id: string }>(sql)).map((row) => row.id)).slice(0, sample);
  const raters = await db.query<{ id: string; service_id: string; country: 'RU' | 'BY' }>(
    `SELECT o.id, o.country,
       (SELECT s.id FROM services s WHERE s.organization_id = o.id ORDER BY s.position LIMIT 1) AS service_id
     FROM organizations o WHERE o.id LIKE 'gen-%' ORDER BY o.id`,
  );
  return {
    // Every organisation: more than a read case asks for, so no summary is served from the cache.
    any: await ids(
      `SELECT id FROM organizations WHERE id LIKE 'gen-%' ORDER BY id`,
      Number.POSITIVE_INFINITY,
    ),
    inBigSiblingGroups: await ids(
      `SELECT id FROM organizations WHERE parent_id IN (
         SELECT parent_id FROM organizations WHERE parent_id IS NOT NULL GROUP BY parent_id
         HAVING count(*) >= ${BIG_SIBLINGS}) ORDER BY id`,
    ),
    inBigSphereGroups: await ids(
      `SELECT id FROM organizations WHERE (country, sphere, category) IN (
         SELECT country, sphere, category FROM organizations GROUP BY 1, 2, 3 HAVING count(*) >= ${BIG_SPHERE})
       ORDER BY id`,
    ),
    raters: random
      .shuffle(raters)
      .slice(0, SAMPLE)
      .map((r) => ({ id: r.id, serviceId: r.service_id, country: r.country })),
  };
}

async function time(query: string, calls: (() => Promise<unknown>)[]): Promise<ColdTiming> {
  const ms: number[] = [];
  for (const call of calls) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return {
    query,
    calls: ms.length,
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    maxMs: percentile(ms, 100),
  };
}

/**
 * The rating queries with every cache bypassed: what the first request for a group or organisation
 * costs. Rankings of every big group, all time and the current quarter; summaries and analytics
 * (with a fresh ranking cache each) of sampled organisations.
 */
export async function coldTimings(db: Database, targets: Targets): Promise<ColdTiming[]> {
  const today = todayIn('Europe/Moscow');
  const quarter = periodContaining('quarter', today);
  const siblingGroups = await db.query<{ parent_id: string }>(
    `SELECT parent_id FROM organizations WHERE parent_id IS NOT NULL GROUP BY parent_id
     HAVING count(*) >= ${BIG_SIBLINGS} ORDER BY count(*) DESC LIMIT 60`,
  );
  const sphereGroups = await db.query<{ country: 'RU' | 'BY'; sphere: string; category: string }>(
    `SELECT country, sphere, category FROM organizations GROUP BY 1, 2, 3 HAVING count(*) >= ${BIG_SPHERE}`,
  );
  const siblings = siblingGroups.map((g) => siblingsGroup(g.parent_id) as RatingGroup);
  // Few sphere groups: each is ranked several times to give the percentiles some samples.
  const spheres = [1, 2, 3, 4, 5].flatMap(() => sphereGroups.map((g) => sphereGroup(g)));
  const organizations = await Promise.all(
    targets.any.slice(0, 60).map(async (id) => {
      const org = await loadRatingOrganization(db, id);
      if (org === null) throw new Error(`no organisation ${id}`);
      return org;
    }),
  );
  return [
    await time(
      'ranking siblings, all',
      siblings.map((g) => () => rankGroup(db, g, null)),
    ),
    await time(
      'ranking siblings, quarter',
      siblings.map((g) => () => rankGroup(db, g, quarter)),
    ),
    await time(
      'ranking sphere, all',
      spheres.map((g) => () => rankGroup(db, g, null)),
    ),
    await time(
      'ranking sphere, quarter',
      spheres.map((g) => () => rankGroup(db, g, quarter)),
    ),
    await time(
      'summary',
      organizations.map((org) => () => ratingSummary(db, org)),
    ),
    await time(
      'analytics (quarter, 12 months)',
      organizations.map(
        (org) => () =>
          ratingAnalytics(db, org, { period: 'quarter', on: today, months: 12 }, new RankingCache()),
      ),
    ),
  ];
}

export type { NationalReport };
