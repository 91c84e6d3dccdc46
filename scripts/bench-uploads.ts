/**
 * Memory and time of concurrent uploads: a portal on PGlite (a data directory, as in production;
 * or PostgreSQL with `BENCH_PG_URL`) in its own process takes batches of five concurrent 10 MB PDF
 * uploads; the script prints the wall time of each batch, the server's resident memory when idle,
 * its peak (VmHWM) and the growth the uploads caused. Budget (issue 13): five concurrent 10 MB uploads
 * in under 2 s, with memory growing by less than 300 MB.
 *
 * The PGlite directory is created by a first start (initdb, migrations, demo data) that is not
 * measured: creating a cluster costs PGlite several hundred MB once, which a restart gives back.
 *
 *   pnpm bench:uploads            # PGlite
 *   BENCH_PG_URL=postgres://… pnpm bench:uploads
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../packages/portal/bench/server.ts', import.meta.url));
const FILES = Number(process.env.BENCH_FILES || 5);
const BATCHES = Number(process.env.BENCH_BATCHES || 2);
const FILE_BYTES = 10 * 1024 * 1024 - 64 * 1024;
const ORG = 'demo-by';
const ORIGIN = 'http://localhost:8788';

function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** A PDF of `size` bytes: a header, a large comment, a trailer. */
function pdf(size: number, seed: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%');
  const tail = Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const body = Buffer.alloc(size - head.length - tail.length, 0x41 + (seed % 26));
  return Buffer.concat([head, body, tail]);
}

async function upload(url: string, data: Buffer, name: string): Promise<number> {
  const boundary = `bench${Math.random().toString(36).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${url}/v1/organizations/${ORG}/attachments`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: ORIGIN },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-uploads-'));

async function start(): Promise<{ url: string; child: ChildProcess }> {
  const pg = process.env.BENCH_PG_URL;
  const args = pg ? ['postgres', pg] : ['pglite', join(dataDir, 'db')];
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const backend = process.env.BENCH_PG_URL ? 'postgres' : 'pglite';
if (backend === 'pglite') await stop((await start()).child);
const { url, child } = await start();
const pid = child.pid ?? 0;
const files = Array.from({ length: FILES }, (_, i) => pdf(FILE_BYTES, i));
await new Promise((resolve) => setTimeout(resolve, 500));
const idle = memory(pid).rssMb;
console.log(`${backend}: server idle at ${idle} MB RSS`);
let failed = false;
for (let batch = 1; batch <= BATCHES; batch++) {
  const started = performance.now();
  const statuses = await Promise.all(files.map((data, i) => upload(url, data, `file-${batch}-${i}.pdf`)));
  const seconds = (performance.now() - started) / 1000;
  const { rssMb, peakMb } = memory(pid);
  const ok = statuses.every((s) => s === 201);
  console.log(
    `batch ${batch}: ${FILES} × ${(FILE_BYTES / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(2)} s, ` +
      `statuses ${statuses.join(',')}, RSS ${rssMb} MB, peak RSS ${peakMb} MB (+${peakMb - idle} MB over idle)`,
  );
  if (!ok || peakMb - idle >= 300 || seconds >= 2) failed = true;
}
await stop(child);
rmSync(dataDir, { recursive: true, force: true });
console.log(failed ? 'over budget (+300 MB, 2 s) or failed' : 'within budget (+300 MB, 2 s)');
process.exitCode = failed ? 1 : 0;
