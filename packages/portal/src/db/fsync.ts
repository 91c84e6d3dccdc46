import { spawnSync } from 'node:child_process';
import { closeSync, constants, fsyncSync, openSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/*
 * Flushing to the disk what a power cut would otherwise take back: written bytes stay in the page
 * cache until then. A file's fsync covers its content; a new, renamed or removed name lives in its
 * directory, which needs its own fsync.
 */

/**
 * Flushes one file or directory, blocking: for the data directory's start and restore, which run
 * before the portal serves anything.
 */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a rename or a new entry in `dir` durable, off the main thread (the file store, while the
 * portal serves).
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes `dir`, everything under it and its own entry in its parent to the disk. PGlite writes a new
 * data directory (its initdb's result, or a restored tarball) with plain writes, outside Postgres's own
 * fsyncs: a power cut soon after could leave it half on the disk.
 */
export function fsyncTree(dir: string): void {
  fsyncEntries(dir);
  fsyncPath(dirname(dir));
}

/** Flushes every file and directory under `dir`, then `dir` itself (the names it holds). */
function fsyncEntries(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fsyncEntries(path);
    else if (entry.isFile()) fsyncPath(path);
  }
  fsyncPath(dir);
}

/**
 * `syncfs(2)` on the file system holding `dir` (Node has no binding: coreutils' `sync -f`), what
 * Postgres's `recovery_init_sync_method=syncfs` does where it is compiled in (PGlite's is not).
 * Linux reports write-back errors through it since 5.8. False when it failed or is not there (another
 * system): Postgres's own fsync of every file then goes to the disk.
 */
export function syncFileSystem(dir: string): boolean {
  return spawnSync('sync', ['-f', dir], { stdio: 'ignore' }).status === 0;
}
