/**
 * Command line: `serve`, `demo`, `create-api-key --org ID [--label TEXT]`, `create-portal-admin
 * --email ADDRESS [--name TEXT]`, `import-classifier --file CSV` (the thematic classifier of appeals,
 * `code;title` per line), `retention`, `backup --to DIR`, `restore --from DIR [--replace]`
 * (see backup/backup.ts) and
 * `generate [--organizations N] [--ratings N] [--seed N]` (the national data set for load tests).
 * Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL) or OTKLIK_DATA_DIR
 * (PGlite directory, default ./.otklik-data), PUBLIC_URL, WIDGETS_DIR, LOG_LEVEL, SITE_PORT (8788),
 * SMTP_URL and MAIL_FROM (mail delivery through the outbox), MAILBOX_PORT (demo SMTP mailbox, 2525),
 * OIDC_PORT (the demo's OpenID Connect provider "Demo ID", 8789; the demo's PUBLIC_URL defaults to
 * http://localhost:PORT, the address its provider sends browsers back to),
 * OTKLIK_OIDC_PROVIDERS (JSON array of OpenID Connect providers `{id, name, issuer, clientId,
 * clientSecret}`; unset: OpenID Connect login is off; needs PUBLIC_URL for the callback URL),
 * OTKLIK_STAFF_OIDC_PROVIDER (one JSON object of the same shape: the provider staff may sign in to the
 * console with; unset: the e-mail code only; needs PUBLIC_URL),
 * OTKLIK_SITE_CHECK_PRIVATE=1 (the settings' site check may fetch private and loopback addresses; on
 * in the demo, whose example site is on localhost), OTKLIK_WEBHOOKS_PRIVATE=1 (webhooks may be sent to
 * private and loopback addresses; on in the demo).
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RedisRateLimitStore } from './abuse/rate-limit.ts';
import { backupCommand, restoreCommand } from './backup/backup.ts';
import { type ControlCommandName, consoleUrl, runControlCommand } from './control/commands.ts';
import { controlSocketPath, sendControlCommand } from './control/socket.ts';
import { DataDirInUseError, openDatabase } from './db/index.ts';
import type { Database, DatabaseOptions } from './db/types.ts';
import { demoBanner } from './demo/banner.ts';
import { allowExampleSite, pageForPortal } from './demo/example-site.ts';
import { demoHomePage } from './demo/home-page.ts';
import { demoIdentityOptions, offerDemoIdentity, startDemoIdentity } from './demo/identity.ts';
import { startMailbox } from './demo/mailbox.ts';
import { demoMailboxPage } from './demo/mailbox-page.ts';
import { oidcProvidersFromEnv } from './identity/oidc.ts';
import { migrate } from './migrations/index.ts';
import { EXAMPLE_SITE_DIR } from './paths.ts';
import { type StaffOidcOptions, staffOidcProviderFromEnv } from './people/oidc-sign-in.ts';
import { generateNational, NATIONAL_DEFAULTS } from './seed/national.ts';
import { type Portal, startPortal } from './server.ts';
import { safeResolve } from './static.ts';

function databaseFromEnv(): DatabaseOptions {
  const url = process.env.DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: resolve(process.env.OTKLIK_DATA_DIR || '.otklik-data') };
}

function describe(db: DatabaseOptions): string {
  return db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${db.dataDir}`;
}

/** Closes everything once on SIGINT/SIGTERM, then exits. */
function closeOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.error(`${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** OTKLIK_RETENTION_YEARS: how long personal data of closed appeals is kept (default 5). */
function retainYearsFromEnv(): number {
  const years = Number(process.env.OTKLIK_RETENTION_YEARS || 5);
  if (!(years > 0)) throw new Error('OTKLIK_RETENTION_YEARS must be a positive number of years');
  return years;
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`--${name} must be a whole number`);
  return Number(value);
}

const DEFAULT_MAIL_FROM = 'Otklik <noreply@otklik.localhost>';

async function startPortalFromEnv(
  seed: 'demo' | 'none',
  extra: Partial<Parameters<typeof startPortal>[0]> = {},
  // The demo says where everything is once all of it is up, the addresses to open first (demo/banner.ts).
  announce = true,
): Promise<Portal> {
  const database = databaseFromEnv();
  // Several instances share rate-limit counters through Redis when REDIS_URL is set (else the
  // PostgreSQL table, or memory on PGlite). TRUST_PROXY=1 only behind a proxy that sets X-Forwarded-For.
  // Loaded only then: the client library takes a tenth of the portal's start-up.
  const redis = process.env.REDIS_URL
    ? await (await import('redis')).createClient({ url: process.env.REDIS_URL }).connect()
    : null;
  const portal = await startPortal({
    retainYears: retainYearsFromEnv(),
    rateLimit: {
      trustProxy: process.env.TRUST_PROXY === '1',
      ...(redis ? { store: new RedisRateLimitStore(redis) } : {}),
    },
    ...(process.env.SMTP_URL
      ? { smtp: { url: process.env.SMTP_URL, from: process.env.MAIL_FROM || DEFAULT_MAIL_FROM } }
      : {}),
    database,
    port: Number(process.env.PORT || 8787),
    host: process.env.HOST || '127.0.0.1',
    seed,
    ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
    oidc: { providers: oidcProvidersFromEnv(process.env.OTKLIK_OIDC_PROVIDERS) },
    ...staffOidcFromEnv(),
    siteCheck: { allowPrivateNetworks: seed === 'demo' || process.env.OTKLIK_SITE_CHECK_PRIVATE === '1' },
    webhooks: { allowPrivateNetworks: seed === 'demo' || process.env.OTKLIK_WEBHOOKS_PRIVATE === '1' },
    ...(process.env.WIDGETS_DIR ? { widgetsDir: resolve(process.env.WIDGETS_DIR) } : {}),
    ...(process.env.CONSOLE_DIR ? { consoleDir: resolve(process.env.CONSOLE_DIR) } : {}),
    // Last: the demo's mailbox and identity provider stand in for what the environment would name.
    ...extra,
  });
  const shown = (extra.publicUrl ?? process.env.PUBLIC_URL) || portal.url;
  if (announce) {
    console.error(`Otklik portal on ${portal.url} (${describe(database)})`);
    console.error(`API reference: ${shown}/v1/docs`);
    console.error(`Console: ${consoleUrl(shown)}`);
  }
  if (!redis) return portal;
  return { ...portal, close: () => portal.close().then(() => redis.quit().then(() => {})) };
}

/** The staff OpenID Connect provider from `OTKLIK_STAFF_OIDC_PROVIDER`, as server options. */
function staffOidcFromEnv(): { staffOidc?: StaffOidcOptions } {
  const provider = staffOidcProviderFromEnv(process.env.OTKLIK_STAFF_OIDC_PROVIDER);
  return provider === null ? {} : { staffOidc: { provider } };
}

/** A plain static server for examples/site: the "school site", a foreign origin to the portal. */
function serveExampleSite(port: number, portalUrl: string): Promise<Server> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.json': 'application/json',
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    let file = safeResolve(EXAMPLE_SITE_DIR, path.endsWith('/') ? `${path}index.html` : path);
    try {
      if (file && (await stat(file)).isDirectory())
        file = safeResolve(EXAMPLE_SITE_DIR, `${path}/index.html`);
      if (!file) throw new Error('outside');
      const raw = await readFile(file);
      // The pages name the default portal address; served here they name this portal's.
      const body = extname(file) === '.html' ? pageForPortal(raw.toString('utf8'), portalUrl) : raw;
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Not found. The example site is served from ${EXAMPLE_SITE_DIR}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The portal's address as a command run without it names it: PUBLIC_URL, or where a portal started
 * with this environment listens — `localhost` unless HOST says otherwise, which reaches both `serve`
 * (on 127.0.0.1) and the demo (whose PUBLIC_URL defaults to http://localhost:PORT).
 */
function publicUrlFromEnv(): string {
  return process.env.PUBLIC_URL || `http://${process.env.HOST || 'localhost'}:${process.env.PORT || 8787}`;
}

