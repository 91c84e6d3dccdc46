import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite, type QueryOptions, types } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { DurableNodeFS } from './durable-nodefs.ts';
import { FileStore, fileStoreDirOf } from './file-store.ts';
import { fsyncTree } from './fsync.ts';
import { acquireDataDirLock } from './lock.ts';
import type { Database, Queryable } from './types.ts';

interface PGliteLike {
  query<Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

/**
 * bytea parameters go to the database as they are, in the binary format: PGlite's own serialiser
 * spells them out as hex text in JavaScript, byte by byte (seconds for 10 MB). A Uint8Array handed
 * through reaches the wire protocol's writer, which sends any ArrayBufferView as a binary parameter.
 */
const BINARY_BYTEA: QueryOptions = {
  serializers: { [types.BYTEA]: ((value: Uint8Array) => value) as unknown as types.Serializer },
};

function wrap(pg: PGliteLike, files: FileStore | undefined): Queryable {
  return {
    ...(files === undefined ? {} : { files }),
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pg.query<Row>(sql, [...params], BINARY_BYTEA)).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
  };
}

/** The extensions the migrations create (btree_gin: the queue's search index, 0017). */
const extensions = { btree_gin };

/**
 * PGlite's start parameters with a smaller buffer pool, and durable. PGlite runs Postgres in
 * single-user mode with initdb's `shared_buffers = 128MB`, and that pool is resident from the start
 * (its shared memory is touched when it is set up): 120 MB of the portal's memory before the first
 * query. With 16 MB the desk's queries cost the same CPU on a data set ten times the pool
 * (docs/decisions.md, "PGlite memory"): pages not in the pool are read from the data files, which the
 * kernel's page cache holds, and one backend has no one to share the pool with.
 *
 * Durability: PGlite's defaults include `-F` (fsync off), so a commit the portal acknowledged lived only
 * in the kernel's page cache: safe from SIGKILL, lost to a power cut. `fsync=on` with
 * `wal_sync_method=fsync` (Emscripten's `fdatasync` does nothing, its `fsync` reaches
 * `DurableNodeFS`) flushes the WAL at every commit (docs/decisions.md, "Durability on PGlite").
 */
const startParams = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'shared_buffers=16MB',
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
];

/**
 * V8 recompiles a WASM function with TurboFan once it has run about this many bytes of code (its
 * default: 1,800,000). With the default, Postgres's start-up alone sends hundreds of PGlite's functions
 * to TurboFan on V8's background threads: 200–250 ms of a start's 600 ms of CPU. A hundred times that
 * leaves them in Liftoff's baseline code until they are really hot; the queries after the start cost
 * the same CPU (docs/decisions.md, "PGlite's restart after a crash"). Read when a module is
 * instantiated, so it is set before each PGlite is made.
 */
const WASM_TIERING_BUDGET = '--wasm-tiering-budget=180000000';

/** Embedded PostgreSQL (WASM). `dataDir` omitted: in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  setFlagsFromString(WASM_TIERING_BUDGET);
  const dir = dataDir === undefined ? undefined : resolve(dataDir);
  const release = dir === undefined ? () => {} : acquireDataDirLock(dir);
  let pg: PGlite;
  let files: FileStore | undefined;
  try {
    files = dir === undefined ? undefined : await FileStore.open(fileStoreDirOf(dir));
    const created = dir !== undefined && !existsSync(join(dir, 'PG_VERSION'));
    pg =
      dir === undefined
        ? new PGlite({ extensions, startParams })
        : new PGlite({ dataDir: dir, fs: new DurableNodeFS(dir), extensions, startParams });
    await pg.waitReady;
    if (dir !== undefined && created) fsyncTree(dir);
  } catch (error) {
    release();
    throw error;
  }
  const base = wrap(pg, files);
  let closed = false;
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx, files))),
    // Inside a transaction of our own, no other transaction interleaves; the dump itself holds the
    // query lock, and the checkpoint first writes every committed page to the data files.
    dumpDataDir: () =>
      pg.transaction(async (tx) => {
        await tx.exec('CHECKPOINT');
        return pg.dumpDataDir('gzip');
      }),
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

/**
 * Creates the PGlite data directory `dataDir` (absent or empty) from a tarball made by `dumpDataDir`.
 * The directory is locked meanwhile, so a portal cannot start on it half-restored.
 */
export async function restorePgliteDataDir(dataDir: string, tarball: Blob): Promise<void> {
  const dir = resolve(dataDir);
  const release = acquireDataDirLock(dir);
  try {
    setFlagsFromString(WASM_TIERING_BUDGET);
    const pg = new PGlite({
      dataDir: dir,
      fs: new DurableNodeFS(dir),
      loadDataDir: tarball,
      extensions,
      startParams,
    });
    await pg.waitReady;
    await pg.exec('CHECKPOINT');
    await pg.close();
    fsyncTree(dir);
  } finally {
    release();
  }
}
