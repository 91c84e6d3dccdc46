import { openDatabase } from '../db/index.ts';
import type { Database, DatabaseOptions } from '../db/types.ts';
import { migrate } from '../migrations/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { createTestDatabase, postgresReachable, postgresSkipReason } from './postgres.ts';

export interface TestBackend {
  readonly name: 'pglite' | 'postgres';
  /** Why the backend is skipped, or null when it runs. */
  readonly skipReason: string | null;
  /** A fresh, empty database; `cleanup` drops it. */
  fresh(): Promise<{ database: DatabaseOptions; cleanup: () => Promise<void> }>;
}

/** In-memory PGlite: always there, for suites that need no second backend. */
export const pgliteBackend: TestBackend = {
  name: 'pglite',
  skipReason: null,
  fresh: async () => ({ database: { kind: 'pglite' }, cleanup: async () => {} }),
};

/**
 * The backends every integration suite runs against: in-memory PGlite always, PostgreSQL when
 * reachable (a skip with the reason printed; a failure under CI=true).
 */
export async function testBackends(): Promise<TestBackend[]> {
  const pgUp = await postgresReachable();
  if (!pgUp) console.warn(`[otklik] skipping PostgreSQL suites: ${postgresSkipReason()}`);
  return [
    pgliteBackend,
    {
      name: 'postgres',
      skipReason: pgUp ? null : postgresSkipReason(),
      async fresh() {
        const created = await createTestDatabase();
        if (created === null) throw new Error(postgresSkipReason());
        return { database: { kind: 'postgres', url: created.url }, cleanup: created.drop };
      },
    },
  ];
}

/**
 * A fresh database of `backend`, migrated and seeded with the demo data (not with `seed: false`);
 * `close` closes and drops it. Suites get it through `useDemoDatabase` (demo-database.ts).
 */
export async function openDemoDatabase(
  backend: TestBackend,
  { seed = true }: { seed?: boolean } = {},
): Promise<{ db: Database; close(): Promise<void> }> {
  const fresh = await backend.fresh();
  const db = await openDatabase(fresh.database);
  await migrate(db);
  if (seed) await seedDemo(db);
  return {
    db,
    async close() {
      await db.close();
      await fresh.cleanup();
    },
  };
}
