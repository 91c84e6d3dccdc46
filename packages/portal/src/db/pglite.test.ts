import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('openPglite', () => {
  it('starts with a 16 MB buffer pool and full durability', async () => {
    // On a data directory: the portal's case, where fsync matters (PGlite's defaults turn it off).
    const db = await openPglite(join(root, 'settings'));
    try {
      const settings = await db.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`,
        [
          [
            'shared_buffers',
            'fsync',
            'wal_sync_method',
            'synchronous_commit',
            'full_page_writes',
            'wal_level',
          ],
        ],
      );
      expect(Object.fromEntries(settings.map((s) => [s.name, s.setting]))).toEqual({
        shared_buffers: '16MB',
        fsync: 'on',
        wal_sync_method: 'fsync',
        synchronous_commit: 'on',
        full_page_writes: 'on',
        wal_level: 'replica',
      });
    } finally {
      await db.close();
    }
  });

  it('keeps a table larger than its buffer pool across a restart', async () => {
    const dataDir = join(root, 'larger-than-pool');
    // About 25 MB of rows stored inline (1 KB each, under the TOAST threshold): more than the pool,
    // so pages are evicted, written out and read back from the data files.
    const db = await openPglite(dataDir);
    let written: { rows: number; digest: string } | undefined;
    try {
      await db.exec(`CREATE TABLE big (id int PRIMARY KEY, body text)`);
      await db.exec(`INSERT INTO big SELECT i, repeat(md5(i::text), 32) FROM generate_series(1, 24000) AS i`);
      const [size] = await db.query<{ bytes: number }>(`SELECT pg_relation_size('big')::int AS bytes`);
      expect(size?.bytes).toBeGreaterThan(20 * 1024 * 1024);
      [written] = await db.query<{ rows: number; digest: string }>(
        `SELECT count(*)::int AS rows, md5(string_agg(body, '' ORDER BY id)) AS digest FROM big`,
      );
    } finally {
      await db.close();
    }
    const reopened = await openPglite(dataDir);
    try {
      const [read] = await reopened.query<{ rows: number; digest: string }>(
        `SELECT count(*)::int AS rows, md5(string_agg(body, '' ORDER BY id)) AS digest FROM big`,
      );
      expect(written?.rows).toBe(24000);
      expect(read).toEqual(written);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
