import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runPortalCli } from '../testing/cli.ts';
import { DataDirInUseError, openDatabase } from './index.ts';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'otklik-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const runCli = (args: string[], dataDir: string) => runPortalCli({ kind: 'pglite', dataDir }, args);

describe('PGlite data directory lock', () => {
  it('refuses a second process, naming the directory and the holding PID', async () => {
    const dataDir = join(root, 'held');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const { code, stderr } = await runCli(['create-api-key', '--org', 'demo-school'], dataDir);
      expect(code).toBe(1);
      expect(stderr).toContain(dataDir);
      expect(stderr).toContain(`PID ${process.pid}`);
    } finally {
      await db.close();
    }
    // Released on close: the directory can be opened again.
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  }, 60_000);

  it('refuses a second open in the same process too', async () => {
    const dataDir = join(root, 'same');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await db.close();
    }
  });

  it('takes over a stale lock left by a process that no longer exists', async () => {
    const dataDir = join(root, 'stale');
    // PID 2^22 + 1 is above Linux's pid_max default, so no process has it.
    writeFileSync(`${dataDir}.lock`, '4194305\n');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    expect(readFileSync(`${dataDir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await db.close();
  });

  it('a served portal shuts down cleanly on SIGTERM and releases the lock', async () => {
    const dataDir = join(root, 'served');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
      env: { ...process.env, OTKLIK_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Otklik portal on')) resolve();
      });
      child.on('close', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const url = /on (http:\/\/\S+)/.exec(stderr)?.[1];
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('close');
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await db.close();
  }, 60_000);
});
