/**
 * Issue 12's rating case: the console's analytics screen for a department with 300 subordinate
 * schools, on the national data set. The generated set's largest sibling groups hold under 150
 * organisations, so the bench adds city education departments (`gen-bench-city-N`, under a Russian
 * regional education department) and moves 300 generated Russian schools under each, ratings and
 * aggregates and all (as when a city takes its schools over from the districts).
 *
 * Each sample is one opening of the screen, through the whole app as the console calls it: the
 * analytics (trend per criterion, distribution, positions among siblings and in the sphere with their
 * change, the table of subordinates), the summary, and the comments of the department and everything
 * below it (a staff API key of the department), all three at once as the screen loads them, with every
 * rating cache emptied first: the cost for the first visitor of a period, not a cached answer.
 */
import { createApp } from '../src/app.ts';
import type { Database } from '../src/db/types.ts';
import { createRatingCaches } from '../src/ratings/routes.ts';
import { createKeyRing } from '../src/security/keys.ts';
import { createApiKey } from '../src/staff/api-keys.ts';
import { percentile } from './load.ts';

export const DEPARTMENT_SUBORDINATES = 300;
export const DEPARTMENT_P95_TARGET_MS = 200;

/** Adds `count` departments of 300 schools each; returns their ids. */
export async function addBigDepartments(db: Database, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const id = `gen-bench-city-${n}`;
    await db.query('DELETE FROM organizations WHERE id = $1', [id]);
    // Copies a Russian regional education department's place and settings, as its new subordinate.
    const [parent] = await db.query<{ id: string }>(
      `SELECT id FROM organizations WHERE id LIKE 'gen-%' AND country = 'RU' AND sphere = 'education'
         AND category = 'department' AND parent_id IN (SELECT id FROM organizations WHERE category = 'ministry')
       ORDER BY id OFFSET $1 LIMIT 1`,
      [n - 1],
    );
    if (parent === undefined) throw new Error('No Russian regional education department to add a city under');
    await db.query(
      `INSERT INTO organizations (id, name, short_name, country, jurisdiction, sphere, category, parent_id,
         address, website, lat, lon, time_zone, languages)
       SELECT $1, 'Департамент образования города № ' || $2::int, NULL, country, jurisdiction, sphere,
         category, id, address, NULL, lat, lon, time_zone, languages
       FROM organizations WHERE id = $3`,
      [id, n, parent.id],
    );
    await db.query(
      `UPDATE organizations SET parent_id = $1 WHERE id IN (
         SELECT id FROM organizations WHERE id LIKE 'gen-%' AND country = 'RU' AND category = 'school'
           AND parent_id NOT LIKE 'gen-bench-city-%'
         ORDER BY md5(id) LIMIT $2)`,
      [id, DEPARTMENT_SUBORDINATES],
    );
    ids.push(id);
  }
  await db.exec('ANALYZE organizations');
  return ids;
}

export interface DepartmentTiming {
  case: string;
  departments: number;
  subordinates: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** p95 of each request of the screen, for finding the slow one. */
  parts: Record<string, number>;
}

/** `samples` uncached openings of the analytics screen, spread over the departments and periods. */
export async function timeDepartmentScreen(
  db: Database,
  departments: readonly string[],
  samples: number,
): Promise<DepartmentTiming> {
  const caches = createRatingCaches();
  const app = createApp({
    db,
    keys: createKeyRing(db, 'bench-ratings'),
    logger: { log() {} },
    ratingCaches: caches,
  });
  const keys = new Map<string, string>();
  for (const id of departments) keys.set(id, await createApiKey(db, id, 'bench'));
  const periods = ['quarter', 'month', 'year'] as const;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const started = performance.now();
    const res = await app.request(`http://127.0.0.1${path}`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return performance.now() - started;
  };
  const total: number[] = [];
  const parts: Record<string, number[]> = { analytics: [], summary: [], comments: [] };
  for (let i = -3; i < samples; i++) {
    const n = Math.abs(i);
    const id = departments[n % departments.length] as string;
    const period = periods[Math.floor(n / departments.length) % periods.length];
    caches.summaries.clear();
    caches.rankings.clear();
    const started = performance.now();
    // All three at once, as the screen asks for them (the comments panel loads beside the figures).
    const [analytics, summary, comments] = await Promise.all([
      get(`/v1/organizations/${id}/rating/analytics?period=${period}`),
      get(`/v1/organizations/${id}/rating`),
      get(`/v1/staff/organizations/${id}/rating-comments?includeSubordinates=true&limit=20`, {
        Authorization: `Bearer ${keys.get(id)}`,
      }),
    ]);
    if (i < 0) continue;
    total.push(performance.now() - started);
    parts.analytics?.push(analytics);
    parts.summary?.push(summary);
    parts.comments?.push(comments);
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const all = sorted(total);
  return {
    case: `analytics screen, department of ${DEPARTMENT_SUBORDINATES} (uncached)`,
    departments: departments.length,
    subordinates: DEPARTMENT_SUBORDINATES,
    samples: all.length,
    p50Ms: percentile(all, 50),
    p95Ms: percentile(all, 95),
    maxMs: percentile(all, 100),
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, percentile(sorted(v), 95)])),
  };
}
