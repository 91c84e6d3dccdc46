import { endpoints } from '@otklik/client/contract';
import { Hono } from 'hono';
import type { IntakeGuard } from './abuse/intake-guard.ts';
import type { PowOptions } from './abuse/pow.ts';
import { registerChallengeRoutes } from './abuse/routes.ts';
import { authenticateApplicant } from './appeals/applicant.ts';
import { counterFastPath } from './appeals/counter-fast-path.ts';
import { registerDeskRoutes } from './appeals/desk-routes.ts';
import { createCounterCache, registerAppealRoutes } from './appeals/routes.ts';
import { registerAttachmentRoutes } from './attachments/routes.ts';
import { registerCalendarRoutes } from './calendars/routes.ts';
import { registerConsole } from './console/serve.ts';
import { databaseReachable } from './db/index.ts';
import type { Database } from './db/types.ts';
import { type DemoLanguage, demoLanguage } from './demo/page-language.ts';
import { registerDeskCardRoutes } from './desk/card-routes.ts';
import { Router } from './http/endpoint.ts';
import { answerFirst } from './http/fast-path.ts';
import { requestHeader, send } from './http/headers.ts';
import { idempotencyStore } from './http/idempotency.ts';
import { observeRequests } from './http/observe.ts';
import { ProblemError, problemResponse } from './http/problem.ts';
import { sendJson } from './http/respond.ts';
import { refuseMalformedUrl } from './http/url.ts';
import { OidcLogin, type OidcOptions } from './identity/oidc.ts';
import { registerOidcPages } from './identity/oidc-pages.ts';
import { registerIdentityRoutes } from './identity/routes.ts';
import { createLogger, type Logger } from './log.ts';
import { buildOpenApiDocument } from './openapi/document.ts';
import { DOCS_CSP, renderDocsHtml } from './openapi/html.ts';
import { createMetrics } from './operations/metrics.ts';
import { registerOperationsRoutes } from './operations/routes.ts';
import { AccessStore } from './organizations/access.ts';
import { registerDirectoryRoutes } from './organizations/routes.ts';
import { DEFAULT_PORTAL_LIMITS } from './organizations/settings.ts';
import { registerSettingsRoutes } from './organizations/settings-routes.ts';
import type { SiteCheckOptions } from './organizations/site-check.ts';
import { registerConsentPage } from './pages/consent-page.ts';
import { registerEmbedPreview } from './pages/embed-preview.ts';
import { registerRatePage } from './pages/rate-page.ts';
import { DEFAULT_CONSOLE_DIR, DEFAULT_WIDGETS_DIR } from './paths.ts';
import { type StaffOidcOptions, StaffOidcSignIn } from './people/oidc-sign-in.ts';
import { registerPeopleRoutes } from './people/routes.ts';
import { createRatingCaches, type RatingCaches, registerRatingRoutes } from './ratings/routes.ts';
import { registerStaffRatingRoutes } from './ratings/staff-routes.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { createKeyRing, type KeyRing } from './security/keys.ts';
import { createStaffGate } from './staff/gate.ts';
import { consoleSessionState } from './staff/sessions.ts';
import { registerWidgetRoutes } from './static.ts';
import { registerWebhookRoutes } from './webhooks/routes.ts';
import type { WebhookOptions } from './webhooks/worker.ts';

/** A page the demo adds, in the visitor's language, with the Content-Security-Policy it needs (its style's hash). */
export interface DemoPage {
  render(language: DemoLanguage): string;
  csp: string;
}

