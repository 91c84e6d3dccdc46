/**
 * The national data set (issue 4: aggregates must stay fast at national scale): 13,000
 * organisations in Russia and Belarus and 250,000 ratings over 24 months, written in bulk
 * (`unnest` of arrays, thousands of rows a statement) and its rating aggregates then recomputed
 * from the ratings with `INSERT … SELECT … GROUP BY` (the rating store's rebuild), the same
 * figures the insert path keeps one rating at a time. Works on PGlite and PostgreSQL; replaces an
 * earlier generated set and leaves the rest (the demo) alone.
 * CLI: `pnpm --filter @otklik/portal run generate [--organizations N] [--ratings N] [--seed N]`.
 */
import type { Database, Queryable } from '../db/types.ts';
import { rebuildRatingAggregates } from '../ratings/aggregates.ts';
import {
  buildOrganizations,
  GENERATED_ID_PREFIX,
  type GeneratedOrganization,
  SPHERES,
} from './national-organizations.ts';
import { CRITERIA_BY_COUNTRY, type GeneratedRating, generateRatings } from './national-ratings.ts';
import { createRandom } from './random.ts';

export interface NationalOptions {
  organizations?: number;
  ratings?: number;
  seed?: number;
  /** The day the set is generated for (default: today, UTC); ratings cover the 24 months before it. */
  today?: string;
  onProgress?: (message: string) => void;
}

export interface NationalReport {
  organizations: number;
  services: number;
  ratings: number;
  scores: number;
  ms: number;
}

export const NATIONAL_DEFAULTS = { organizations: 13_000, ratings: 250_000, seed: 1 } as const;

/** Rows per statement: large enough to amortise the round trip, small enough for PGlite's memory. */
const ORGANIZATION_BATCH = 2_000;
const RATING_BATCH = 5_000;
const GENERATED = `${GENERATED_ID_PREFIX}%`;

export async function generateNational(db: Database, options: NationalOptions = {}): Promise<NationalReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const { organizations, ratings } = nationalDataSet(options);
  const report = await db.transaction(async (tx) => {
    // ON DELETE CASCADE takes an earlier set's services, ratings and aggregates with it.
    await tx.query('DELETE FROM organizations WHERE id LIKE $1', [GENERATED]);
    await skipForeignKeyChecksIfAllowed(tx);
    await insertSpheres(tx);
    const services = await insertOrganizations(tx, organizations);
    progress(`${organizations.length} organisations, ${services} services`);
    const written = await insertRatings(tx, ratings, progress);
    await computeAggregates(tx, generatedIds(organizations));
    progress('aggregates computed');
    return { organizations: organizations.length, services, ...written };
  });
  // Fresh statistics (the planner would take the new tables for empty ones), and a visibility map
  // for the covering indexes of the aggregates: without it every "index-only" scan of a ranking
  // reads the heap (measured on PostgreSQL: 31 ms instead of 6 ms for 2,400 schools). PGlite runs
  // no autovacuum, so nothing else would ever set it there.
  await db.exec('VACUUM ANALYZE');
  return { ...report, ms: Math.round(performance.now() - started) };
}

/**
 * Like `pg_restore --disable-triggers`: the set is consistent by construction (and its test checks
 * every reference), so the per-row foreign-key triggers (a large share of the load time) are skipped for the
 * rest of the transaction when the role may do so (a superuser; PGlite always is).
 */
