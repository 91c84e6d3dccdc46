/**
 * One portal in its own process, as the operations scripts (tests/ops) kill and restart it: run from
 * the production bundle (dist/portal-process.js, sharing its code with dist/cli.js; see build.ts).
 * Configured by the JSON in OTKLIK_TEST_PORTAL (see PortalProcessConfig); prints
 * `READY <url> <process ms> <portal ms> <portal cpu ms>` on stdout once it serves: the time since the
 * process started (Node and loading the bundle included), the time startPortal took (database
 * opened and recovered, migrations checked, listening) and the CPU time it used (what a busy machine
 * cannot stretch). SIGTERM closes it cleanly.
 */
import type { IntakeGuardOptions } from '../abuse/intake-guard.ts';
import { RedisRateLimitStore } from '../abuse/rate-limit.ts';
import type { DatabaseOptions } from '../db/types.ts';
import { createLogger } from '../log.ts';
import { startPortal } from '../server.ts';

export interface PortalProcessConfig {
  database: DatabaseOptions;
  port: number;
  /** Rate limits: off, or shared through Redis at this URL, with the client's address from X-Forwarded-For. */
  rateLimit:
    | false
    | { redisUrl: string; prefix: string; trustProxy: boolean; limits?: IntakeGuardOptions['limits'] };
  /** The outbox worker delivers to this SMTP server. */
  smtpUrl?: string;
  powMaxNumber?: number;
  publicUrl?: string;
  /** Seed the demo data (the first start); restarts skip it, as a production restart does. */
  seed?: boolean;
}

const config = JSON.parse(process.env.OTKLIK_TEST_PORTAL ?? '') as PortalProcessConfig;
// Loaded only when used, as the command line does (it takes a tenth of the start-up).
const redis =
  config.rateLimit === false
    ? null
    : await (await import('redis')).createClient({ url: config.rateLimit.redisUrl }).connect();
const opening = performance.now();
const cpuBefore = process.cpuUsage();
const portal = await startPortal({
  database: config.database,
  port: config.port,
  seed: config.seed ? 'demo' : 'none',
  logger: createLogger('error'),
  pow: { maxNumber: config.powMaxNumber ?? 1000 },
  ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  rateLimit:
    config.rateLimit === false || redis === null
      ? false
      : {
          store: new RedisRateLimitStore(redis, { prefix: config.rateLimit.prefix }),
          trustProxy: config.rateLimit.trustProxy,
          ...(config.rateLimit.limits ? { limits: config.rateLimit.limits } : {}),
        },
  ...(config.smtpUrl
    ? { smtp: { url: config.smtpUrl, from: 'Otklik <noreply@otklik.test>', intervalMs: 200 } }
    : {}),
});
const now = performance.now();
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
process.stdout.write(`READY ${portal.url} ${Math.round(now)} ${Math.round(now - opening)} ${cpuMs}\n`);
process.once('SIGTERM', () => {
  portal
    .close()
    .then(() => redis?.quit())
    .then(() => process.exit(0));
});
