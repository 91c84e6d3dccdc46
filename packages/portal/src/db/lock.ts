import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A PID lock file beside a PGlite data directory. PGlite has no server process to arbitrate access,
 * so two processes writing one directory would corrupt it; the second one is refused instead.
 * A lock left by a process that no longer exists (crash, kill -9) is stale and taken over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another process (PID ${pid}). ` +
        'Stop that process first, or choose another directory (OTKLIK_DATA_DIR).',
    );
    this.name = 'DataDirInUseError';
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the lock or throws {@link DataDirInUseError}; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        if (readHolder(lockPath) === process.pid) {
          try {
            unlinkSync(lockPath);
          } catch {
            // Already gone.
          }
        }
      };
      // Last resort if the process exits without closing the portal.
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder !== null && processExists(holder)) throw new DataDirInUseError(dataDir, holder);
      // Stale (holder gone) or half-written: remove and retry.
      try {
        unlinkSync(lockPath);
      } catch {
        // Another process removed it first; retry.
      }
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir} (lock file ${lockPath})`);
}
