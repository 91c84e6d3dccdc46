import { createHash, type Hash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  copyFile,
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncDirectory } from './fsync.ts';

/**
 * Attachment contents of a PGlite portal, as files named by their SHA-256 in a directory beside the
 * data directory (`<data dir>.files/ab/abcd…`). PGlite runs PostgreSQL in WASM on the portal's one
 * thread: every byte stored in a table is copied several times in JavaScript, compressed, written to
 * the WAL and the table with synchronous writes — seconds for five 10 MB uploads. A file is written
 * once, off the main thread. (PostgreSQL keeps the contents in its tables: every instance sees them.)
 *
 * Only the process holding the data directory's lock opens the store, so the locks below, held in
 * memory, cover every writer and every sweep.
 */
export class FileStore {
  /** Sweeps and backups exclude each other: a backup copies every file its dump references. */
  #exclusive: Promise<unknown> = Promise.resolve();
  /** Per content hash: a write and the commit of its row, or a sweep's check and delete. */
  readonly #busy = new Map<string, Promise<unknown>>();

  private constructor(readonly dir: string) {}

  /** Opens (creates) the store; leftovers of writes interrupted by a crash are removed. */
  static async open(dir: string): Promise<FileStore> {
    await rm(join(dir, 'tmp'), { recursive: true, force: true });
    await mkdir(join(dir, 'tmp'), { recursive: true, mode: 0o700 });
    return new FileStore(dir);
  }

  /** Where the content with this SHA-256 (hex) lives. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Writes `data` durably (fsynced file and directory before `commit` runs), then runs `commit` with
   * its SHA-256 — which records the row that references it. No sweep can delete the file between
   * the two; a crash between them leaves a file no row references, which the next sweep removes.
   */
  async put<T>(data: Uint8Array, commit: (sha256: string) => Promise<T>): Promise<T> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    return this.#withHash(sha256, async () => {
      const path = this.pathOf(sha256);
      const existing = await stat(path).catch(() => null);
      // Content-addressed: a file of this name and size holds these bytes already (a file only ever
      // appears whole, by rename).
      if (existing?.size !== data.byteLength) await this.#writeDurably(path, data);
      return commit(sha256);
    });
  }

  /**
   * A file to be received (an upload): written to `tmp/` as its chunks arrive and hashed on the way,
   * so it is never held whole in memory; {@link putStaged} moves it into place.
   */
  stage(): StagedFile {
    return new StagedFile(join(this.dir, 'tmp', randomBytes(12).toString('hex')));
  }

  /**
   * As {@link put}, for a staged file (finished, so flushed): renamed into place, or dropped when
   * the store has this content already; `commit` runs after the rename is durable.
   */
  async putStaged<T>(file: StagedFile, commit: (sha256: string) => Promise<T>): Promise<T> {
    const { sha256, byteLength } = file;
    return this.#withHash(sha256, async () => {
      const path = this.pathOf(sha256);
      const existing = await stat(path).catch(() => null);
      if (existing?.size === byteLength) await file.discard();
      else await this.#moveIntoPlace(file.path, path);
      return commit(sha256);
    });
  }

  /** The content with this SHA-256; an error when it is missing. */
  read(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  /** The SHA-256 of every stored file. */
  list(): Promise<string[]> {
    return listStore(this.dir);
  }

  /**
   * Deletes the files no row references (rows are deleted by expiry, by the uploader, by retention,
   * with their appeal or organisation). `referenced` is asked per candidate while its hash is locked,
   * so an upload of the same content cannot be lost between the check and the delete.
   */
  sweep(referenced: (sha256s: readonly string[]) => Promise<ReadonlySet<string>>): Promise<number> {
    return this.#alone(async () => {
      const files = await this.list();
      const inUse = await referenced(files);
      let deleted = 0;
      for (const sha256 of files.filter((hash) => !inUse.has(hash))) {
        await this.#withHash(sha256, async () => {
          if ((await referenced([sha256])).has(sha256)) return;
          await unlink(this.pathOf(sha256));
          deleted++;
        });
      }
      return deleted;
    });
  }

  /**
   * Runs `snapshot` (a dump of the database) and then copies every file into `to` (the same layout),
   * with sweeps held off throughout, so every file the dump references is copied. Returns the dump's
   * result and the files' count and bytes.
   */
  backup<T>(
    snapshot: () => Promise<T>,
    to: string,
  ): Promise<{ snapshot: T; files: { count: number; bytes: number } }> {
    return this.#alone(async () => {
      const result = await snapshot();
      const files = await copyStore(this.dir, await this.list(), to, false);
      return { snapshot: result, files };
    });
  }

  async #writeDurably(path: string, data: Uint8Array): Promise<void> {
    const tmp = join(this.dir, 'tmp', randomBytes(12).toString('hex'));
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      // The content reaches the disk before its name does: a crash never leaves a name on a torn file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.#moveIntoPlace(tmp, path);
  }

  /** Renames a flushed file of `tmp/` to `path` and makes the rename durable. */
  async #moveIntoPlace(tmp: string, path: string): Promise<void> {
    const created = await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await rename(tmp, path);
    // The file's new name lives in its fan-out directory; a directory just made, in the store's.
    await fsyncDirectory(dirname(path));
    if (created !== undefined) await fsyncDirectory(this.dir);
  }

  /** Runs `fn` while no other `fn` of this hash runs. */
  async #withHash<T>(sha256: string, fn: () => Promise<T>): Promise<T> {
    for (let running = this.#busy.get(sha256); running; running = this.#busy.get(sha256)) {
      await running.catch(() => {});
    }
    const mine = fn();
    this.#busy.set(sha256, mine);
    try {
      return await mine;
    } finally {
      if (this.#busy.get(sha256) === mine) this.#busy.delete(sha256);
    }
  }

  /** Runs `fn` after every earlier sweep or backup finished. */
  #alone<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#exclusive.catch(() => {}).then(fn);
    this.#exclusive = run;
    return run;
  }
}

