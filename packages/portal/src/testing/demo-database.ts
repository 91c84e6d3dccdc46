/** The demo database for the tests of a `describe`: on PGlite, opened before them, closed and removed after. */
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../db/types.ts';
import { openDemoDatabase, testBackends } from './backends.ts';

/** Call inside `describe`; the returned function gives the database once `beforeAll` has opened it. */
export function useDemoDatabase(): () => Database {
  let opened: Awaited<ReturnType<typeof openDemoDatabase>> | null = null;
  beforeAll(async () => {
    const [pglite] = await testBackends();
    if (!pglite) throw new Error('no PGlite backend');
    opened = await openDemoDatabase(pglite);
  }, 120_000);
  afterAll(() => opened?.close());
  return () => {
    if (!opened) throw new Error('the demo database is not open (used outside a test?)');
    return opened.db;
  };
}
