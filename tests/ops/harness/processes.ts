/**
 * Starts the portal process (src/testing/portal-process.ts) in a child process, as production starts
 * the portal: plain Node on the bundle `pnpm build` writes (packages/portal/dist/portal-process.js,
 * the same bundled code as dist/cli.js), and tells how long it took to serve.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PortalProcessConfig } from '../../../packages/portal/src/testing/portal-process.ts';

const BUNDLE = fileURLToPath(new URL('../../../packages/portal/dist/portal-process.js', import.meta.url));
const SOURCES = fileURLToPath(
  new URL('../../../packages/portal/src/testing/portal-process.ts', import.meta.url),
);

/**
 * What the process runs: the production bundle, or (to compare, scripts/restart-time.ts) the
 * TypeScript sources through tsx, as production did before the bundle.
 */
export type PortalStart = 'bundle' | 'sources';
const COMMANDS: Record<PortalStart, { file: string; args: string[] }> = {
  bundle: { file: BUNDLE, args: [BUNDLE] },
  sources: { file: SOURCES, args: ['--import', 'tsx', SOURCES] },
};

export interface PortalProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Wall time from spawning the process to its first answer-ready moment. */
  readonly startMs: number;
  /**
   * Wall time from spawning the process to its readiness endpoint's first 200 (`/health/ready`,
   * polled from the moment of the spawn): what a load balancer waits before sending traffic again.
   */
  readonly readyMs: number;
  /**
   * CPU time the process had used when it was found ready (user + system, all its threads; Linux
   * only, else NaN): the part of `readyMs` other jobs on a shared machine cannot stretch.
   */
  readonly readyCpuMs: number;
  /** Of which startPortal (database opened and recovered, migrations checked, listening). */
  readonly portalMs: number;
  /** The CPU time startPortal used (user + system). */
  readonly portalCpuMs: number;
  /** SIGKILL: no cleanup of any kind, as a power cut or the OOM killer. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the clean exit. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** SIGKILLs every portal process still running (a test that failed half-way leaves none behind). */
export function killAllPortals(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

export async function spawnPortal(
  config: PortalProcessConfig,
  start: PortalStart = 'bundle',
): Promise<PortalProcess> {
  const command = COMMANDS[start];
  if (!existsSync(command.file)) throw new Error(`${command.file} is missing: run \`pnpm build\` first`);
  const started = performance.now();
  const child = spawn(process.execPath, command.args, {
    env: { ...process.env, OTKLIK_TEST_PORTAL: JSON.stringify(config), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const readiness = pollReady(`http://127.0.0.1:${config.port}/health/ready`, child);
  // Awaited below once the process said READY; an exit before that is reported there.
  readiness.catch(() => {});
  const ready = await new Promise<{ url: string; portalMs: number; portalCpuMs: number }>(
    (resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /READY (\S+) \d+ (\d+) (\d+)\n/.exec(stdout);
        if (match?.[1]) resolve({ url: match[1], portalMs: Number(match[2]), portalCpuMs: Number(match[3]) });
      });
      child.once('exit', (code, signal) => reject(new Error(`portal exited (${code ?? signal}): ${stderr}`)));
    },
  );
  const startMs = performance.now() - started;
  const readyMs = (await readiness) - started;
  const readyCpuMs = processCpuMs(child.pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: ready.url,
    portalMs: ready.portalMs,
    portalCpuMs: ready.portalCpuMs,
    child,
    startMs,
    readyMs,
    readyCpuMs,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** When `url` first answered 200 (`performance.now()`), polled every 10 ms while `child` runs. */
async function pollReady(url: string, child: ChildProcess): Promise<number> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('portal exited before ready');
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      async (res) => {
        await res.arrayBuffer();
        return res.status === 200;
      },
      () => false,
    );
    if (ok) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** User + system CPU time of a process so far, from /proc (clock ticks of 10 ms); NaN elsewhere. */
function processCpuMs(pid: number | undefined): number {
  try {
    // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
