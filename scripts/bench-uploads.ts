/**
 * Memory and time of concurrent uploads, on PGlite and on PostgreSQL: a portal in its own process
 * (PGlite on a data directory, as in production, its files in the file store beside it; PostgreSQL
 * on a fresh database, the files in its tables) takes batches of five concurrent 10 MB PDF uploads.
 * For each batch the script prints the wall time, the server's CPU time (user + system: what the
 * batch cost, whatever else the machine runs), its resident memory when idle, its peak during the
 * batch (VmHWM, reset before each batch) and the growth over idle. The server is started as the
 * systemd unit (deploy/systemd/otklik-portal.service) starts the portal in production: the bundle
 * (`node <the unit's Node flags> dist/cli.js serve`, so `pnpm bench:uploads` builds the portal
 * first) with the unit's environment (its malloc settings, GLIBC_TUNABLES). It prints where its idle
 * memory is (V8 heap, external memory: Buffers and PGlite's WASM memory), from the portal's /metrics.
 *
 * Budget (issue 13), checked on PGlite: every batch in under 2 s wall time, with the whole server
 * process's peak resident memory under 300 MB. The exit code is 1 when PGlite is over budget;
 * PostgreSQL's figures are printed for comparison.
 *
 * Before measuring, one small upload warms the server (modules loaded, code compiled), as any
 * server that has run a while is. The PGlite directory is created by a first start (initdb,
 * migrations, demo data) that is not measured: creating a cluster costs PGlite several hundred MB
 * once, which a restart gives back.
 *
 *   pnpm bench:uploads                      # PGlite, then PostgreSQL at OTKLIK_TEST_PG_URL if reachable
 *   BENCH_PG_URL=postgres://… pnpm bench:uploads    # that database for PostgreSQL
 *   BENCH_ONLY=pglite pnpm bench:uploads   # one of them
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, postgresSkipReason } from '../packages/portal/src/testing/postgres.ts';

const PORTAL_DIR = fileURLToPath(new URL('../packages/portal/', import.meta.url));
const FILES = Number(process.env.BENCH_FILES || 5);
const BATCHES = Number(process.env.BENCH_BATCHES || 3);
const FILE_BYTES = 10 * 1024 * 1024 - 64 * 1024;
const BUDGET_SECONDS = 2;
const BUDGET_PEAK_MB = 300;
const UNIT = fileURLToPath(new URL('../deploy/systemd/otklik-portal.service', import.meta.url));
const ORG = 'demo-by';
const ORIGIN = 'http://localhost:8788';
const CLOCK_TICKS = 100;

type Backend = 'pglite' | 'postgres';

function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux `clear_refs`, value 5). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** User + system CPU seconds the process has used. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** A PDF of `size` bytes: a header, a large comment, a trailer. */
function pdf(size: number, seed: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%');
  const tail = Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const body = Buffer.alloc(size - head.length - tail.length, 0x41 + (seed % 26));
  return Buffer.concat([head, body, tail]);
}