/**
 * Runs an operator command on the database: directly, or — when a running portal holds the PGlite
 * directory — inside that portal through its control socket, so commands work with the demo running.
 */
async function runCommand(name: ControlCommandName, input: unknown): Promise<unknown> {
  const database = databaseFromEnv();
  let db: Database;
  try {
    db = await openDatabase(database);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(`The portal (PID ${error.pid}) has ${error.dataDir} open: asking it to run ${name}.`);
    return sendControlCommand(controlSocketPath(error.dataDir), name, input);
  }
  try {
    await migrate(db);
    return await runControlCommand(db, name, input, { publicUrl: publicUrlFromEnv() });
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  // `pnpm run x -- --flag` passes the `--` on (pnpm 12): an end-of-options marker before any
  // argument would turn every flag into a positional, so a leading one is dropped.
  const args = process.argv.slice(2);
  const [command, ...rest] = args[0] === '--' ? args.slice(1) : args;
  if (rest[0] === '--') rest.shift();
  switch (command) {
    case 'serve': {
      const portal = await startPortalFromEnv(process.env.SEED === 'demo' ? 'demo' : 'none');
      closeOnSignals(() => portal.close());
      return;
    }
    case 'demo': {
      // Mail goes to a local catch-all mailbox whose messages the portal shows at /demo/mailbox.
      const mailbox = await startMailbox({ port: Number(process.env.MAILBOX_PORT || 2525) });
      // The provider's redirect URIs and the console's callback need the address the browser uses:
      // the one the README and this banner name (the portal then takes writes from that origin only).
      const publicUrl = (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 8787}`).replace(
        /\/+$/,
        '',
      );
      const idp = await startDemoIdentity(Number(process.env.OIDC_PORT || 8789), publicUrl);
      const sitePort = Number(process.env.SITE_PORT || 8788);
      const addresses = { publicUrl, siteUrl: `http://localhost:${sitePort}`, idp: idp.issuer };
      const portal = await startPortalFromEnv(
        'demo',
        {
          smtp: { url: `smtp://127.0.0.1:${mailbox.port}`, from: DEFAULT_MAIL_FROM, intervalMs: 1000 },
          demoMailboxPage: demoMailboxPage(mailbox),
          demoHomePage: demoHomePage(addresses),
          publicUrl,
          ...demoIdentityOptions(
            idp,
            oidcProvidersFromEnv(process.env.OTKLIK_OIDC_PROVIDERS),
            staffOidcProviderFromEnv(process.env.OTKLIK_STAFF_OIDC_PROVIDER),
          ),
        },
        false,
      ).catch(async (error: unknown) => {
        await idp.close();
        await mailbox.close();
        throw error;
      });
      await offerDemoIdentity(portal.db);
      await allowExampleSite(portal.db, sitePort);
      const site = await serveExampleSite(sitePort, publicUrl);
      console.log(
        demoBanner(addresses, {
          portal: `${portal.url} (${describe(databaseFromEnv())})`,
          mailbox: `127.0.0.1:${mailbox.port}`,
          site: EXAMPLE_SITE_DIR,
        }),
      );
      closeOnSignals(async () => {
        await new Promise<void>((resolve) => site.close(() => resolve()));
        await portal.close();
        await idp.close();
        await mailbox.close();
      });
      return;
    }
    case 'create-api-key': {
      const { values } = parseArgs({
        args: rest,
        options: { org: { type: 'string' }, label: { type: 'string' } },
      });
      if (!values.org) throw new Error('Usage: create-api-key --org ORGANIZATION_ID [--label TEXT]');
      const { key } = (await runCommand('create-api-key', {
        org: values.org,
        ...(values.label === undefined ? {} : { label: values.label }),
      })) as { key: string };
      console.error(`New API key for ${values.org} (shown once; only its hash is stored):`);
      console.log(key);
      return;
    }
    case 'create-portal-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, name: { type: 'string' } },
      });
      if (!values.email) throw new Error('Usage: create-portal-admin --email ADDRESS [--name TEXT]');
      // The running portal names its own address (its PUBLIC_URL); without one, this environment's.
      const { email, signInUrl } = (await runCommand('create-portal-admin', {
        email: values.email,
        ...(values.name === undefined ? {} : { name: values.name }),
      })) as { email: string; signInUrl: string };
      console.log(
        `${email} is a portal administrator.\nSign in: ${signInUrl} with this address; ` +
          'a one-time code arrives by e-mail (the demo shows it at /demo/mailbox).',
      );
      return;
    }
    case 'import-classifier': {
      const { values } = parseArgs({ args: rest, options: { file: { type: 'string' } } });
      if (!values.file)
        throw new Error('Usage: import-classifier --file CLASSIFIER.csv (code;title per line)');
      const result = await runCommand('import-classifier', { csv: await readFile(values.file, 'utf8') });
      console.log(JSON.stringify(result));
      return;
    }
    case 'retention': {
      // Runs the personal-data retention once (the portal also runs it daily), printing what it removed.
      const report = await runCommand('retention', { retainYears: retainYearsFromEnv() });
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    case 'backup': {
      // The whole portal (database and attachment files) into a new directory; the portal may run.
      const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } } });
      if (!values.to) throw new Error('Usage: backup --to DIRECTORY (absent or empty)');
      const manifest = await backupCommand(databaseFromEnv(), values.to, (dataDir, to) => {
        console.error(`The running portal has ${dataDir} open: asking it to write the backup.`);
        return sendControlCommand(controlSocketPath(dataDir), 'backup', { to });
      });
      console.log(JSON.stringify(manifest, null, 2));
      return;
    }
    case 'restore': {
      // With the portal stopped; --replace overwrites the database (PGlite: moves the directory aside).
      const { values } = parseArgs({
        args: rest,
        options: { from: { type: 'string' }, replace: { type: 'boolean' } },
      });
      if (!values.from) throw new Error('Usage: restore --from DIRECTORY [--replace]');
      const report = await restoreCommand(databaseFromEnv(), values.from, {
        replace: values.replace === true,
      });
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    case 'generate': {
      // Replaces any earlier generated set (ids gen-…); the demo organisations are left alone.
      const { values } = parseArgs({
        args: rest,
        options: { organizations: { type: 'string' }, ratings: { type: 'string' }, seed: { type: 'string' } },
      });
      const db = await openDatabase(databaseFromEnv());
      try {
        await migrate(db);
        const report = await generateNational(db, {
          organizations: wholeNumber('organizations', values.organizations, NATIONAL_DEFAULTS.organizations),
          ratings: wholeNumber('ratings', values.ratings, NATIONAL_DEFAULTS.ratings),
          seed: wholeNumber('seed', values.seed, NATIONAL_DEFAULTS.seed),
          onProgress: (message) => console.error(message),
        });
        console.log(JSON.stringify(report, null, 2));
      } finally {
        await db.close();
      }
      return;
    }
    default:
      console.error(
        'Usage: cli.ts serve | demo | create-api-key --org ID [--label TEXT] | ' +
          'create-portal-admin --email ADDRESS [--name TEXT] | import-classifier --file CSV | retention | ' +
          'backup --to DIR | restore --from DIR [--replace] | ' +
          'generate [--organizations N] [--ratings N] [--seed N]',
      );
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
