import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachUploads, loadContent, saveUpload } from '../attachments/store.ts';
import { fileStoreDirOf, listStore } from '../db/file-store.ts';
import type { DatabaseOptions, Queryable } from '../db/types.ts';
import { createLogger } from '../log.ts';
import { startPortal } from '../server.ts';
import { testBackends } from '../testing/backends.ts';
import { runPortalCli } from '../testing/cli.ts';
import { createTestDatabase } from '../testing/postgres.ts';
import { type BackupManifest, backupCommand, restoreCommand } from './backup.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const backends = await testBackends();

const runCli = runPortalCli;

/** Everything a restore must bring back: appeals, registration counters, files, ratings, the counter. */
async function snapshot(db: Queryable, url: string) {
  const rows = (sql: string) => db.query<{ row: string }>(sql).then((r) => r.map((x) => x.row));
  const counter = await fetch(`${url}/v1/organizations/demo-school/appeal-counter`);
  expect(counter.status).toBe(200);
  return {
    appeals: await rows('SELECT to_jsonb(a)::text AS row FROM appeals a ORDER BY id'),
    messages: await rows('SELECT to_jsonb(m)::text AS row FROM appeal_messages m ORDER BY id'),
    numbers: await rows('SELECT to_jsonb(n)::text AS row FROM appeal_number_counters n ORDER BY 1'),
    files: await Promise.all(
      (
        await db.query<{ id: string; row: string }>(
          `SELECT id, concat_ws(' ', id, appeal_id, name, size, sha256) AS row FROM attachments ORDER BY id`,
        )
      ).map(async ({ id, row }) => {
        // The content as a download reads it: from the database's tables or from PGlite's file store.
        const content = await loadContent(db, id);
        return `${row} ${createHash('sha256').update(content).digest('hex')} ${content.byteLength}`;
      }),
    ),
    ratings: await rows('SELECT to_jsonb(r)::text AS row FROM ratings r ORDER BY id'),
    counter: await counter.json(),
  };
}

/** Adds a file to an appeal of the demo data, as filing with an upload does. */
async function attachFile(
  db: Queryable & { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> },
) {
  const [appeal] = await db.query<{ id: string; organization_id: string }>(
    'SELECT id, organization_id FROM appeals ORDER BY id LIMIT 1',
  );
  if (!appeal) throw new Error('the demo data has no appeal');
  const data = randomBytes(300_000);
  const now = new Date();
  const upload = await saveUpload(db, {
    organizationId: appeal.organization_id,
    name: 'scan.pdf',
    mediaType: 'application/pdf',
    data,
    now,
  });
  await db.transaction((tx) => attachUploads(tx, appeal.organization_id, appeal.id, null, [upload.id], now));
}

