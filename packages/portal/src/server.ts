import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createIntakeGuard, type IntakeGuardOptions } from './abuse/intake-guard.ts';
import type { PowOptions } from './abuse/pow.ts';
import { MemoryRateLimitStore, PostgresRateLimitStore, type RateLimitStore } from './abuse/rate-limit.ts';
import { createApp, type DemoPage } from './app.ts';
import { deleteExpiredUploads, deleteUnreferencedFiles } from './attachments/store.ts';
import { controlSocketPath, listenControlSocket } from './control/socket.ts';
import { openDatabase } from './db/index.ts';
import type { Database, DatabaseOptions } from './db/types.ts';
import { runStaffNotices } from './desk/notices.ts';
import { answerClientErrors } from './http/client-error.ts';
import type { OidcOptions } from './identity/oidc.ts';
import { createLogger, type Logger } from './log.ts';
import {
  type MailTransport,
  type OutboxWorker,
  smtpTransport,
  startOutboxWorker,
} from './mail/outbox-worker.ts';
import { migrate } from './migrations/index.ts';
import type { SiteCheckOptions } from './organizations/site-check.ts';
import type { StaffOidcOptions } from './people/oidc-sign-in.ts';
import { runRetention } from './retention/retention.ts';
import { createKeyRing } from './security/keys.ts';
import { seedDemo } from './seed/demo.ts';
import { seedDemoPeople } from './seed/demo-people.ts';
import { startWebhookWorker, type WebhookOptions } from './webhooks/worker.ts';

export interface PortalOptions {
  database: DatabaseOptions;
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: 'demo' | 'none';
  /** Directory with `otklik.js` and `widgets/`; default `<repo root>/dist/widgets`. */
  widgetsDir?: string;
  /** Directory with the console's build; default `<repo root>/dist/console`. */
  consoleDir?: string;
  /** The URL clients use to reach the portal; default the listening address. */
  publicUrl?: string;
  logger?: Logger;
  /** Mail delivery: the outbox worker runs when this is set (SMTP_URL, MAIL_FROM in the CLI). */
  smtp?: { url: string; from: string; transport?: MailTransport; intervalMs?: number };
  pow?: PowOptions;
  /** Demo only: the page served at /demo/mailbox (see demo/mailbox-page.ts). */
  demoMailboxPage?: DemoPage;
  /** Demo only: serves GET / with this page (see demo/home-page.ts). */
  demoHomePage?: DemoPage;
  /** Bearer token for `/metrics` (default `OTKLIK_METRICS_TOKEN`; unset: direct loopback only). */
  metricsToken?: string;
  /** OpenID Connect login providers (off unless some are given and `publicUrl` is set). */
  oidc?: OidcOptions;
  /** The OpenID Connect provider staff may sign in with (off unless given and `publicUrl` is set). */
  staffOidc?: StaffOidcOptions;
  /** The settings' live check of a site page (e.g. `allowPrivateNetworks` on an intranet or the demo). */
  siteCheck?: SiteCheckOptions;
  /** Webhooks: `allowPrivateNetworks` (OTKLIK_WEBHOOKS_PRIVATE=1), the worker's timing. */
  webhooks?: WebhookOptions;
  /**
   * Rate limits of the appeal intake; `false` turns them off. The store defaults to one in memory on
   * PGlite (one process) and to a table on PostgreSQL, shared by every instance.
   */
  /** Years the personal data of a closed appeal is kept (default 5; `OTKLIK_RETENTION_YEARS`). */
  retainYears?: number;
  rateLimit?: false | { store?: RateLimitStore; trustProxy?: boolean; limits?: IntakeGuardOptions['limits'] };
}

export interface Portal {
  readonly url: string;
  readonly db: Database;
  /** The outbox worker, when `smtp` was given. */
  readonly outbox: OutboxWorker | null;
  close(): Promise<void>;
}

