import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export function testPgAdminUrl(): string {
  return process.env.OTKLIK_TEST_PG_URL || DEFAULT_TEST_PG_URL;
}

export function postgresSkipReason(url = testPgAdminUrl()): string {
  return `PostgreSQL not reachable at ${redact(url)}; start it or set OTKLIK_TEST_PG_URL`;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function adminClient(url: string): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    // On CI an unreachable PostgreSQL is a failure, never a silent skip.
    if (process.env.CI === 'true') {
      throw new Error(`${postgresSkipReason(url)} (CI=true: failing instead of skipping)`, { cause: error });
    }
    return null;
  }
}

/**
 * Creates a fresh, uniquely named database on the test PostgreSQL and returns its URL and a drop
 * function; null when PostgreSQL is unreachable (tests then skip with {@link postgresSkipReason}),
 * except under CI=true, where it throws.
 */
export async function createTestDatabase(adminUrl = testPgAdminUrl()): Promise<TestDatabase | null> {
  const admin = await adminClient(adminUrl);
  if (admin === null) return null;
  const name = `otklik_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = await adminClient(adminUrl);
      if (client === null) return;
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Whether the test PostgreSQL answers (throws under CI=true when it does not). */
export async function postgresReachable(adminUrl = testPgAdminUrl()): Promise<boolean> {
  const client = await adminClient(adminUrl);
  if (client === null) return false;
  await client.end();
  return true;
}
