/**
 * Backup and restore of the whole portal: every table, the attachment files (in the database, or
 * for PGlite with a data directory in its file store beside it, copied into `files/`, see
 * db/file-store.ts) and the key ring (unless OTKLIK_SECRET is set, which the operator
 * keeps beside the backup). A backup is a directory holding one archive (and `files/`) and `manifest.json`, written
 * last, so a directory with a manifest is a complete backup; both are readable by the owner only
 * (they hold personal data).
 *
 * - PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the portal runs) and
 *   `pg_restore` from the Debian package `postgresql-client`.
 * - PGlite: a tarball of the data directory taken by the process that holds it — the CLI itself when
 *   no portal runs, else the running portal through its control socket — after a checkpoint and while
 *   no statement runs, so it is consistent while the portal serves requests.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { copyStore, fileStoreDirOf, listStore } from '../db/file-store.ts';
import { DataDirInUseError, openDatabase } from '../db/index.ts';
import { restorePgliteDataDir } from '../db/pglite.ts';
import type { Database, DatabaseOptions, Queryable } from '../db/types.ts';

/** What `manifest.json` of a backup holds. */
export interface BackupManifest {
  readonly format: 'otklik-backup/1';
  readonly kind: 'pglite' | 'postgres';
  /** The archive's name within the backup directory. */
  readonly file: string;
  readonly bytes: number;
  /** SHA-256 (hex) of the archive: restore refuses a damaged one. */
  readonly sha256: string;
  readonly createdAt: string;
  /** The migrations applied in the backed-up database. */
  readonly migrations: readonly number[];
  /** Rows at backup time (PGlite: exact; PostgreSQL: read just before the dump). */
  readonly contents: BackupContents;
  /**
   * PGlite with a file store: the attachment files copied into the directory `files/` (named by
   * their SHA-256, checked on restore). Absent when the contents are in the archive.
   */
  readonly files?: { readonly count: number; readonly bytes: number };
}

/** Counts shown after a backup and a restore, to compare at a glance. */
export interface BackupContents {
  readonly organizations: number;
  readonly appeals: number;
  readonly attachments: number;
  readonly attachmentBytes: number;
  readonly ratings: number;
}

const MANIFEST = 'manifest.json';
const PGLITE_FILE = 'pglite-data.tar.gz';
const POSTGRES_FILE = 'database.pgdump';
/** The attachment files of a PGlite portal's file store, in its layout. */
const FILES_DIR = 'files';

async function contentsOf(db: Queryable): Promise<BackupContents> {
  const [row] = await db.query<BackupContents>(
    `SELECT (SELECT count(*)::int FROM organizations) AS organizations,
            (SELECT count(*)::int FROM appeals) AS appeals,
            (SELECT count(*)::int FROM attachments) AS attachments,
            (SELECT COALESCE(sum(size), 0)::float8 FROM attachments) AS "attachmentBytes",
            (SELECT count(*)::int FROM ratings) AS ratings`,
  );
  if (!row) throw new Error('The database answered no counts');
  return row;
}

async function migrationsOf(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version);
}

/** Creates the backup directory (absent or empty), readable by the owner only. */
async function prepareTarget(to: string): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  if ((await readdir(to)).length > 0) throw new Error(`The backup directory ${to} is not empty`);
  await chmod(to, 0o700);
}

