/**
 * What the SIGKILL scripts share: the database of each backend, and the loop that kills the portal
 * at a random moment while clients keep working against it, restarts it, and lets the stream settle.
 */
import { join } from 'node:path';
import { openDatabase } from '../../../packages/portal/src/db/index.ts';
import type { Database, DatabaseOptions } from '../../../packages/portal/src/db/types.ts';
import { createTestDatabase } from '../../../packages/portal/src/testing/postgres.ts';
import { type PortalProcess, spawnPortal } from './processes.ts';
import { missingServices } from './services.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type CrashBackend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL with the reason it is skipped when the server is not there. */
export async function crashBackends() {
  const pgMissing = await missingServices(['postgres']);
  return [
    { name: 'pglite', skip: null },
    { name: 'postgres', skip: pgMissing },
  ] as const satisfies readonly { name: CrashBackend; skip: string | null }[];
}

/**
 * A fresh database on `backend` (PGlite in `root`), `run` with its options, then the database opened
 * once more after the portal is gone (`check`), and dropped (PostgreSQL) whatever happened.
 */
export async function withCrashDatabase(
  backend: CrashBackend,
  root: string,
  run: (database: DatabaseOptions) => Promise<void>,
  check: (db: Database) => Promise<void>,
): Promise<void> {
  let dropDatabase = async () => {};
  let database: DatabaseOptions;
  if (backend === 'pglite') database = { kind: 'pglite', dataDir: join(root, 'data') };
  else {
    const created = await createTestDatabase();
    if (!created) throw new Error('PostgreSQL went away');
    dropDatabase = created.drop;
    database = { kind: 'postgres', url: created.url };
  }
  try {
    await run(database);
    const db = await openDatabase(database);
    try {
      await check(db);
    } finally {
      await db.close();
    }
  } finally {
    await dropDatabase();
  }
}

export interface KillLoopOptions {
  /** How the portal is started each time (the first time also seeded). */
  config: Parameters<typeof spawnPortal>[0];
  rounds: number;
  clients: number;
  /** A kill comes at a random moment up to this long after the stream flows again. */
  maxDelayMs: number;
  /** How much work the clients have had acknowledged so far: the stream "flows" when it grows. */
  acknowledged(): number;
  /**
   * One client's work until `stopping()`: `portal()` is the one running now. A failure it throws
   * stops the others and fails the loop; a failure to reach a killed portal it handles itself.
   */
  client(n: number, portal: () => PortalProcess, stopping: () => boolean): Promise<void>;
  /** Each restarted portal, with how long after the flow resumed its predecessor was killed. */
  onRestart?(portal: PortalProcess, killedAfterMs: number): void;
}

/**
 * Spawns the portal, starts the clients, then `rounds` times: waits for 3 more acknowledgements,
 * SIGKILLs the portal at a random moment, restarts it. After 3 more acknowledgements the clients
 * stop and the portal is stopped cleanly.
 */
export async function killUnderLoad(options: KillLoopOptions): Promise<void> {
  const { acknowledged } = options;
  let portal = await spawnPortal({ ...options.config, seed: true });
  let stopping = false;
  let failure: unknown = null;
  /** Waits for 3 more acknowledgements, failing at once if a client failed. */
  const flowing = async () => {
    const target = acknowledged() + 3;
    while (acknowledged() < target) {
      if (failure !== null) throw failure;
      await sleep(10);
    }
  };
  try {
    const clients = Array.from({ length: options.clients }, (_, n) =>
      options
        .client(
          n,
          () => portal,
          () => stopping,
        )
        .catch((error: unknown) => {
          failure ??= error;
          stopping = true;
        }),
    );
    for (let round = 0; round < options.rounds; round++) {
      await flowing();
      const delay = Math.floor(Math.random() * options.maxDelayMs);
      await sleep(delay);
      await portal.kill();
      portal = await spawnPortal(options.config);
      options.onRestart?.(portal, delay);
    }
    await flowing();
    stopping = true;
    await Promise.all(clients);
    if (failure !== null) throw failure;
  } finally {
    stopping = true;
    await portal.stop();
  }
}
