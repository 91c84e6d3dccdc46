/**
 * Throughput of the cached appeal counter against a bare Hono "hello" on the same machine, in the
 * same run (DESIGN.md budget: cached counter ≥ 50 % of bare). Loopback, autocannon.
 *
 * Shared machines are noisy (the bare case alone varies by half between runs), so every server is
 * started first and the cases are loaded in turn for several rounds, the bare case right before each
 * other case (a busy machine's speed drifts within seconds); each figure is the median over the
 * rounds, and each ratio the median of the ratios of a case to the bare run just before it.
 * The counter is measured on the portal itself (PostgreSQL and PGlite) and through the shipped nginx
 * site with its cache (deploy/nginx/otklik.conf in a real Debian nginx, over TLS), each for 200 and
 * for 304; every one of those rows must reach RATIO_BUDGET × bare with no errors, or the bench exits
 * non-zero (after printing every row).
 * Writes bench/results.json. BENCH_DURATION (seconds per case and round), BENCH_ROUNDS and
 * BENCH_CONNECTIONS change the load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type Nginx, prepareNginx } from '../../../tests/ops/harness/nginx.ts';
import { missingServices } from '../../../tests/ops/harness/services.ts';
import { createTestDatabase, postgresSkipReason } from '../src/testing/postgres.ts';

const DURATION = Number(process.env.BENCH_DURATION || 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const COUNTER = '/v1/organizations/demo-school/appeal-counter';
/** DESIGN.md: the cached counter at ≥ 50 % of a bare Hono "hello" on the same machine, in the same run. */
const RATIO_BUDGET = 0.5;

interface Row {
  case: string;
  backend: string;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  ratioToBare: number;
}

async function startServer(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function load(
  name: string,
  backend: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Omit<Row, 'ratioToBare'>> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return {
    case: name,
    backend,
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    // 304 counts as success for the conditional case.
    non2xx: headers['If-None-Match'] ? result.non2xx - (result['3xx'] ?? 0) : result.non2xx,
  };
}

interface Case {
  name: string;
  backend: string;
  url: string;
  headers?: Record<string, string>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const rows: Row[] = [];
const children: ChildProcess[] = [];
const cases: Case[] = [];
const proxies: Nginx[] = [];
/** The same counter through the shipped nginx site (deploy/nginx/otklik.conf) and its cache, over TLS. */
async function addNginx(backend: string, portalUrl: string) {
  const missing = await missingServices(['nginx', 'openssl']);
  if (missing) {
    console.warn(`Skipping the counter through nginx: ${missing}`);
    return;
  }
  const nginx = await prepareNginx([Number(new URL(portalUrl).port)], { workers: 'auto' });
  await nginx.start();
  proxies.push(nginx);
  const target = `https://127.0.0.1:${new URL(nginx.httpsUrl).port}${COUNTER}`;
  await fetch(`${portalUrl}${COUNTER}`);
  const etag = (await fetch(`${portalUrl}${COUNTER}`)).headers.get('etag') ?? '';
  cases.push({ name: 'counter via nginx cache, TLS (200)', backend, url: target });
  cases.push({
    name: 'counter via nginx cache, TLS (304)',
    backend,
    url: target,
    headers: { 'If-None-Match': etag },
  });
}
async function addPortal(backend: string, args: string[]) {
  const { url, child } = await startServer(args);
  children.push(child);
  const target = `${url}${COUNTER}`;
  const etag = (await fetch(target)).headers.get('etag') ?? '';
  cases.push({ name: 'counter GET (200)', backend, url: target });
  cases.push({
    name: 'counter If-None-Match (304)',
    backend,
    url: target,
    headers: { 'If-None-Match': etag },
  });
  return url;
}

const loadBefore = loadavg()[0] ?? 0;
const pg = await createTestDatabase();
try {
  const bare = await startServer(['bare']);
  children.push(bare.child);
  cases.push({ name: 'bare Hono hello', backend: 'none', url: bare.url });
  if (pg) await addNginx('postgres', await addPortal('postgres', ['postgres', pg.url]));
  else console.warn(`Skipping PostgreSQL: ${postgresSkipReason()}`);
  await addPortal('pglite', ['pglite']);

  const measured = cases.map(() => [] as Omit<Row, 'ratioToBare'>[]);
  const ratios = cases.map(() => [] as number[]);
  const [bareCase] = cases;
  if (bareCase === undefined) throw new Error('no bare case');
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, c] of cases.entries()) {
      if (index === 0) continue;
      const bareRun = await load(bareCase.name, bareCase.backend, bareCase.url);
      measured[0]?.push(bareRun);
      ratios[0]?.push(1);
      const run = await load(c.name, c.backend, c.url, c.headers);
      measured[index]?.push(run);
      ratios[index]?.push(run.requestsPerSecond / (bareRun.requestsPerSecond || 1));
    }
  }
  for (const [index, c] of cases.entries()) {
    const runs = measured[index] ?? [];
    rows.push({
      case: c.name,
      backend: c.backend,
      requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
      ratioToBare: Math.round(median(ratios[index] ?? []) * 100) / 100,
    });
  }
} finally {
  await Promise.all(children.map(stop));
  await Promise.all(proxies.map((nginx) => nginx.stop()));
  await pg?.drop();
}

const loadNote = `load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`;
console.log(
  `\n${ROUNDS} rounds × ${DURATION} s per case (medians), ${CONNECTIONS} connections, ` +
    `${availableParallelism()} CPUs, Node ${process.version}, ${loadNote}\n`,
);
console.log('| case | backend | req/s | p99 ms | × bare | errors | non-2xx |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.case} | ${r.backend} | ${r.requestsPerSecond} | ${r.p99Ms} | ${r.ratioToBare} | ${r.errors} | ${r.non2xx} |`,
  );
}
writeFileSync(
  fileURLToPath(new URL('./results.json', import.meta.url)),
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      durationSeconds: DURATION,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      ratioBudget: RATIO_BUDGET,
      rows,
    },
    null,
    2,
  )}\n`,
);

const failures = rows
  .filter((r) => r.case !== 'bare Hono hello')
  .filter((r) => r.ratioToBare < RATIO_BUDGET || r.errors > 0 || r.non2xx > 0)
  .map((r) => `${r.case} on ${r.backend}: ${r.ratioToBare} × bare, ${r.errors} errors, ${r.non2xx} non-2xx`);
if (rows.length < 3) failures.push('no counter was measured');
if (failures.length > 0) {
  console.error(`\nUnder the budget (≥ ${RATIO_BUDGET} × bare, no errors):\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`\nEvery counter row is at ≥ ${RATIO_BUDGET} × bare with no errors.`);
}
