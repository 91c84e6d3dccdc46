/**
 * The portal for the rating bench, in its own process: `pglite <dir>` or `postgres <url>`, on a
 * database the bench filled. Bench-only settings: rate limits off (one client sends thousands of
 * ratings; limits are tested elsewhere) and an easy proof of work (the bench solves one per rating
 * before the timed part; checking a solution costs the server one hash whatever the difficulty).
 * Prints the URL once listening; exits on SIGTERM.
 */
import { startPortal } from '../src/index.ts';

const [mode, target] = process.argv.slice(2);
if ((mode !== 'pglite' && mode !== 'postgres') || !target) {
  console.error('Usage: ratings-server.ts pglite <dir> | postgres <url>');
  process.exit(2);
}

const portal = await startPortal({
  database: mode === 'postgres' ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target },
  port: 0,
  seed: 'none',
  logger: { log() {} },
  rateLimit: false,
  pow: { maxNumber: 1_000 },
});
console.log(portal.url);
process.once('SIGTERM', () => portal.close().then(() => process.exit(0)));
