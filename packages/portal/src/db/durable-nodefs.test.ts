import { fsyncSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableNodeFS, fsyncTree } from './durable-nodefs.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-durable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The data directory's files that `fd` is open on, relative to `dir`. */
function fileOf(fd: number, dir: string): string {
  return relative(dir, readlinkSync(`/proc/self/fd/${fd}`));
}

/** A PGlite as the portal opens it, whose fsyncs are recorded (and still done). */
async function openRecorded(dir: string, params: string[]) {
  const synced: string[] = [];
  const fs = new DurableNodeFS(dir, (fd) => {
    synced.push(fileOf(fd, dir));
    fsyncSync(fd);
  });
  const pg = new PGlite({ dataDir: dir, fs, startParams: [...PGlite.defaultStartParams, ...params] });
  await pg.waitReady;
  await pg.exec('CREATE TABLE filings (id int PRIMARY KEY)');
  return { pg, synced };
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

describe('fsyncTree', () => {
  it('flushes a directory tree and refuses a missing one', () => {
    const dir = join(root, 'tree');
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'file'), 'x');
    expect(() => fsyncTree(dir)).not.toThrow();
    expect(() => fsyncTree(join(root, 'missing'))).toThrow(/ENOENT/);
  });
});
