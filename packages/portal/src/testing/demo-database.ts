/**
 * The database of a `describe.each(backends)` suite: a fresh one of that backend, migrated and (unless
 * the suite lays out its own rows) seeded with the demo data, opened before the suite's tests and
 * closed and dropped after them. Every integration suite gets its database this way.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../db/types.ts';
import { openDemoDatabase, type TestBackend } from './backends.ts';
import { openedLater } from './opened-later.ts';

export interface DemoDatabaseOptions {
  /** Migrated but without the demo data: for suites that insert every organisation they use. */
  empty?: boolean;
  /** The suite's own rows, keys and apps, made once the database is open (not on a skipped backend). */
  setup?: (db: Database) => Promise<void>;
}

/**
 * Call inside `describe` (or `describe.each(backends)`); nothing opens on a skipped backend. The
 * returned value stands for the database: using it before `beforeAll` has opened it throws.
 */
export function useDemoDatabase(backend: TestBackend, options: DemoDatabaseOptions = {}): Database {
  const db = openedLater<Database>('the demo database');
  let close = async () => {};
  beforeAll(async () => {
    if (backend.skipReason) return;
    const opened = await openDemoDatabase(backend, { seed: !options.empty });
    close = opened.close;
    db.open(opened.db);
    await options.setup?.(opened.db);
  }, 120_000);
  afterAll(() => close());
  return db.value;
}