describe.each(backends)('backup and restore on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);

  test('a backup taken while the portal runs restores the same appeals, counters and files', async () => {
    const cleanups: (() => Promise<void>)[] = [];
    try {
      const source: DatabaseOptions =
        backend.name === 'pglite'
          ? { kind: 'pglite', dataDir: join(root, 'data') }
          : await backend.fresh().then((f) => (cleanups.push(f.cleanup), f.database));
      const portal = await startPortal({
        database: source,
        port: 0,
        seed: 'demo',
        logger: createLogger('silent'),
      });
      await attachFile(portal.db);
      const before = await snapshot(portal.db, portal.url);
      expect(before.files).toHaveLength(1);
      expect(before.appeals.length).toBeGreaterThan(0);

      const backupDir = join(root, `backup-${backend.name}`);
      const started = performance.now();
      const backup = await runCli(source, ['backup', '--to', backupDir]);
      const backupMs = performance.now() - started;
      // The portal kept serving meanwhile (and holds the PGlite directory: the backup ran inside it).
      expect((await fetch(`${portal.url}/health/ready`)).status).toBe(200);
      await portal.close();
      expect(backup.code, backup.stderr).toBe(0);
      if (backend.name === 'pglite') expect(backup.stderr).toContain('asking it to write the backup');
      const manifest = JSON.parse(backup.stdout) as BackupManifest;
      expect(manifest.kind).toBe(backend.name);
      expect(manifest.contents.attachments).toBe(1);
      expect(manifest.contents.appeals).toBe(before.appeals.length);
      expect(statSync(backupDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(backupDir, manifest.file)).mode & 0o777).toBe(0o600);
      if (backend.name === 'pglite') {
        // The file store's files travel beside the archive (PostgreSQL's are in its dump).
        expect(manifest.files).toEqual({ count: 1, bytes: 300_000 });
        expect(await listStore(join(backupDir, 'files'))).toHaveLength(1);
      } else expect(manifest.files).toBeUndefined();

      // A backup directory is never written over.
      await expect(
        backupCommand(source, backupDir, () => Promise.reject(new Error('no portal'))),
      ).rejects.toThrow(/is not empty/);

      const target: DatabaseOptions =
        backend.name === 'pglite'
          ? { kind: 'pglite', dataDir: join(root, 'restored') }
          : await createTestDatabase().then((created) => {
              if (!created) throw new Error('PostgreSQL went away');
              cleanups.push(created.drop);
              return { kind: 'postgres' as const, url: created.url };
            });
      const restoreStarted = performance.now();
      const restore = await runCli(target, ['restore', '--from', backupDir]);
      const restoreMs = performance.now() - restoreStarted;
      expect(restore.code, restore.stderr).toBe(0);
      expect(JSON.parse(restore.stdout).contents).toEqual(manifest.contents);
      console.log(
        `[backup] ${backend.name}: archive ${(manifest.bytes / 1e6).toFixed(1)} MB, backup ${Math.round(backupMs)} ms, restore ${Math.round(restoreMs)} ms (CLI processes included)`,
      );

      // Over existing data only with --replace.
      await expect(restoreCommand(target, backupDir)).rejects.toThrow(/--replace/);

      const restored = await startPortal({ database: target, port: 0, logger: createLogger('silent') });
      try {
        expect(await snapshot(restored.db, restored.url)).toEqual(before);
      } finally {
        await restored.close();
      }

      const replaced = await runCli(target, ['restore', '--from', backupDir, '--replace']);
      expect(replaced.code, replaced.stderr).toBe(0);
      const report = JSON.parse(replaced.stdout);
      expect(report.contents).toEqual(manifest.contents);
      if (backend.name === 'pglite') {
        expect(existsSync(report.previousDataDir)).toBe(true);
        expect(await listStore(fileStoreDirOf(report.previousDataDir))).toHaveLength(1);
        const again = await startPortal({ database: target, port: 0, logger: createLogger('silent') });
        try {
          expect(await snapshot(again.db, again.url)).toEqual(before);
        } finally {
          await again.close();
        }
      }

      // A damaged archive is refused before anything is touched.
      const archive = join(backupDir, manifest.file);
      const bytes = readFileSync(archive);
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
      writeFileSync(archive, bytes);
      await expect(restoreCommand(target, backupDir, { replace: true })).rejects.toThrow(/damaged/);
      if (backend.name === 'pglite') {
        // So is a damaged file of the file store, and the restored directory stays as it was.
        bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
        writeFileSync(archive, bytes);
        const [sha256 = ''] = await listStore(join(backupDir, 'files'));
        const file = join(backupDir, 'files', sha256.slice(0, 2), sha256);
        writeFileSync(file, Buffer.concat([readFileSync(file).subarray(1), Buffer.from([0])]));
        await expect(restoreCommand(target, backupDir, { replace: true })).rejects.toThrow(/damaged/);
        const unchanged = await startPortal({ database: target, port: 0, logger: createLogger('silent') });
        try {
          expect(await snapshot(unchanged.db, unchanged.url)).toEqual(before);
        } finally {
          await unchanged.close();
        }
      }
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  }, 240_000); // PGlite starts four times here; a busy machine stretches each start
});