export interface AppOptions {
  db: Database;
  /** The portal's public URL (its own origin is allowed to read directory data). */
  publicUrl?: string;
  widgetsDir?: string;
  /** The console's build (`index.html`, `assets/`); default `<repo root>/dist/console`. */
  consoleDir?: string;
  logger?: Logger;
  /** HMAC keys; default from OTKLIK_SECRET or the key kept in the database. */
  keys?: KeyRing;
  /** Proof-of-work difficulty and lifetime. */
  pow?: PowOptions;
  /** Clock for registration dates (tests). */
  now?: () => Date;
  /** Rate-limiting hook for the intake endpoints (see abuse/intake-guard.ts). */
  intakeGuard?: IntakeGuard;
  /**
   * OpenID Connect login providers. Off unless at least one provider is configured and `publicUrl`
   * is set (the callback URL registered with the provider is `{publicUrl}/v1/identity/oidc/callback`).
   */
  oidc?: OidcOptions;
  /**
   * The OpenID Connect provider staff may sign in with. Off unless given and `publicUrl` is set (the
   * redirect URI registered with the provider is `{publicUrl}/console/sign-in/oidc`).
   */
  staffOidc?: StaffOidcOptions;
  /** The live check of a site page (settings): e.g. allow private networks on an intranet or in tests. */
  siteCheck?: SiteCheckOptions;
  /** Webhooks to document systems (e.g. `allowPrivateNetworks` for an intranet or tests). */
  webhooks?: WebhookOptions;
  /** Demo only: serves GET /demo/mailbox with this page (see demo/mailbox-page.ts). */
  demoMailboxPage?: DemoPage;
  /** Demo only: serves GET / with this page, where everything is (demo/home-page.ts). */
  demoHomePage?: DemoPage;
  /** The rating reads' caches (default: the app's own); the rating bench empties them between samples. */
  ratingCaches?: RatingCaches;
  /** Bearer token for `/metrics` (default `OTKLIK_METRICS_TOKEN`; unset: direct loopback only). */
  metricsToken?: string;
}

/**
 * The whole HTTP application, independent of how it is served (tests call `app.request`): every
 * feature registers its endpoints of the contract on one router, over the gates the features supply
 * (origins from organisations, appeal secrets from appeals, staff actors from staff).
 */
