import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Database, DatabaseOptions, Queryable } from './types.ts';

export { DataDirInUseError } from './lock.ts';
export type { Database, DatabaseOptions, Queryable } from './types.ts';

export function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options.url) : openPglite(options.dataDir);
}

/** Whether the database answers (the health check). */
export async function databaseReachable(db: Queryable): Promise<boolean> {
  try {
    await db.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