async function finish(
  to: string,
  kind: BackupManifest['kind'],
  file: string,
  facts: Pick<BackupManifest, 'migrations' | 'contents' | 'files'>,
): Promise<BackupManifest> {
  const path = join(to, file);
  await chmod(path, 0o600);
  const data = await readFile(path);
  const manifest: BackupManifest = {
    format: 'otklik-backup/1',
    kind,
    file,
    bytes: data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
    createdAt: new Date().toISOString(),
    ...facts,
  };
  await writeFile(join(to, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** Backs up an open PGlite database into `to` (the control command runs this inside the portal). */
export async function backupPglite(db: Database, to: string): Promise<BackupManifest> {
  const { dumpDataDir } = db;
  if (!dumpDataDir) throw new Error('This database cannot dump its data directory (not PGlite)');
  const dir = resolve(to);
  await prepareTarget(dir);
  const facts = { migrations: await migrationsOf(db), contents: await contentsOf(db) };
  // The files are copied after the dump with the store's sweeps held off: every file a row of the
  // dump references is still there (files of later uploads may come along; a sweep drops them).
  const { snapshot: tarball, files } = db.files
    ? await db.files.backup(dumpDataDir, join(dir, FILES_DIR))
    : { snapshot: await dumpDataDir(), files: undefined };
  await writeFile(join(dir, PGLITE_FILE), new Uint8Array(await tarball.arrayBuffer()), { mode: 0o600 });
  return finish(dir, 'pglite', PGLITE_FILE, { ...facts, ...(files === undefined ? {} : { files }) });
}

/** libpq settings from a URL, the password in the environment rather than on the command line. */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(new Error(`${command} could not be started (apt install postgresql-client): ${error.message}`)),
    );
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** Backs up a PostgreSQL database with pg_dump (a consistent snapshot; the portal may keep running). */
export async function backupPostgres(url: string, to: string): Promise<BackupManifest> {
  const dir = resolve(to);
  await prepareTarget(dir);
  const db = await openDatabase({ kind: 'postgres', url });
  let facts: { migrations: number[]; contents: BackupContents };
  try {
    facts = { migrations: await migrationsOf(db), contents: await contentsOf(db) };
  } finally {
    await db.close();
  }
  const { dbname, env } = libpq(url);
  await run(
    'pg_dump',
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${join(dir, POSTGRES_FILE)}`,
      `--dbname=${dbname}`,
    ],
    env,
  );
  return finish(dir, 'postgres', POSTGRES_FILE, facts);
}

/**
 * The `backup --to DIR` command: PostgreSQL through pg_dump; PGlite in this process, or inside the
 * running portal through its control socket when the portal holds the directory.
 */
export async function backupCommand(
  database: DatabaseOptions,
  to: string,
  /** Asks the portal holding `dataDir` to back it up (the control socket's `backup` command). */
  viaPortal: (dataDir: string, to: string) => Promise<unknown>,
): Promise<BackupManifest> {
  const dir = resolve(to);
  await prepareTarget(dir);
  if (database.kind === 'postgres') return backupPostgres(database.url, dir);
  if (database.dataDir === undefined) throw new Error('An in-memory database has nothing to back up');
  let db: Database;
  try {
    db = await openDatabase(database);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    return (await viaPortal(error.dataDir, dir)) as BackupManifest;
  }
  try {
    return await backupPglite(db, dir);
  } finally {
    await db.close();
  }
}

/** Reads and checks a backup's manifest and archive (its size and SHA-256). */
export async function readBackup(from: string): Promise<{ manifest: BackupManifest; archive: string }> {
  const dir = resolve(from);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new Error(`${dir} holds no backup (no readable ${MANIFEST}; an interrupted backup has none)`);
  }
  if (manifest.format !== 'otklik-backup/1')
    throw new Error(`Unknown backup format ${String(manifest.format)}`);
  if (manifest.file !== PGLITE_FILE && manifest.file !== POSTGRES_FILE)
    throw new Error('Unknown archive name');
  const archive = join(dir, manifest.file);
  const data = await readFile(archive);
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (data.byteLength !== manifest.bytes || sha256 !== manifest.sha256) {
    throw new Error(`The archive ${archive} is damaged (its size or SHA-256 differs from the manifest)`);
  }
  return { manifest, archive };
}

async function isEmptyDir(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isDirectory()) return false;
    return (await readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** What a restore did: the contents now in the database, and where a replaced directory went. */
export interface RestoreReport {
  readonly kind: BackupManifest['kind'];
  readonly backupCreatedAt: string;
  readonly contents: BackupContents;
  /** PGlite with `replace`: the previous data directory, kept under this name. */
  readonly previousDataDir?: string;
}

/**
 * The `restore --from DIR [--replace]` command, run with the portal stopped. It refuses to overwrite
 * data unless `replace` is set: on PostgreSQL the portal's tables are then dropped first (in the same
 * transaction as the restore); on PGlite the data directory is moved aside, not deleted.
 */
export async function restoreCommand(
  database: DatabaseOptions,
  backupDir: string,
  options: { replace?: boolean } = {},
): Promise<RestoreReport> {
  const { manifest, archive } = await readBackup(backupDir);
  if (manifest.kind !== database.kind) {
    throw new Error(`This is a ${manifest.kind} backup; the configured database is ${database.kind}`);
  }
  let previousDataDir: string | undefined;
  if (database.kind === 'postgres') {
    const db = await openDatabase(database);
    try {
      const [row] = await db.query<{ used: boolean }>(
        "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS used",
      );
      if (row?.used && !options.replace) {
        throw new Error(
          'The database already holds a portal; stop the portal and add --replace to overwrite it',
        );
      }
    } finally {
      await db.close();
    }
    const { dbname, env } = libpq(database.url);
    await run(
      'pg_restore',
      [
        '--exit-on-error',
        '--single-transaction',
        '--no-owner',
        '--no-privileges',
        ...(options.replace ? ['--clean', '--if-exists'] : []),
        `--dbname=${dbname}`,
        archive,
      ],
      env,
    );
  } else {
    if (database.dataDir === undefined) throw new Error('Restoring needs a data directory (OTKLIK_DATA_DIR)');
    const dataDir = resolve(database.dataDir);
    const filesDir = fileStoreDirOf(dataDir);
    const occupied = !(await isEmptyDir(dataDir)) || (await listStore(filesDir)).length > 0;
    if (occupied) {
      if (!options.replace) {
        throw new Error(`${dataDir} is not empty; stop the portal and add --replace to move it aside`);
      }
      // Taking the lock proves no portal holds the directory before it is moved.
      const probe = await openDatabase(database);
      await probe.close();
    }
    // The files first, each checked against its name, into a directory of their own: a damaged
    // backup is refused before anything is moved, and the restored database never references a
    // missing file.
    const staging = `${filesDir}.restoring`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true, mode: 0o700 });
    if (manifest.files) {
      const from = join(resolve(backupDir), FILES_DIR);
      try {
        const copied = await copyStore(from, await listStore(from), staging, true);
        if (copied.count !== manifest.files.count || copied.bytes !== manifest.files.bytes) {
          throw new Error(`The files of the backup in ${from} are incomplete`);
        }
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
    }
    if (occupied) {
      previousDataDir = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(dataDir, previousDataDir);
      await rename(filesDir, fileStoreDirOf(previousDataDir)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await rm(filesDir, { recursive: true, force: true });
    await rename(staging, filesDir);
    await restorePgliteDataDir(dataDir, new Blob([new Uint8Array(await readFile(archive))]));
  }
  const db = await openDatabase(database);
  try {
    return {
      kind: manifest.kind,
      backupCreatedAt: manifest.createdAt,
      contents: await contentsOf(db),
      ...(previousDataDir === undefined ? {} : { previousDataDir }),
    };
  } finally {
    await db.close();
  }
}
