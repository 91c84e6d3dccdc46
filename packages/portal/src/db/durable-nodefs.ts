import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type InitArgs = Parameters<NodeFS['init']>;
type EmscriptenModule = Parameters<NonNullable<InitArgs[1]['preRun']>[number]>[0];

/** What Emscripten's NODEFS keeps of an open file: the host's file descriptor. */
interface NodefsStream {
  nfd: number;
}
interface NodefsStreamOps {
  fsync?: (stream: NodefsStream) => number;
}

/** WASI's EIO: Postgres reads it as a failed fsync and stops (PANIC) rather than carry on. */
const WASI_EIO = 29;

/**
 * PGlite's NODEFS with an fsync that reaches the disk. Emscripten's NODEFS has no `fsync` stream
 * operation, so Postgres's `fsync()` returns success without a system call (and `fdatasync()` is a
 * no-op in Emscripten's syscall layer, whatever the file system): commits and checkpoints were never
 * flushed. Here `fsync()` on any file of the data directory becomes `fsyncSync` on the host's
 * descriptor; with `fsync=on` and `wal_sync_method=fsync` (see `pglite.ts`) every commit flushes the
 * WAL and every checkpoint the data files and pg_control (docs/decisions.md, "Durability on PGlite").
 */
export class DurableNodeFS extends NodeFS {
  readonly #fsync: (fd: number) => void;

  /** `fsync` is the host call, replaceable so a test can see the calls happen. */
  constructor(dataDir: string, fsync: (fd: number) => void = fsyncSync) {
    super(dataDir);
    this.#fsync = fsync;
  }

  override async init(...[pg, opts]: InitArgs): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(pg, opts);
    const fsync = this.#fsync;
    const installFsync = (mod: EmscriptenModule) => {
      // Every NODEFS node shares this one object of stream operations, per PGlite instance.
      const streamOps = (mod.NODEFS as unknown as { stream_ops: NodefsStreamOps }).stream_ops;
      streamOps.fsync = (stream) => {
        try {
          fsync(stream.nfd);
          return 0;
        } catch {
          return WASI_EIO;
        }
      };
    };
    return {
      emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), installFsync] },
    };
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

function fsyncEntries(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fsyncEntries(path);
    else if (entry.isFile()) fsyncPath(path);
  }
  fsyncPath(dir);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
