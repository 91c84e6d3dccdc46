/**
 * The monthly appeal report at regional scale (issue 12): a region of 1,000 organisations (the
 * department, 49 district offices, 950 schools) with 500,000 appeals over two years, generated in
 * SQL into a fresh PostgreSQL database and a fresh in-memory PGlite; then the whole region's report
 * for last month (every organisation's row, the themes, the extensions) timed in process, warm,
 * several runs each, and one district's. Prints a table and writes bench/reports-results.json.
 *
 * Environment: BENCH_BACKENDS (postgres,pglite), BENCH_APPEALS (500000), BENCH_RUNS (7).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/index.ts';
import type { Database } from '../src/db/types.ts';
import { migrate } from '../src/migrations/index.ts';
import { monthlyReport } from '../src/reports/monthly-report.ts';
import { createTestDatabase } from '../src/testing/postgres.ts';

const APPEALS = Number(process.env.BENCH_APPEALS ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',');

async function generate(db: Database): Promise<void> {
  await db.exec(`
    INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, parent_id, time_zone)
    VALUES ('region', 'Министерство образования области', 'RU', 'ru-59fz', 'education', 'department', NULL, 'Europe/Moscow');
    INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, parent_id, time_zone)
    SELECT 'district-' || d, 'Отдел образования района ' || d, 'RU', 'ru-59fz', 'education', 'department', 'region', 'Europe/Moscow'
    FROM generate_series(1, 49) d;
    INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, parent_id, time_zone)
    SELECT 'school-' || s, 'Школа № ' || s, 'RU', 'ru-59fz', 'education', 'school', 'district-' || (1 + s % 49), 'Europe/Moscow'
    FROM generate_series(1, 950) s;
    INSERT INTO appeal_classifier (code, level, title)
    SELECT '0002.0013.' || lpad(t::text, 4, '0') || '.0000', 3, 'Тема ' || t FROM generate_series(1, 20) t;
    INSERT INTO topic_classifier_codes (organization_id, topic_id, code)
    SELECT o.id, 'topic-' || t, '0002.0013.' || lpad(t::text, 4, '0') || '.0000'
    FROM organizations o, generate_series(1, 20) t;`);
  await db.query(
    `WITH orgs AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM organizations),
     n AS (SELECT i, (SELECT count(*) FROM orgs) AS total FROM generate_series(1, $1::int) i),
     a AS (
       SELECT i, o.id AS org, now() - (i % 730) * interval '1 day' - (i % 24) * interval '1 hour' AS reg, i % 10 AS outcome
       FROM n JOIN orgs o ON o.k = i % n.total)
     INSERT INTO appeals (id, organization_id, registration_number, type, status, result, received_at, registered_at,
       due_at, forwarded_at, answered_at, closed_at, extended_until, left_without_answer_reason, topic_id)
     SELECT gen_random_uuid(), org, 'Б-' || i, (ARRAY['proposal', 'application', 'complaint'])[1 + i % 3],
       (ARRAY['answered', 'answered', 'answered', 'answered', 'answered', 'registered', 'in_review', 'extended',
              'forwarded', 'left_without_answer'])[1 + outcome],
       CASE WHEN outcome < 5 THEN (ARRAY['supported', 'supported_measures_taken', 'not_supported', 'explained'])[1 + i % 4] END,
       reg, reg, reg + interval '30 days',
       CASE WHEN outcome = 8 THEN reg + interval '5 days' END,
       CASE WHEN outcome < 5 THEN reg + interval '20 days' END,
       CASE WHEN outcome < 5 OR outcome >= 8 THEN reg + interval '20 days' END,
       CASE WHEN outcome = 7 THEN reg + interval '60 days' END,
       CASE WHEN outcome = 9 THEN 'Нет текста' END,
       'topic-' || (1 + i % 20)
     FROM a`,
    [APPEALS],
  );
  await db.exec('ANALYZE');
}

const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

async function time(run: () => Promise<unknown>) {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)] ?? 0, max: ms.at(-1) ?? 0 };
}

const RESULTS = fileURLToPath(new URL('./reports-results.json', import.meta.url));
// Backends not run this time keep their last figures.
const results: Record<string, unknown> = existsSync(RESULTS)
  ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { results: Record<string, unknown> }).results
  : {};
for (const backend of BACKENDS) {
  const pg = backend === 'postgres' ? await createTestDatabase() : null;
  if (backend === 'postgres' && pg === null) {
    console.error('PostgreSQL not reachable: skipped');
    continue;
  }
  const db = await openDatabase(pg ? { kind: 'postgres', url: pg.url } : { kind: 'pglite' });
  try {
    await migrate(db);
    const started = performance.now();
    await generate(db);
    const generatedIn = Math.round(performance.now() - started);
    const month = lastMonth();
    const region = await time(() => monthlyReport(db, 'region', { month, includeSubordinates: true }));
    const district = await time(() => monthlyReport(db, 'district-7', { month, includeSubordinates: true }));
    const report = await monthlyReport(db, 'region', { month, includeSubordinates: true });
    results[backend] = {
      appeals: APPEALS,
      organizations: report.organizations.length,
      month,
      receivedInMonth: report.total.received,
      at: new Date().toISOString(),
      generatedMs: generatedIn,
      regionReportMs: { median: Math.round(region.median), max: Math.round(region.max) },
      districtReportMs: { median: Math.round(district.median), max: Math.round(district.max) },
    };
    console.log(backend, JSON.stringify(results[backend]));
  } finally {
    await db.close();
    await pg?.drop();
  }
}
writeFileSync(RESULTS, `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, results }, null, 2)}\n`);