export function createApp(options: AppOptions): Hono {
  const { db, intakeGuard: guard, now } = options;
  const logger = options.logger ?? createLogger();
  const app = new Hono();
  const access = new AccessStore(db);
  const counterCache = createCounterCache();
  const ratingCaches = options.ratingCaches ?? createRatingCaches();
  const keys = options.keys ?? createKeyRing(db);
  const origins = { access, publicOrigin: options.publicUrl ? new URL(options.publicUrl).origin : null };
  const router = new Router(app, {
    origins,
    appealSecret: (c, appealId) => authenticateApplicant(c, db, appealId),
    staff: createStaffGate(db, keys, now),
    idempotency: idempotencyStore(db, keys),
  });

  const metrics = createMetrics(db);
  const observer = observeRequests(logger, metrics);
  app.use('*', observer.middleware);
  app.use('*', refuseMalformedUrl);
  registerOperationsRoutes(router, { db, metrics, metricsToken: options.metricsToken });

  router.get('/health', async (c) => {
    if (!(await databaseReachable(db))) {
      throw new ProblemError(503, 'service-unavailable', 'The database is not reachable');
    }
    return sendJson(c, { status: 'ok' }, false);
  });

  // Built at the first request for them, not at start: 50–100 ms of CPU a restart need not wait for.
  let docs: { json: string; html: string } | undefined;
  const apiDocs = () => {
    if (docs === undefined) {
      const document = buildOpenApiDocument(options.publicUrl);
      docs = { json: JSON.stringify(document), html: renderDocsHtml(document) };
    }
    return docs;
  };
  router.get('/v1/openapi.json', (c) =>
    send(c, apiDocs().json, 200, {
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=300',
      'Content-Type': 'application/json; charset=utf-8',
    }),
  );
  router.get('/v1/docs', (c) =>
    send(c, apiDocs().html, 200, {
      'Content-Security-Policy': DOCS_CSP,
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'public, max-age=300',
      'Content-Type': 'text/html; charset=utf-8',
    }),
  );

  const oidc =
    options.oidc && options.oidc.providers.length > 0 && options.publicUrl
      ? new OidcLogin(db, keys, options.oidc, options.publicUrl)
      : null;
  const oidcProviders = oidc ? (enabled: readonly string[]) => oidc.providersFor(enabled) : undefined;
  if (oidc) registerOidcPages(router, oidc, guard);

  registerDirectoryRoutes(router, { db, oidcProviders, publicUrl: options.publicUrl, guard });
  registerChallengeRoutes(router, { keys, pow: options.pow, guard });
  registerIdentityRoutes(router, { db, keys, guard });
  registerAppealRoutes(router, { db, keys, counterCache, now, guard });
  registerAttachmentRoutes(router, { db, guard, now });
  registerRatingRoutes(router, { db, keys, caches: ratingCaches, now, guard });
  registerDeskRoutes(router, db, now);
  registerDeskCardRoutes(router, {
    db,
    now,
    onAnswered: (id) => counterCache.deletePrefix(`${id}|`),
    publicUrl: options.publicUrl,
  });
  registerCalendarRoutes(router, db);
  registerStaffRatingRoutes(router, db);
  registerReportRoutes(router, db, now);
  registerWebhookRoutes(router, db, keys, options.webhooks);
  registerSettingsRoutes(router, {
    db,
    oidcProviders,
    publicUrl: options.publicUrl,
    siteCheck: options.siteCheck,
    now,
    limits: {
      ...DEFAULT_PORTAL_LIMITS,
      oidcProviders: oidc ? oidc.providersFor((options.oidc?.providers ?? []).map((p) => p.id)) : [],
    },
    onOrganizationChanged: (id) => {
      access.invalidate(id);
      counterCache.deletePrefix(`${id}|`);
      ratingCaches.summaries.deletePrefix(`${id}|`);
    },
  });
  const staffOidc =
    options.staffOidc && options.publicUrl
      ? new StaffOidcSignIn(db, keys, options.staffOidc, options.publicUrl)
      : undefined;
  registerPeopleRoutes(router, { db, keys, now, publicUrl: options.publicUrl, guard, oidc: staffOidc });
  router.assertServes(endpoints);

  // The demo's own pages, in the visitor's language among ru, be and en (demo/page-language.ts).
  const demoPages = [
    ['/demo/mailbox', options.demoMailboxPage],
    ['/', options.demoHomePage],
  ] as const;
  for (const [path, page] of demoPages) {
    if (page === undefined) continue;
    router.get(path, (c) => {
      const language = demoLanguage(requestHeader(c, 'accept-language'), c.req.query('lang'));
      return send(c, page.render(language), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Language': language,
        Vary: 'Accept-Language',
        'Content-Security-Policy': page.csp,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
    });
  }
  registerRatePage(router, db);
  registerConsentPage(router, db);
  registerEmbedPreview(router);
  registerWidgetRoutes(router, options.widgetsDir ?? DEFAULT_WIDGETS_DIR);
  registerConsole(router, options.consoleDir ?? DEFAULT_CONSOLE_DIR, {
    sessionState: (c) => consoleSessionState(c, db, keys, now?.() ?? new Date()),
  });

  app.notFound((c) => {
    const allowed = router.routes.allowed(c.req.path);
    if (allowed.length > 0) {
      return problemResponse(
        c,
        new ProblemError(405, 'method-not-allowed', `Use ${allowed.join(', ')}`, undefined, {
          Allow: allowed.join(', '),
        }),
      );
    }
    return problemResponse(c, new ProblemError(404, 'not-found', 'No such resource'));
  });

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    // The client closed the connection before its body arrived whole: its fault, not ours, and it has
    // gone (nothing was read, so nothing changed). Logged as the 400 it is, not as a failure of ours.
    if (bodyCutShort(error))
      return problemResponse(c, new ProblemError(400, 'bad-request', 'The body was cut short'));
    // Log the failure for operators; the client gets no stack trace or internals.
    logger.log('error', 'unhandled error', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return problemResponse(c, new ProblemError(500, 'internal-error', 'Something went wrong on our side'));
  });

  // The badge on every page of every organisation's site: its cached answers skip the router.
  answerFirst(app, counterFastPath({ access, policy: origins, cache: counterCache, guard, observer }));
  return app;
}

/** Node's error for a request whose connection closed before its body ended (`IncomingMessage` 'aborted'). */
function bodyCutShort(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ECONNRESET' && error.message === 'aborted';
}
