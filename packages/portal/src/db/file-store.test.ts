import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteExpiredUploads,
  deleteUnreferencedFiles,
  loadContent,
  saveUpload,
  UPLOAD_TTL_MS,
} from '../attachments/store.ts';
import { migrate } from '../migrations/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { FileStore, fileStoreDirOf, listStore } from './file-store.ts';
import { openPglite } from './pglite.ts';
import type { Database } from './types.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-file-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('attachment contents of a PGlite portal with a data directory', () => {
  const dataDir = join(root, 'data');
  let db: Database;
  beforeAll(async () => {
    db = await openPglite(dataDir);
    await migrate(db);
    await seedDemo(db);
  }, 60_000);
  afterAll(() => db.close());

  const save = (data: Uint8Array, now = new Date()) =>
    saveUpload(db, { organizationId: 'demo-by', name: 'scan.pdf', mediaType: 'application/pdf', data, now });

  it('are files named by their SHA-256 beside the data directory, not rows of chunks', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const receipt = await save(data);
    const [row] = await db.query<{ sha256: string; in_file_store: boolean; content: Uint8Array | null }>(
      'SELECT sha256, in_file_store, content FROM attachments WHERE id = $1',
      [receipt.id],
    );
    expect(row?.in_file_store).toBe(true);
    expect(row?.content).toBeNull();
    const [chunks] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM attachment_chunks WHERE attachment_id = $1',
      [receipt.id],
    );
    expect(chunks?.n).toBe(0);
    const path = join(fileStoreDirOf(dataDir), row?.sha256.slice(0, 2) ?? '', row?.sha256 ?? '');
    expect(statSync(path).size).toBe(data.byteLength);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(await loadContent(db, receipt.id)).equals(data)).toBe(true);
  });

  it('store the same content once; the sweep deletes a file only when no row references it', async () => {
    const data = randomBytes(200_000);
    const first = await save(data);
    const second = await save(data);
    const [row] = await db.query<{ sha256: string }>('SELECT sha256 FROM attachments WHERE id = $1', [
      first.id,
    ]);
    const sha256 = row?.sha256 ?? '';
    expect((await listStore(fileStoreDirOf(dataDir))).filter((hash) => hash === sha256)).toHaveLength(1);

    await db.query('DELETE FROM attachments WHERE id = $1', [first.id]);
    expect(await deleteUnreferencedFiles(db)).toBe(0);
    expect(Buffer.from(await loadContent(db, second.id)).equals(data)).toBe(true);

    // Expired (24 h) and swept: the row goes, then its file.
    expect(await deleteExpiredUploads(db, new Date(Date.now() + UPLOAD_TTL_MS + 60_000))).toBeGreaterThan(0);
    expect(await deleteUnreferencedFiles(db)).toBeGreaterThan(0);
    expect(await listStore(fileStoreDirOf(dataDir))).not.toContain(sha256);
  });

  it('a file whose row was never committed (a crash between the two) is swept', async () => {
    const data = randomBytes(10_000);
    const failing = db.files?.put(data, async () => {
      throw new Error('the process died before the commit');
    });
    await expect(failing).rejects.toThrow(/died/);
    const sha256 = createHash('sha256').update(data).digest('hex');
    expect(await listStore(fileStoreDirOf(dataDir))).toContain(sha256);
    expect(await deleteUnreferencedFiles(db)).toBe(1);
    expect(await listStore(fileStoreDirOf(dataDir))).not.toContain(sha256);
  });

  it('a staged upload is written as it arrives, moved into place once flushed, stored once', async () => {
    const dir = join(root, 'staged.files');
    const store = await FileStore.open(dir);
    const data = randomBytes(2 * 1024 * 1024 + 999);
    const stageAll = async () => {
      const staged = store.stage();
      for (let offset = 0; offset < data.length; offset += 64 * 1024) {
        await staged.write(data.subarray(offset, offset + 64 * 1024));
      }
      // Written as it arrived: all but the last unflushed megabyte is on disk before it is finished.
      expect(statSync(staged.path).size).toBeGreaterThanOrEqual(2 * 1024 * 1024);
      return staged.finish();
    };
    const sha256 = createHash('sha256').update(data).digest('hex');
    const first = await stageAll();
    expect({ sha256: first.sha256, size: first.byteLength }).toEqual({ sha256, size: data.length });
    expect(await store.putStaged(first, async (hash) => hash)).toBe(sha256);
    expect((await store.read(sha256)).equals(data)).toBe(true);
    // The same content again: the stored file stays, the staged copy goes.
    await store.putStaged(await stageAll(), async () => {});
    expect(await store.list()).toEqual([sha256]);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    // A refused upload is discarded, also before its first write finished.
    const refused = store.stage();
    await refused.write(data.subarray(0, 1000));
    await refused.discard();
    await store.stage().discard();
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('a write interrupted before its rename leaves only a temporary file, removed on the next open', async () => {
    const dir = join(root, 'interrupted.files');
    await FileStore.open(dir);
    writeFileSync(join(dir, 'tmp', 'half-written'), randomBytes(100));
    const store = await FileStore.open(dir);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(await store.list()).toEqual([]);
    expect(existsSync(join(dir, 'tmp'))).toBe(true);
  });
});
