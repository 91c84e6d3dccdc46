import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './lock.ts';
import type { Database, Queryable } from './types.ts';

interface PGliteLike {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(pg: PGliteLike): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pg.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
  };
}

/** Embedded PostgreSQL (WASM). `dataDir` omitted: in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  const dir = dataDir === undefined ? undefined : resolve(dataDir);
  const release = dir === undefined ? () => {} : acquireDataDirLock(dir);
  let pg: PGlite;
  try {
    pg = dir === undefined ? new PGlite() : new PGlite(dir);
    await pg.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const base = wrap(pg);
  let closed = false;
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}
