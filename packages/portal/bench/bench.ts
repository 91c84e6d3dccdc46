/**
 * Throughput of the cached appeal counter against a bare Hono "hello" on the same machine, in the
 * same run (DESIGN.md budget: cached counter ≥ 50 % of bare). Loopback, autocannon, 5 s per case.
 * Writes bench/results.json. Set BENCH_DURATION (seconds) and BENCH_CONNECTIONS to change the load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createTestDatabase, postgresSkipReason } from '../src/testing/postgres.ts';

const DURATION = Number(process.env.BENCH_DURATION || 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const COUNTER = '/v1/organizations/demo-school/appeal-counter';

interface Row {
  case: string;
  backend: string;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  ratioToBare?: number;
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
): Promise<Row> {
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

async function benchPortal(backend: string, args: string[]): Promise<Row[]> {
  const { url, child } = await startServer(args);
  try {
    const target = `${url}${COUNTER}`;
    const etag = (await fetch(target)).headers.get('etag') ?? '';
    return [
      await load('counter GET (200)', backend, target),
      await load('counter If-None-Match (304)', backend, target, { 'If-None-Match': etag }),
    ];
  } finally {
    await stop(child);
  }
}

const rows: Row[] = [];
const bare = await startServer(['bare']);
try {
  rows.push(await load('bare Hono hello', 'none', bare.url));
} finally {
  await stop(bare.child);
}
const pg = await createTestDatabase();
if (pg) {
  try {
    rows.push(...(await benchPortal('postgres', ['postgres', pg.url])));
  } finally {
    await pg.drop();
  }
} else {
  console.warn(`Skipping PostgreSQL: ${postgresSkipReason()}`);
}
rows.push(...(await benchPortal('pglite', ['pglite'])));

const bareRps = rows[0]?.requestsPerSecond ?? 1;
for (const row of rows) row.ratioToBare = Math.round((row.requestsPerSecond / bareRps) * 100) / 100;

console.log(
  `\n${DURATION} s per case, ${CONNECTIONS} connections, ${availableParallelism()} CPUs, Node ${process.version}\n`,
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
      connections: CONNECTIONS,
      rows,
    },
    null,
    2,
  )}\n`,
);
