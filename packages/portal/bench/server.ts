/**
 * One server for the benchmark, in its own process so the load generator does not share its
 * event loop: `bare` (a Hono "hello") or the portal on `pglite [data directory]` / `postgres <url>`.
 * Prints the URL on stdout once listening; exits on SIGTERM.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startPortal } from '../src/index.ts';

const [mode, pgUrl] = process.argv.slice(2);

if (mode === 'bare') {
  const app = new Hono().get('/', (c) => c.text('hello'));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    console.log(`http://127.0.0.1:${info.port}`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const portal = await startPortal({
    database:
      mode === 'postgres' && pgUrl
        ? { kind: 'postgres', url: pgUrl }
        : { kind: 'pglite', ...(pgUrl ? { dataDir: pgUrl } : {}) },
    port: 0,
    seed: 'demo',
    logger: { log() {} },
    // The read limit runs (its cost is measured) but one load generator's address is not refused.
    rateLimit: { limits: { 'public-read': { perClient: 1e9, perOrganization: 1e9, windowMs: 60_000 } } },
  });
  console.log(portal.url);
  process.once('SIGTERM', () => portal.close().then(() => process.exit(0)));
}