async function skipForeignKeyChecksIfAllowed(tx: Queryable): Promise<void> {
  const [role] = await tx.query<{ superuser: boolean }>(
    'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  );
  if (role?.superuser) await tx.exec('SET LOCAL session_replication_role = replica');
}

/**
 * The generated organisations and a lazy stream of their ratings. Two random streams, so changing
 * the number of ratings leaves the organisations as they were.
 */
export function nationalDataSet(options: Omit<NationalOptions, 'onProgress'> = {}): {
  organizations: GeneratedOrganization[];
  ratings: Iterable<GeneratedRating>;
} {
  const seed = options.seed ?? NATIONAL_DEFAULTS.seed;
  const organizations = buildOrganizations(
    options.organizations ?? NATIONAL_DEFAULTS.organizations,
    createRandom(seed),
  );
  const plan = {
    count: options.ratings ?? NATIONAL_DEFAULTS.ratings,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  };
  return { organizations, ratings: generateRatings(organizations, plan, createRandom(seed + 0x5eed)) };
}

async function insertSpheres(tx: Queryable): Promise<void> {
  for (const [position, sphere] of SPHERES.entries()) {
    await tx.query(
      'INSERT INTO spheres (id, name, position) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
      [sphere.id, JSON.stringify({ ru: sphere.name }), position],
    );
    const categories = ['ministry', 'department', ...sphere.leaves.map((leaf) => leaf.category)];
    for (const [index, category] of categories.entries()) {
      await tx.query(
        'INSERT INTO categories (sphere_id, id, name, position) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [sphere.id, category, JSON.stringify({ ru: CATEGORY_NAMES[category] ?? category }), index],
      );
    }
  }
}

const CATEGORY_NAMES: Record<string, string> = {
  ministry: 'Министерства',
  department: 'Органы управления',
  school: 'Школы',
  kindergarten: 'Детские сады',
  polyclinic: 'Поликлиники',
  hospital: 'Больницы',
  'social-service-centre': 'Центры социального обслуживания',
  'management-company': 'Жилищно-эксплуатационные службы',
};

function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Column arrays of `rows`, one per key, for `unnest`. */
function columns<T, K extends string>(rows: readonly T[], pick: (row: T) => Record<K, unknown>) {
  const out = {} as Record<K, unknown[]>;
  for (const row of rows) {
    for (const [key, value] of Object.entries(pick(row)) as [K, unknown][]) (out[key] ??= []).push(value);
  }
  return out;
}

async function insertOrganizations(tx: Queryable, organizations: readonly GeneratedOrganization[]) {
  let services = 0;
  // Parents precede children in the list, and a chunk's foreign keys are checked at its end.
  for (const chunk of chunks(organizations, ORGANIZATION_BATCH)) {
    const c = columns(chunk, (o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      country: o.country,
      jurisdiction: o.country === 'BY' ? 'by-300z' : 'ru-59fz',
      sphere: o.sphere,
      category: o.category,
      parentId: o.parentId,
      address: o.address,
      website: o.website,
      lat: o.lat,
      lon: o.lon,
      timeZone: o.timeZone,
      // A text[][] parameter would have to be rectangular: languages travel as one string each.
      languages: o.languages.join(','),
    }));
    await tx.query(
      `INSERT INTO organizations (id, name, short_name, country, jurisdiction, sphere, category, parent_id,
         address, website, lat, lon, time_zone, languages)
       SELECT id, name, short_name, country, jurisdiction, sphere, category, parent_id, address, website,
         lat, lon, time_zone, string_to_array(languages, ',')
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::float8[], $12::float8[], $13::text[], $14::text[])
         AS t (id, name, short_name, country, jurisdiction, sphere, category, parent_id, address, website,
           lat, lon, time_zone, languages)`,
      [
        c.id,
        c.name,
        c.shortName,
        c.country,
        c.jurisdiction,
        c.sphere,
        c.category,
        c.parentId,
        c.address,
        c.website,
        c.lat,
        c.lon,
        c.timeZone,
        c.languages,
      ],
    );
    const rows = chunk.flatMap((o) => o.services.map((s, position) => ({ org: o.id, ...s, position })));
    const s = columns(rows, (r) => ({ org: r.org, id: r.id, name: r.name, position: r.position }));
    await tx.query(
      `INSERT INTO services (organization_id, id, name, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
      [s.org, s.id, s.name, s.position],
    );
    services += rows.length;
  }
  return services;
}

async function insertRatings(
  tx: Queryable,
  ratings: Iterable<GeneratedRating>,
  progress: (message: string) => void,
): Promise<{ ratings: number; scores: number }> {
  const criteriaOf = new Map(Object.values(CRITERIA_BY_COUNTRY).map((set) => [set.setId, set.criteria]));
  let count = 0;
  let scores = 0;
  for (const chunk of chunks(ratings, RATING_BATCH)) {
    const r = columns(chunk, (x) => ({
      id: x.id,
      org: x.organizationId,
      service: x.serviceId,
      serviceDate: x.serviceDate,
      set: x.criteriaSetId,
      sum: x.scores.reduce((a, b) => a + b, 0),
      count: x.scores.length,
      comment: x.comment,
      identified: x.identified,
      raterKey: x.raterKey,
      ratedOn: x.ratedOn,
      createdAt: x.createdAt,
    }));
    await tx.query(
      `INSERT INTO ratings (id, organization_id, service_id, service_date, criteria_set_id, score_sum,
         score_count, comment, identified, rater_key, rated_on, created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::int[], $7::int[],
         $8::text[], $9::bool[], $10::text[], $11::date[], $12::timestamptz[])`,
      [
        r.id,
        r.org,
        r.service,
        r.serviceDate,
        r.set,
        r.sum,
        r.count,
        r.comment,
        r.identified,
        r.raterKey,
        r.ratedOn,
        r.createdAt,
      ],
    );
    const rows = chunk.flatMap((x) =>
      x.scores.map((score, i) => ({ id: x.id, criterion: criteriaOf.get(x.criteriaSetId)?.[i], score })),
    );
    const s = columns(rows, (x) => ({ id: x.id, criterion: x.criterion, score: x.score }));
    await tx.query(
      `INSERT INTO rating_scores (rating_id, criterion_id, score)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::smallint[])`,
      [s.id, s.criterion, s.score],
    );
    count += chunk.length;
    scores += rows.length;
    if (count % 50_000 < RATING_BATCH) progress(`${count} ratings`);
  }
  return { ratings: count, scores };
}

const generatedIds = (organizations: readonly GeneratedOrganization[]) => organizations.map((o) => o.id);

/**
 * The aggregates of the generated organisations, recomputed from their ratings by the rating
 * store's own rebuild (the reference its per-rating updates are tested against).
 */
async function computeAggregates(tx: Queryable, organizationIds: readonly string[]): Promise<void> {
  // Fresh statistics and room to hash 600,000 groups: the planner would otherwise take the new
  // rows for an empty table and sort on disk.
  await tx.exec('ANALYZE ratings, rating_scores');
  await tx.exec("SET LOCAL work_mem = '64MB'");
  await rebuildRatingAggregates(tx, organizationIds);
}
