/**
 * Liveness and readiness. `/health/live` answers while the process serves HTTP at all (a supervisor
 * restarts it otherwise); `/health/ready` answers 200 only when the database is reachable and every
 * migration this build ships is applied (a load balancer sends no traffic before). `/health` stays
 * the database ping it always was.
 */
import { databaseReachable } from '../db/index.ts';
import type { Queryable } from '../db/types.ts';
import { loadMigrations } from '../migrations/index.ts';

/** The migration versions this build ships (read once). */
let expected: number[] | undefined;

/** Why the instance is not ready, or null when it is. */
export async function notReadyReason(db: Queryable): Promise<string | null> {
  if (!(await databaseReachable(db))) return 'The database is not reachable';
  expected ??= loadMigrations().map((m) => m.version);
  let applied: Set<number>;
  try {
    applied = new Set(
      (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
  } catch {
    return 'The database has no migrations applied';
  }
  const missing = expected.filter((version) => !applied.has(version));
  return missing.length ? `Migrations not applied: ${missing.join(', ')}` : null;
}
