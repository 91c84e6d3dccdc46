import pg from 'pg';
import type { Database, Queryable } from './types.ts';

/** PostgreSQL through a `pg` pool: the deployment for several instances sharing one database. */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const onClient = (client: pg.PoolClient | pg.Pool): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, [...params])).rows as Row[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  });
  /**
   * A transaction's one connection, its statements in turn: callers may start reads together
   * (`Promise.all`, as outside a transaction, where each takes a pooled connection), and pg
   * deprecates a second query on a client still running one.
   */
  const inTurn = (client: pg.PoolClient): Queryable => {
    const direct = onClient(client);
    let last: Promise<unknown> = Promise.resolve();
    const next = <T>(run: () => Promise<T>): Promise<T> => {
      const result = last.then(run, run);
      last = result.catch(() => {});
      return result;
    };
    return {
      query: (sql, params) => next(() => direct.query(sql, params)),
      exec: (sql) => next(() => direct.exec(sql)),
    };
  };
  // Fail at start, not at the first request, when the database is unreachable.
  await pool.query('SELECT 1');
  let closed = false;
  return {
    kind: 'postgres',
    ...onClient(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(inTurn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
