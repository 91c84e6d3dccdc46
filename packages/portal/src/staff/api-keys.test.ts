import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { authenticateApiKey, createApiKey, hashApiKey, LAST_USED_PRECISION_SECONDS } from './api-keys.ts';

const backends = await testBackends();

describe.each(backends)('API key authentication on $name', (backend) => {
  let key: string;
  /** Authenticates `bearer` through a real request context; the actor's organisation, or the error's status. */
  const authenticate = async (bearer: string) => {
    const app = new Hono();
    app.get('/', async (c) => c.text((await authenticateApiKey(c, db)).organizationId));
    app.onError((error) => new Response(null, { status: (error as { status?: number }).status ?? 500 }));
    const res = await app.request('/', { headers: { Authorization: `Bearer ${bearer}` } });
    return res.status === 200 ? await res.text() : res.status;
  };
  const lastUsed = async () => {
    const [row] = await db.query<{ last_used_at: Date | null }>(
      'SELECT last_used_at FROM api_keys WHERE key_hash = $1',
      [hashApiKey(key)],
    );
    return row?.last_used_at ?? null;
  };

  const db = useDemoDatabase(backend, {
    empty: true,
    setup: async () => {
      await db.query(
        `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category)
       VALUES ('k-school', 'Школа', 'RU', 'ru-59fz', 'education', 'school')`,
      );
      key = await createApiKey(db, 'k-school', 'test');
    },
  });

  it.skipIf(backend.skipReason !== null)(
    'records the last use at most once a minute: reads within the minute write nothing',
    async () => {
      expect(await lastUsed()).toBeNull();
      expect(await authenticate(key)).toBe('k-school');
      const first = await lastUsed();
      expect(first).not.toBeNull();
      expect(await authenticate(key)).toBe('k-school');
      expect(await lastUsed()).toEqual(first);
      // A use older than the precision is refreshed by the next request.
      await db.query(
        `UPDATE api_keys SET last_used_at = now() - make_interval(secs => $2) WHERE key_hash = $1`,
        [hashApiKey(key), LAST_USED_PRECISION_SECONDS + 5],
      );
      const stale = await lastUsed();
      expect(await authenticate(key)).toBe('k-school');
      expect((await lastUsed())?.getTime()).toBeGreaterThan(stale?.getTime() ?? 0);
    },
  );

  it.skipIf(backend.skipReason !== null)('refuses a revoked key and an unknown one', async () => {
    expect(await authenticate(`otk_${'A'.repeat(43)}`)).toBe(401);
    await db.query('UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1', [hashApiKey(key)]);
    expect(await authenticate(key)).toBe(401);
  });
});
