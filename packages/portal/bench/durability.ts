/**
 * Do PGlite's commits reach the disk, and what does it cost? Commits filing-sized rows (one INSERT of
 * ≈ 2 KB per transaction, one at a time, as the portal's single connection does) on a fresh data
 * directory, twice: as the portal opens PGlite (`openPglite`: fsync on, `wal_sync_method=fsync`,
 * NODEFS's fsync forwarded to the host) and with PGlite's own start parameters (`-F`, fsync off). Prints
 * commits per second and the commit latency (p50/p95/p99/max). Under strace (when installed) each run
 * also counts the fsync/fdatasync system calls the process made during the commits: the proof that a
 * commit waits for the disk. Exit code 1 when the portal's settings made fewer fsyncs than commits.
 *
 *   pnpm bench:durability            # 200 commits each, in the system's temporary directory
 *   COMMITS=1000 BENCH_DIR=/var/lib/otklik pnpm bench:durability   # on the data directory's disk
 *
 * Budget: a filing's commit within DESIGN's write budget (p99 ≤ 100 ms): checked and printed, not
 * enforced (the figure is the disk's, not the code's).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { openPglite } from '../src/db/pglite.ts';

type Setup = 'portal' | 'pglite-defaults';
const SETUPS: readonly Setup[] = ['portal', 'pglite-defaults'];
const BEGIN = '/otklik-durability-begin';
const END = '/otklik-durability-end';

interface Figures {
  setup: Setup;
  fsync: string;
  walSyncMethod: string;
  commits: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** A marker the strace log shows: a stat of a path that does not exist. */
function mark(path: string): void {
  try {
    statSync(path);
  } catch {}
}

async function open(setup: Setup, dir: string) {
  if (setup === 'portal') return openPglite(dir);
  const pg = new PGlite(dir, { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] });
  await pg.waitReady;
  return {
    query: async <Row>(sql: string, params: unknown[] = []) => (await pg.query<Row>(sql, params)).rows,
    exec: async (sql: string) => void (await pg.exec(sql)),
    close: () => pg.close(),
  };
}

/** One run, in this process: prints its figures as JSON on the last line. */
async function child(setup: Setup, commits: number): Promise<void> {
  // /tmp may be a tmpfs: BENCH_DIR puts the data directory on the disk that matters.
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'otklik-durability-'));
  try {
    const db = await open(setup, dir);
    const setting = async (name: string) =>
      (await db.query<{ value: string }>(`SELECT current_setting($1) AS value`, [name]))[0]?.value ?? '';
    await db.exec(
      'CREATE TABLE filings (id bigserial PRIMARY KEY, number text, body text, at timestamptz DEFAULT now())',
    );
    const body = 'я'.repeat(1000);
    const latencies: number[] = [];
    mark(BEGIN);
    const started = performance.now();
    for (let i = 0; i < commits; i++) {
      const t = performance.now();
      await db.query('INSERT INTO filings (number, body) VALUES ($1, $2)', [`2026-${i}`, body]);
      latencies.push(performance.now() - t);
    }
    const elapsed = performance.now() - started;
    mark(END);
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(100 * (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0)) /
      100;
    const figures: Figures = {
      setup,
      fsync: await setting('fsync'),
      walSyncMethod: await setting('wal_sync_method'),
      commits,
      perSecond: Math.round((commits / elapsed) * 1000),
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: at(1),
    };
    await db.close();
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.files`, { recursive: true, force: true });
    rmSync(`${dir}.lock`, { force: true });
  }
}

/** fsync and fdatasync calls between the markers of a strace log. */
function syncCallsBetweenMarks(log: string): number {
  let inside = false;
  let calls = 0;
  for (const line of log.split('\n')) {
    if (line.includes(BEGIN)) inside = true;
    else if (line.includes(END)) inside = false;
    else if (inside && /\b(fsync|fdatasync)\(/.test(line)) calls++;
  }
  return calls;
}

function parent(commits: number): void {
  const hasStrace = spawnSync('strace', ['-V']).status === 0;
  if (!hasStrace)
    console.log('strace not found (apt-get install strace): figures without the system-call count');
  const self = fileURLToPath(import.meta.url);
  let failed = false;
  for (const setup of SETUPS) {
    const logFile = join(tmpdir(), `otklik-durability-${process.pid}-${setup}.strace`);
    const node = [process.execPath, ...process.execArgv, self, '--child', setup, String(commits)];
    const command = hasStrace
      ? ['strace', '-f', '-qq', '-e', 'trace=fsync,fdatasync,stat,statx,newfstatat', '-o', logFile, ...node]
      : node;
    const run = spawnSync(command[0] as string, command.slice(1), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.status !== 0 || !last.startsWith('{')) {
      console.error(`${setup}: the run failed (${run.status})\n${run.stdout}`);
      process.exit(1);
    }
    const figures = JSON.parse(last) as Figures;
    let syncs = 'not counted';
    if (hasStrace) {
      const calls = syncCallsBetweenMarks(readFileSync(logFile, 'utf8'));
      rmSync(logFile, { force: true });
      syncs = String(calls);
      if (setup === 'portal' && calls < commits) failed = true;
    }
    console.log(
      `${setup.padEnd(16)} fsync=${figures.fsync} wal_sync_method=${figures.walSyncMethod}: ` +
        `${figures.perSecond} commits/s, latency p50 ${figures.p50} ms, p95 ${figures.p95} ms, ` +
        `p99 ${figures.p99} ms, max ${figures.max} ms; fsync+fdatasync calls during ${commits} commits: ${syncs}` +
        (setup === 'portal' && figures.p99 > 100 ? ' (p99 over the 100 ms budget)' : ''),
    );
  }
  if (failed) {
    console.error('The portal’s PGlite made fewer fsyncs than commits: commits do not wait for the disk.');
    process.exit(1);
  }
}

const [flag, setup, count] = process.argv.slice(2);
const isSetup = (value: string | undefined): value is Setup => SETUPS.some((known) => known === value);
if (flag === '--child' && isSetup(setup)) await child(setup, Number(count));
else parent(Number(process.env.COMMITS ?? 200));
