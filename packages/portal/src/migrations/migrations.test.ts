import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/index.ts';
import type { Database, DatabaseOptions } from '../db/types.ts';
import { testBackends } from '../testing/backends.ts';
import { loadMigrations, migrate } from './index.ts';

const backends = await testBackends();

describe.each(backends)('migrations on $name', (backend) => {
  let database: DatabaseOptions;
  let cleanup = async () => {};
  let db: Database;

  beforeAll(async () => {
    if (backend.skipReason) return;
    ({ database, cleanup } = await backend.fresh());
    db = await openDatabase(database);
  });
  afterAll(async () => {
    await db?.close();
    await cleanup();
  });

  it.skipIf(backend.skipReason !== null)('applies every migration once and records it', async () => {
    const all = loadMigrations().map((m) => m.version);
    expect(all.length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((r) => r.version)).toEqual(all);
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['organizations', 'organization_origins', 'services', 'appeals', 'api_keys']),
    );
  });

  it.skipIf(backend.skipReason !== null)('rejects appeals that break the CHECK constraints', async () => {
    await db.query(
      `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category) VALUES ('chk', 'C', 'RU', 'ru-59fz', 'x', 'y')`,
    );
    const insert = (status: string, result: string | null) =>
      db.query(
        `INSERT INTO appeals (id, organization_id, registration_number, type, status, result, received_at, registered_at, due_at, answered_at)
         VALUES (gen_random_uuid(), 'chk', $1, 'proposal', $2, $3, now(), now(), now(), now())`,
        [`n-${status}-${result}`, status, result],
      );
    await expect(insert('lost', null)).rejects.toThrow();
    await expect(insert('answered', null)).rejects.toThrow();
    await expect(insert('in_review', 'supported')).rejects.toThrow();
    await expect(insert('answered', 'supported')).resolves.toBeDefined();
  });

  // Several processes on one PGlite directory are refused outright (db/lock.test.ts), so only
  // PostgreSQL has instances that migrate side by side.
  if (backend.name === 'postgres') {
    it.skipIf(backend.skipReason !== null)(
      'instances starting together do not race (advisory lock)',
      async () => {
        const fresh = await backend.fresh();
        const dbs = await Promise.all([1, 2, 3, 4].map(() => openDatabase(fresh.database)));
        try {
          const results = await Promise.all(dbs.map((d) => migrate(d)));
          const applied = results.flat();
          expect(applied.sort((a, b) => a - b)).toEqual(loadMigrations().map((m) => m.version));
          const [row] = await (dbs[0] as Database).query<{ n: number }>(
            'SELECT count(*)::int AS n FROM schema_migrations',
          );
          expect(row?.n).toBe(loadMigrations().length);
        } finally {
          await Promise.all(dbs.map((d) => d.close()));
          await fresh.cleanup();
        }
      },
    );
  }
});
