import { closeSync, fsyncSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { syncFileSystem } from './fsync.ts';

type InitArgs = Parameters<NodeFS['init']>;
type EmscriptenModule = Parameters<NonNullable<InitArgs[1]['preRun']>[number]>[0];

/** An Emscripten FS node (a file or directory of the data directory, as long as it exists). */
type FsNode = object & { parent: FsNode };
/** What Emscripten's NODEFS keeps of an open file: its node and the host's file descriptor. */
interface NodefsStream {
  node: FsNode;
  nfd: number;
}
type Op = (...args: never[]) => unknown;
interface Nodefs {
  stream_ops: Record<string, Op> & { fsync?: (stream: NodefsStream) => number };
  node_ops: Record<string, Op>;
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
 *
 * After a crash Postgres first fsyncs every file of the data directory, twice (PGlite's
 * `pg_flush_data` is an fsync), before it replays the WAL: what the dead process wrote must be on the
 * disk before recovery builds on it. That is one `syncfs` here (`flushAll`, the file system holding
 * the directory) before Postgres starts; then an fsync of a file or directory this process has not
 * changed since is already done and skipped. Every change goes through the operations marked below
 * (writes, truncation, attributes, entries created, renamed or removed), so the redo's writes and the
 * end-of-recovery checkpoint are still flushed file by file.
 */
export class DurableNodeFS extends NodeFS {
  readonly #dataDir: string;
  readonly #fsync: (fd: number) => void;
  readonly #flushAll: (dir: string) => boolean;

  /**
   * `fsync` is the host call and `flushAll` the file system's flush (true when done), replaceable
   * so a test can see the calls happen.
   */
  constructor(
    dataDir: string,
    fsync: (fd: number) => void = fsyncSync,
    flushAll: (dir: string) => boolean = syncFileSystem,
  ) {
    super(dataDir);
    this.#dataDir = dataDir;
    this.#fsync = fsync;
    this.#flushAll = flushAll;
  }

  override async init(...[pg, opts]: InitArgs): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(pg, opts);
    const fsync = this.#fsync;
    // Only when Postgres is about to walk the directory; before any write of this process.
    const flushedAtStart = !shutDownCleanly(this.#dataDir) && this.#flushAll(this.#dataDir);
    /** Nodes changed by this process since the start's flush (or their last fsync). */
    const changed = new WeakSet<object>();
    const installFsync = (mod: EmscriptenModule) => {
      // Every NODEFS node shares these objects of operations, per PGlite instance.
      const nodefs = mod.NODEFS as unknown as Nodefs;
      nodefs.stream_ops.fsync = (stream) => {
        if (flushedAtStart && !changed.has(stream.node)) return 0;
        try {
          fsync(stream.nfd);
        } catch {
          return WASI_EIO;
        }
        changed.delete(stream.node);
        return 0;
      };
      if (!flushedAtStart) return;
      // What each operation changes: the node written or whose attributes change (size, mode,
      // times), the directories whose entries change, and a node created or moved.
      mark(nodefs.stream_ops, 'write', (stream: NodefsStream) => [stream.node]);
      mark(nodefs.stream_ops, 'setattr', (stream: NodefsStream) => [stream.node]);
      mark(nodefs.node_ops, 'setattr', (node: FsNode) => [node]);
      mark(
        nodefs.node_ops,
        'mknod',
        (parent: FsNode) => [parent],
        (created) => [created as FsNode],
      );
      mark(nodefs.node_ops, 'rename', (node: FsNode, newDir: FsNode) => [node, node.parent, newDir]);
      mark(nodefs.node_ops, 'unlink', (parent: FsNode) => [parent]);
      mark(nodefs.node_ops, 'rmdir', (parent: FsNode) => [parent]);
      mark(nodefs.node_ops, 'symlink', (parent: FsNode) => [parent]);
    };
    /** Wraps `ops[name]` so the nodes it changes are marked before (and, created, after) it runs. */
    function mark<Args extends unknown[]>(
      ops: Record<string, Op>,
      name: string,
      before: (...args: Args) => FsNode[],
      after: (result: unknown) => FsNode[] = () => [],
    ): void {
      const original = ops[name] as unknown as (...args: Args) => unknown;
      if (original === undefined) throw new Error(`NODEFS has no ${name} operation`);
      ops[name] = ((...args: Args) => {
        for (const node of before(...args)) changed.add(node);
        const result = original(...args);
        for (const node of after(result)) changed.add(node);
        return result;
      }) as unknown as Op;
    }
    return {
      emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), installFsync] },
    };
  }
}

/** pg_control's `state` (offset 16): DB_SHUTDOWNED and DB_SHUTDOWNED_IN_RECOVERY need no recovery. */
const SHUT_DOWN_STATES = new Set([1, 2]);

/**
 * Whether the data directory was shut down cleanly (or does not exist yet): then Postgres does not
 * walk it. Anything else, or an unreadable pg_control, counts as a crash.
 */
function shutDownCleanly(dataDir: string): boolean {
  let fd: number;
  try {
    fd = openSync(join(dataDir, 'global', 'pg_control'), 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const state = Buffer.alloc(4);
    return readSync(fd, state, 0, 4, 16) === 4 && SHUT_DOWN_STATES.has(state.readInt32LE(0));
  } finally {
    closeSync(fd);
  }
}