/** How much of a staged file is written at once. */
const STAGE_WRITE_BYTES = 1024 * 1024;

/**
 * A file being received into the store's `tmp/` (see {@link FileStore.stage}): chunks are hashed as
 * they come and written in batches of {@link STAGE_WRITE_BYTES} with one `writev` (a write per 64 KB
 * chunk cost a quarter more CPU); a write that returns a promise is awaited before the next chunk is
 * given. {@link finish} flushes it and tells its SHA-256 and size; {@link discard} deletes it (a
 * refused or failed upload; safe to call after it was moved). A crash leaves it in `tmp/`, which the
 * next start empties.
 */
export class StagedFile {
  readonly #hash: Hash = createHash('sha256');
  readonly #handle: Promise<FileHandle>;
  #waiting: Uint8Array[] = [];
  #waitingBytes = 0;
  #open = true;
  #size = 0;
  #sha256: string | null = null;

  constructor(readonly path: string) {
    this.#handle = open(path, 'wx', 0o600);
    // Its failure surfaces at the first write, finish or discard.
    this.#handle.catch(() => {});
  }

  write(chunk: Uint8Array): Promise<void> | undefined {
    this.#hash.update(chunk);
    this.#size += chunk.byteLength;
    this.#waiting.push(chunk);
    this.#waitingBytes += chunk.byteLength;
    return this.#waitingBytes >= STAGE_WRITE_BYTES ? this.#writeWaiting() : undefined;
  }

  async #writeWaiting(): Promise<void> {
    const chunks = this.#waiting;
    const bytes = this.#waitingBytes;
    if (bytes === 0) return;
    this.#waiting = [];
    this.#waitingBytes = 0;
    const handle = await this.#handle;
    const { bytesWritten } = await handle.writev(chunks);
    // A short write (rare for a file): the rest, byte-exact.
    if (bytesWritten < bytes) {
      const rest = Buffer.concat(chunks).subarray(bytesWritten);
      for (let offset = 0; offset < rest.byteLength; ) {
        offset += (await handle.write(rest, offset)).bytesWritten;
      }
    }
  }

  /** Flushes and closes the file: its content is durable. */
  async finish(): Promise<this> {
    await this.#writeWaiting();
    const handle = await this.#handle;
    await handle.sync();
    this.#open = false;
    await handle.close();
    this.#sha256 = this.#hash.digest('hex');
    return this;
  }

  get byteLength(): number {
    return this.#size;
  }

  get sha256(): string {
    if (this.#sha256 === null) throw new Error('The staged file is not finished');
    return this.#sha256;
  }

  async discard(): Promise<void> {
    if (this.#open) {
      this.#open = false;
      await (await this.#handle.catch(() => null))?.close();
    }
    await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/** The SHA-256 of every file in the store directory `dir` (none when it does not exist). */
export async function listStore(dir: string): Promise<string[]> {
  const hashes: string[] = [];
  const fans = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const fan of fans) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue;
    for (const name of await readdir(join(dir, fan))) {
      if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(fan)) hashes.push(name);
    }
  }
  return hashes.sort();
}

/**
 * Copies the files `sha256s` from the store directory `from` into `to` (same layout, created, owner
 * only). With `verify`, each file's content must hash to its name (restoring from a backup).
 */
export async function copyStore(
  from: string,
  sha256s: readonly string[],
  to: string,
  verify: boolean,
): Promise<{ count: number; bytes: number }> {
  let bytes = 0;
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const sha256 of sha256s) {
    const source = join(from, sha256.slice(0, 2), sha256);
    const target = join(to, sha256.slice(0, 2), sha256);
    if (verify) {
      const data = await readFile(source);
      if (createHash('sha256').update(data).digest('hex') !== sha256) {
        throw new Error(`The file ${source} is damaged (its SHA-256 differs from its name)`);
      }
    }
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(source, target, constants.COPYFILE_EXCL);
    bytes += (await stat(target)).size;
  }
  return { count: sha256s.length, bytes };
}

/** The store directory of a PGlite data directory: beside it, like its lock file. */
export const fileStoreDirOf = (dataDir: string): string => `${dataDir}.files`;
