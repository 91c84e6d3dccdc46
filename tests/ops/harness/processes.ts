/** Starts portal-process.ts in a child process and tells how long it took to serve. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PortalProcessConfig } from '../../../packages/portal/src/testing/portal-process.ts';

const SCRIPT = fileURLToPath(
  new URL('../../../packages/portal/src/testing/portal-process.ts', import.meta.url),
);

export interface PortalProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Wall time from spawning the process to its first answer-ready moment. */
  readonly startMs: number;
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

export async function spawnPortal(config: PortalProcessConfig): Promise<PortalProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, OTKLIK_TEST_PORTAL: JSON.stringify(config), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: ready.url,
    portalMs: ready.portalMs,
    portalCpuMs: ready.portalCpuMs,
    child,
    startMs,
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
