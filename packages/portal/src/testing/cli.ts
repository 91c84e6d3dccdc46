import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DatabaseOptions } from '../db/index.ts';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The portal's command line in a real second process, as an operator runs it, against `database` (a
 * PGlite directory — the running portal's, to go through its control socket — or PostgreSQL), with
 * `extraEnv` over the environment (PUBLIC_URL, HOST and PORT unset unless given there).
 */
export function runPortalCli(
  database: DatabaseOptions,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const unset = { PUBLIC_URL: '', HOST: '', PORT: '' };
  const env: NodeJS.ProcessEnv =
    database.kind === 'postgres'
      ? { ...process.env, DATABASE_URL: database.url, ...unset, ...extraEnv }
      : { ...process.env, DATABASE_URL: '', OTKLIK_DATA_DIR: database.dataDir, ...unset, ...extraEnv };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