/** Opens the database, migrates it, optionally seeds the demo data and starts listening. */
export async function startPortal(options: PortalOptions): Promise<Portal> {
  const logger = options.logger ?? createLogger();
  const db = await openDatabase(options.database);
  try {
    const applied = await migrate(db);
    if (applied.length) logger.log('info', 'migrations applied', { versions: applied });
    if (options.seed === 'demo') await seedDemo(db).then(() => seedDemoPeople(db));
  } catch (error) {
    await db.close();
    throw error;
  }
  const host = options.host ?? '127.0.0.1';
  const keys = createKeyRing(db);
  // Load the key now, outside any transaction: on PGlite a first load inside a filing's transaction
  // waits for that very transaction (after a restart, a retried filing that carried its proof of work
  // hung the portal).
  await keys.sign('startup', '');
  const limits = options.rateLimit ?? {};
  const intakeGuard =
    limits === false
      ? undefined
      : createIntakeGuard({
          store:
            limits.store ??
            (db.kind === 'postgres' ? new PostgresRateLimitStore(db) : new MemoryRateLimitStore()),
          trustProxy: limits.trustProxy ?? false,
          hashAddress: (address) => keys.sign('rate-limit', address),
          ...(limits.limits === undefined ? {} : { limits: limits.limits }),
        });
  const app = createApp({
    db,
    logger,
    keys,
    ...(intakeGuard === undefined ? {} : { intakeGuard }),
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    ...(options.widgetsDir === undefined ? {} : { widgetsDir: options.widgetsDir }),
    ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    ...(options.pow === undefined ? {} : { pow: options.pow }),
    ...(options.demoMailboxPage === undefined ? {} : { demoMailboxPage: options.demoMailboxPage }),
    ...(options.demoHomePage === undefined ? {} : { demoHomePage: options.demoHomePage }),
    ...(options.oidc === undefined ? {} : { oidc: options.oidc }),
    ...(options.staffOidc === undefined ? {} : { staffOidc: options.staffOidc }),
    ...(options.siteCheck === undefined ? {} : { siteCheck: options.siteCheck }),
    ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
    ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
  });
  if (options.oidc?.providers.length && options.publicUrl === undefined) {
    logger.log('warn', 'OpenID Connect providers are configured but PUBLIC_URL is not: login is off');
  }
  if (options.staffOidc && options.publicUrl === undefined) {
    logger.log('warn', 'A staff OpenID Connect provider is configured but PUBLIC_URL is not: it is off');
  }
  let server: ReturnType<typeof serve>;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, resolve);
    server.once('error', reject);
    answerClientErrors(server);
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  // Commands from the shell reach a PGlite portal through its control socket (the directory is locked).
  const control =
    options.database.kind === 'pglite' && options.database.dataDir !== undefined
      ? await listenControlSocket(controlSocketPath(resolve(options.database.dataDir)), db, {
          publicUrl: options.publicUrl ?? url,
        })
      : null;
  const smtp = options.smtp;
  const outbox = smtp
    ? startOutboxWorker({
        db,
        keys,
        transport: smtp.transport ?? smtpTransport(smtp.url),
        from: smtp.from,
        logger,
        ...(smtp.intervalMs === undefined ? {} : { intervalMs: smtp.intervalMs }),
      })
    : null;
  const webhooks = startWebhookWorker(db, keys, { ...options.webhooks, logger });
  // Uploads no appeal took are deleted once expired (any instance may do it; the DELETE is idempotent),
  // then the stored files no row references any more (PGlite's file store).
  const sweep = setInterval(() => {
    deleteExpiredUploads(db)
      .then(async (deleted) => {
        if (deleted > 0) logger.log('info', 'expired uploads deleted', { count: deleted });
        const files = await deleteUnreferencedFiles(db);
        if (files > 0) logger.log('info', 'unreferenced files deleted', { count: files });
      })
      .catch((error: unknown) => logger.log('error', 'upload sweep failed', { error: String(error) }));
  }, 60 * 60_000);
  sweep.unref();
  // Personal data of long-closed appeals is erased once a day (one transaction; any instance may run it).
  const retention = setInterval(
    () => {
      // The files of erased attachments go at once too (PGlite's file store), not at the next sweep.
      runRetention(db, options.retainYears === undefined ? {} : { retainYears: options.retainYears })
        .then(async (report) => {
          logger.log('info', 'retention run', { ...report, filesDeleted: await deleteUnreferencedFiles(db) });
        })
        .catch((error: unknown) => logger.log('error', 'retention failed', { error: String(error) }));
    },
    24 * 60 * 60_000,
  );
  retention.unref();
  // Staff mail (new appeals, messages, deadlines, digests) every five minutes; notices are unique, any
  // instance may run it. The approval's steps mail at once, in their own transaction (desk/card-routes.ts).
  const notices = setInterval(() => {
    runStaffNotices(db, new Date(), options.publicUrl).catch((error: unknown) =>
      logger.log('error', 'staff notices failed', { error: String(error) }),
    );
  }, 5 * 60_000);
  notices.unref();
  let closing: Promise<void> | undefined;
  return {
    url,
    db,
    outbox,
    close() {
      // Stop accepting, let in-flight requests finish (idle keep-alive sockets are closed), then
      // close the database, which also releases the PGlite directory lock.
      clearInterval(sweep);
      clearInterval(retention);
      clearInterval(notices);
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      })
        .then(() => control?.close())
        .then(() => outbox?.stop())
        .then(() => webhooks.stop())
        .then(() => db.close());
      return closing;
    },
  };
}
