/**
 * Restart time of the portal after a SIGKILL, on PGlite and on PostgreSQL, without the crash script's
 * stream of filings: the process the ops tests spawn (tests/ops/harness/processes.ts) is started once
 * with the demo data, then killed and restarted ROUNDS times, alternately from the production bundle
 * and from the TypeScript sources through tsx (so both see the same load). Prints, per database and
 * start, the wall time from the spawn to `/health/ready`'s first 200, the process's CPU time by then
 * and the load average at each restart.
 *
 *   pnpm bench:restart   (or, built: pnpm exec tsx scripts/restart-time.ts [ROUNDS])
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseOptions } from '../packages/portal/src/db/types.ts';
import { createTestDatabase } from '../packages/portal/src/testing/postgres.ts';
import { freePort } from '../tests/ops/harness/nginx.ts';
import { killAllPortals, type PortalStart, spawnPortal } from '../tests/ops/harness/processes.ts';

const ROUNDS = Number(process.argv[2] || 5);
const STARTS: readonly PortalStart[] = ['bundle', 'sources'];

async function measure(name: string, database: DatabaseOptions): Promise<void> {
  const config = { database, port: await freePort(), rateLimit: false as const };
  let portal = await spawnPortal({ ...config, seed: true });
  const figures = new Map(STARTS.map((start) => [start, { walls: [] as number[], cpus: [] as number[] }]));
  const loads: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const start of STARTS) {
      await portal.kill();
      loads.push(loadavg()[0]?.toFixed(1) ?? '?');
      portal = await spawnPortal(config, start);
      figures.get(start)?.walls.push(Math.round(portal.readyMs));
      figures.get(start)?.cpus.push(portal.readyCpuMs);
    }
  }
  await portal.stop();
  for (const [start, { walls, cpus }] of figures)
    console.log(
      `${name} from the ${start}: spawn to ready ${walls.join('/')} ms (max ${Math.max(...walls)}); ` +
        `process CPU by then ${cpus.join('/')} ms`,
    );
  console.log(`${name}: load average ${loads.join('/')}`);
}

const root = mkdtempSync(join(tmpdir(), 'otklik-restart-'));
try {
  await measure('PGlite', { kind: 'pglite', dataDir: join(root, 'data') });
  const pg = await createTestDatabase();
  if (pg === null) console.log('PostgreSQL not reachable: skipped');
  else {
    try {
      await measure('PostgreSQL', { kind: 'postgres', url: pg.url });
    } finally {
      await pg.drop();
    }
  }
} finally {
  killAllPortals();
  rmSync(root, { recursive: true, force: true });
}
