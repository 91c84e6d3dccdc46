/**
 * A PostgreSQL database a benchmark keeps between runs (BENCH_REUSE=1), on the test PostgreSQL
 * (OTKLIK_TEST_PG_URL or the default), created when missing. Null when PostgreSQL is unreachable.
 */
import pg from 'pg';
import { testPgAdminUrl } from '../src/testing/postgres.ts';

export async function keptPostgresDatabase(
  name: string,
  adminUrl = testPgAdminUrl(),
): Promise<string | null> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    await admin.end().catch(() => {});
    return null;
  }
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
