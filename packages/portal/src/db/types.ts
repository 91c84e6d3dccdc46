/**
 * The one query layer every part of the portal goes through. Plain parameterised SQL, so the same
 * statements run on PGlite (embedded) and on PostgreSQL; nothing above this interface knows which.
 */
import type { FileStore } from './file-store.ts';

export interface Queryable {
  /** One statement with `$1…$n` parameters; returns the rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements without parameters (migrations, seed scripts). */
  exec(sql: string): Promise<void>;
  /**
   * Where attachment contents live outside the tables: PGlite with a data directory (see
   * file-store.ts). Absent: in the tables (`attachment_chunks`), as on PostgreSQL.
   */
  readonly files?: FileStore;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PGlite only: a gzipped tarball of the data directory, taken while no statement runs and after a
   * checkpoint, so it is consistent even while the portal serves requests (the backup command).
   */
  dumpDataDir?: () => Promise<Blob>;
}

export type DatabaseOptions = { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string };