/** A multipart body with one file, built before the clock starts. */
function multipart(data: Buffer, name: string): { body: Buffer<ArrayBuffer>; contentType: string } {
  const boundary = `bench${Math.random().toString(36).slice(2)}`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

async function upload(
  url: string,
  part: { body: Buffer<ArrayBuffer>; contentType: string },
  client: string,
): Promise<number> {
  const res = await fetch(`${url}/v1/organizations/${ORG}/attachments`, {
    method: 'POST',
    headers: { 'Content-Type': part.contentType, Origin: ORIGIN, 'X-Forwarded-For': client },
    body: part.body,
  });
  await res.arrayBuffer();
  return res.status;
}

/** How the systemd unit starts the portal: its Node flags (before `dist/cli.js`), its Environment= lines. */
function unitProcess(): { flags: string[]; env: Record<string, string> } {
  const unit = readFileSync(UNIT, 'utf8');
  const exec = /^ExecStart=\S+ (.*?)dist\/cli\.js serve$/m.exec(unit);
  if (!exec) throw new Error(`no "ExecStart=node … dist/cli.js serve" line in ${UNIT}`);
  const env = Object.fromEntries(
    [...unit.matchAll(/^Environment=(\w+)=(\S*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  return { flags: exec[1]?.split(/\s+/).filter(Boolean) ?? [], env };
}

/**
 * Starts the portal as the unit does: `node <its flags> dist/cli.js serve` in packages/portal, with its
 * environment (NODE_ENV, GLIBC_TUNABLES), the database's and the demo data. Resolves with its URL
 * once it listens (the line the command prints on stderr). Its request log (stdout, one line per
 * request at the default level, as in production) goes to /dev/null, as the unit's to a file.
 */
async function start(database: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const { flags, env } = unitProcess();
  const child = spawn(process.execPath, [...flags, 'dist/cli.js', 'serve'], {
    cwd: PORTAL_DIR,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ...env,
      ...database,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED: 'demo',
      // Each upload names its own client (X-Forwarded-For), so the per-client upload limit, which
      // runs, does not refuse the bench's one address.
      TRUST_PROXY: '1',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', () => {
      const found = /Otklik portal on (http:\/\/\S+)/.exec(stderr);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the portal exited with ${code}:\n${stderr}`)));
  });
  return { url, child };
}

/** Where the server's memory is, from its own /metrics (prom-client's process figures), in MB. */
async function describeMemory(url: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const mb = (name: string) =>
    Math.round(Number(new RegExp(`^otklik_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN) / 1048576);
  return (
    `  server memory: RSS ${mb('process_resident_memory_bytes')} MB; V8 heap ` +
    `${mb('nodejs_heap_size_used_bytes')} of ${mb('nodejs_heap_size_total_bytes')} MB; external ` +
    `(Buffers, and on PGlite its WASM memory, reserved: only touched pages are resident) ` +
    `${mb('nodejs_external_memory_bytes')} MB`
  );
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Runs the batches against a started server; returns whether every batch was within budget. */
async function measure(backend: Backend, database: Record<string, string>): Promise<boolean> {
  const { url, child } = await start(database);
  const pid = child.pid ?? 0;
  let withinBudget = true;
  try {
    const warm = await upload(url, multipart(pdf(64 * 1024, 0), 'warm-up.pdf'), '10.0.0.1');
    if (warm !== 201) throw new Error(`the warm-up upload answered ${warm}`);
    const files = Array.from({ length: FILES }, (_, i) => pdf(FILE_BYTES, i));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = memory(pid).rssMb;
    console.log(`${backend}: server idle at ${idle} MB RSS`);
    console.log(await describeMemory(url));
    for (let batch = 1; batch <= BATCHES; batch++) {
      const parts = files.map((data, i) => multipart(data, `file-${batch}-${i}.pdf`));
      resetPeak(pid);
      const cpuBefore = cpuSeconds(pid);
      const started = performance.now();
      const statuses = await Promise.all(parts.map((part, i) => upload(url, part, `10.0.${batch}.${i + 1}`)));
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuSeconds(pid) - cpuBefore;
      const { rssMb, peakMb } = memory(pid);
      const ok = statuses.every((s) => s === 201);
      console.log(
        `${backend} batch ${batch}: ${FILES} × ${(FILE_BYTES / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(2)} s ` +
          `(server CPU ${cpu.toFixed(2)} s), statuses ${statuses.join(',')}, RSS ${rssMb} MB, ` +
          `peak ${peakMb} MB (+${peakMb - idle} MB over idle)`,
      );
      if (!ok || peakMb >= BUDGET_PEAK_MB || seconds >= BUDGET_SECONDS) withinBudget = false;
    }
  } finally {
    await stop(child);
  }
  return withinBudget;
}

const only = process.env.BENCH_ONLY as Backend | undefined;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`load average ${load} on this machine at the start`);
let failed = false;

if (only !== 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-uploads-'));
  try {
    const database = { OTKLIK_DATA_DIR: join(dataDir, 'db') };
    await stop((await start(database)).child);
    const ok = await measure('pglite', database);
    console.log(
      ok
        ? `pglite: within budget (each batch < ${BUDGET_SECONDS} s, peak < ${BUDGET_PEAK_MB} MB RSS)`
        : `pglite: OVER BUDGET (${BUDGET_SECONDS} s, ${BUDGET_PEAK_MB} MB RSS) or failed`,
    );
    failed = !ok;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (only !== 'pglite') {
  const given = process.env.BENCH_PG_URL;
  const created = given ? null : await createTestDatabase();
  const pgUrl = given ?? created?.url;
  if (pgUrl === undefined) console.log(`postgres: skipped, ${postgresSkipReason()}`);
  else {
    try {
      await measure('postgres', { DATABASE_URL: pgUrl });
    } finally {
      await created?.drop();
    }
  }
}

process.exitCode = failed ? 1 : 0;
