import { cpSync, fsyncSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableNodeFS } from './durable-nodefs.ts';
import { syncFileSystem } from './fsync.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-durable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The data directory's files that `fd` is open on, relative to `dir`. */
function fileOf(fd: number, dir: string): string {
  return relative(dir, readlinkSync(`/proc/self/fd/${fd}`));
}

/**
 * A PGlite as the portal opens it, whose fsyncs and flushes of the whole file system are recorded
 * (and still done; `flushAll: false` answers that the file system's flush failed).
 */
async function openRecorded(dir: string, params: string[], { create = true, flushAll = true } = {}) {
  const synced: string[] = [];
  const flushed: string[] = [];
  const fs = new DurableNodeFS(
    dir,
    (fd) => {
      synced.push(fileOf(fd, dir));
      fsyncSync(fd);
    },
    (flushedDir) => {
      flushed.push(flushedDir);
      return flushAll && syncFileSystem(flushedDir);
    },
  );
  const pg = new PGlite({ dataDir: dir, fs, startParams: [...PGlite.defaultStartParams, ...params] });
  await pg.waitReady;
  if (create) await pg.exec('CREATE TABLE filings (id int PRIMARY KEY)');
  return { pg, synced, flushed };
}

/** How many files and directories `dir` holds, itself included. */
function entriesOf(dir: string): number {
  return 1 + readdirSync(dir, { recursive: true }).length;
}

/**
 * A data directory as a SIGKILL leaves it: copied while its PGlite is open, after commits the
 * checkpoint has not yet written to the data files (PGlite is idle meanwhile: nothing moves).
 */
async function crashedCopy(name: string): Promise<string> {
  const { pg } = await openRecorded(join(root, `${name}-live`), DURABLE);
  try {
    await pg.exec('CHECKPOINT');
    for (let id = 1; id <= 20; id++) await pg.query('INSERT INTO filings VALUES ($1)', [id]);
    const copy = join(root, name);
    cpSync(join(root, `${name}-live`), copy, { recursive: true });
    return copy;
  } finally {
    await pg.close();
  }
}

const DURABLE = ['-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];

describe('DurableNodeFS', () => {
  it("flushes the WAL to the host's disk at every commit", async () => {
    const { pg, synced } = await openRecorded(join(root, 'commits'), DURABLE);
    try {
      synced.length = 0;
      for (let id = 1; id <= 3; id++) await pg.query('INSERT INTO filings VALUES ($1)', [id]);
      expect(synced).toHaveLength(3);
      for (const file of synced) expect(file).toMatch(/^pg_wal\/[0-9A-F]{24}$/);
    } finally {
      await pg.close();
    }
  });

  it('flushes the data files and pg_control at a checkpoint', async () => {
    const { pg, synced } = await openRecorded(join(root, 'checkpoint'), DURABLE);
    try {
      await pg.query('INSERT INTO filings VALUES (1)');
      synced.length = 0;
      await pg.exec('CHECKPOINT');
      expect(synced).toContain('global/pg_control');
      expect(synced.some((file) => file.startsWith('base/'))).toBe(true);
    } finally {
      await pg.close();
    }
  });

  it("reaches no fsync with PGlite's own -F (fsync off)", async () => {
    // The control: the same file system, but Postgres never asks. This is what the portal ran before.
    const { pg, synced } = await openRecorded(join(root, 'fsync-off'), ['-c', 'wal_sync_method=fsync']);
    try {
      synced.length = 0;
      await pg.query('INSERT INTO filings VALUES (1)');
      await pg.exec('CHECKPOINT');
      expect(synced).toEqual([]);
    } finally {
      await pg.close();
    }
  });
});

describe('DurableNodeFS after a crash', () => {
  it('flushes the file system once instead of every file, then flushes what recovery writes', async () => {
    const dir = await crashedCopy('crash');
    const { pg, synced, flushed } = await openRecorded(dir, DURABLE, { create: false });
    try {
      expect(flushed).toEqual([dir]);
      // Postgres walked the directory twice asking for an fsync of each of its files; the ones
      // this process had not changed were on the disk already. What the redo and the end-of-recovery
      // checkpoint wrote was flushed: the WAL, the table's file, pg_control.
      expect(synced.length).toBeLessThan(entriesOf(dir) / 4);
      expect(synced).toContain('global/pg_control');
      expect(synced.some((file) => /^pg_wal\/[0-9A-F]{24}$/.test(file))).toBe(true);
      expect(synced.some((file) => file.startsWith('base/'))).toBe(true);
      expect((await pg.query('SELECT count(*)::int AS n FROM filings')).rows).toEqual([{ n: 20 }]);
      // A commit after the start is flushed as ever: its WAL segment was written since.
      synced.length = 0;
      await pg.query('INSERT INTO filings VALUES (21)');
      expect(synced).toHaveLength(1);
      expect(synced[0]).toMatch(/^pg_wal\/[0-9A-F]{24}$/);
    } finally {
      await pg.close();
    }
  });

  it("leaves the walk's fsyncs to Postgres when the file system's flush failed", async () => {
    const dir = await crashedCopy('crash-noflush');
    const { pg, synced, flushed } = await openRecorded(dir, DURABLE, { create: false, flushAll: false });
    try {
      expect(flushed).toEqual([dir]);
      // Every file twice (PGlite's pg_flush_data is an fsync too).
      expect(synced.length).toBeGreaterThan(entriesOf(dir));
    } finally {
      await pg.close();
    }
  });

  it('does not flush the file system after a clean close', async () => {
    const dir = join(root, 'clean');
    const first = await openRecorded(dir, DURABLE);
    await first.pg.close();
    const { pg, flushed } = await openRecorded(dir, DURABLE, { create: false });
    await pg.close();
    expect(first.flushed).toEqual([]);
    expect(flushed).toEqual([]);
  });
});
