import { describe, expect, it } from 'vitest';
import { pgliteBackend } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { queuePage } from './queue.ts';
import { generateRegionalDataset, REGION_ID } from './regional-dataset.ts';

// The benchmark's data set in miniature (the benchmark itself: `pnpm bench:desk`).
describe('the regional data set (smoke, PGlite)', () => {
  const db = useDemoDatabase(pgliteBackend, { empty: true });

  it('writes a hierarchy, appeals over three years with events, and the queue reads it', async () => {
    const now = new Date('2026-12-06T09:00:00Z');
    const report = await generateRegionalDataset(db, { organizations: 26, appeals: 2600 }, now);
    expect(report).toMatchObject({ organizations: 26, appeals: 2600 });
    expect(report.events).toBeGreaterThan(2600 * 2);
    const [tree] = await db.query<{ districts: number; schools: number; orphans: number }>(
      `SELECT count(*) FILTER (WHERE parent_id = $1)::int AS districts,
         count(*) FILTER (WHERE parent_id LIKE 'bench-district-%')::int AS schools,
         count(*) FILTER (WHERE parent_id IS NULL AND id <> $1)::int AS orphans
       FROM organizations WHERE id LIKE 'bench-%'`,
      [REGION_ID],
    );
    expect(tree).toEqual({ districts: 1, schools: 24, orphans: 0 });
    const [span] = await db.query<{ years: number; open: number; overdue: number }>(
      `SELECT (extract(epoch FROM max(registered_at) - min(registered_at)) / 86400 / 365)::float8 AS years,
         count(*) FILTER (WHERE status IN ('registered', 'in_review', 'extended'))::int AS open,
         count(*) FILTER (WHERE status IN ('registered', 'in_review', 'extended') AND due_date < '2026-12-06')::int AS overdue
       FROM appeals`,
    );
    expect(span?.years).toBeGreaterThan(2.9);
    expect(span?.open).toBeGreaterThan(0);
    expect(span?.overdue).toBeGreaterThan(0);
    const page = await queuePage(db, 'bench-school-0001', { q: 'столовой', limit: 5, offset: 0 }, now);
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((i) => i.applicant !== null)).toBe(true);
  });
});
