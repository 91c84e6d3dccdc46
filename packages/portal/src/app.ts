import { Hono } from 'hono';
import { routePath } from 'hono/route';
import type { PowOptions } from './abuse/pow.ts';
import { registerStaffAppealRoutes } from './appeals/desk-routes.ts';
import type { IntakeGuard } from './appeals/routes.ts';
import { registerAttachmentRoutes } from './attachments/routes.ts';
import { DEFAULT_CONSOLE_DIR, registerConsole } from './console/serve.ts';
import type { Database } from './db/types.ts';
import { send, setHeader } from './http/headers.ts';
import { ProblemError, problemResponse } from './http/problem.ts';
import { assignRequestId } from './http/request-id.ts';
import { RouteRegistry } from './http/route-registry.ts';
import { OidcLogin, type OidcOptions } from './identity/oidc.ts';
import { registerOidcRoutes } from './identity/oidc-pages.ts';
import { createLogger, type Logger } from './log.ts';
import { buildOpenApiDocument } from './openapi/document.ts';
import { DOCS_CSP, renderDocsHtml } from './openapi/html.ts';
import { AccessStore } from './organizations/access.ts';
import { createCounterCache, registerPublicRoutes } from './organizations/routes.ts';
import { registerStaffRoutes } from './organizations/settings-routes.ts';
import { registerRatePage } from './pages/rate-page.ts';
import { createRatingCaches } from './ratings/routes.ts';
import { createKeyRing, type KeyRing } from './security/keys.ts';
import { DEFAULT_WIDGETS_DIR, registerWidgetRoutes } from './static.ts';

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
  /** Rate-limiting hook for the intake endpoints (see routes/appeals.ts). */
  intakeGuard?: IntakeGuard;
  /**
   * OpenID Connect login providers. Off unless at least one provider is configured and `publicUrl`
   * is set (the callback URL registered with the provider is `{publicUrl}/v1/identity/oidc/callback`).
   */
  oidc?: OidcOptions;
  /** Demo only: serves GET /demo/mailbox with this page. */
  demoMailboxPage?: () => string;
}

/** The whole HTTP application, independent of how it is served (tests call `app.request`). */
export function createApp(options: AppOptions): Hono {
  const { db } = options;
  const logger = options.logger ?? createLogger();
  const app = new Hono();
  const registry = new RouteRegistry();
  const access = new AccessStore(db);
  const counterCache = createCounterCache();
  const ratingCaches = createRatingCaches();
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : null;

  // One log line per request: route pattern only (no raw URL, query string, IP or body).
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = assignRequestId(c);
    setHeader(c, 'X-Content-Type-Options', 'nosniff');
    await next();
    const route = routePath(c, -1);
    logger.log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      route: route === '*' || route === '/*' ? '(unmatched)' : route,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId,
    });
  });

  app.get('/health', async (c) => {
    try {
      await db.query('SELECT 1');
    } catch {
      throw new ProblemError(503, 'service-unavailable', 'The database is not reachable');
    }
    return send(c, JSON.stringify({ status: 'ok' }), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });
  registry.add('/health', ['GET']);

  const document = buildOpenApiDocument(options.publicUrl);
  const documentJson = JSON.stringify(document);
  const docsHtml = renderDocsHtml(document);
  app.get('/v1/openapi.json', (c) => {
    return send(c, documentJson, 200, {
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=300',
      'Content-Type': 'application/json; charset=utf-8',
    });
  });
  app.get('/v1/docs', (c) => {
    return send(c, docsHtml, 200, {
      'Content-Security-Policy': DOCS_CSP,
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'public, max-age=300',
      'Content-Type': 'text/html; charset=utf-8',
    });
  });
  registry.add('/v1/openapi.json', ['GET']);
  registry.add('/v1/docs', ['GET']);

  const keys = options.keys ?? createKeyRing(db);
  const oidc =
    options.oidc && options.oidc.providers.length > 0 && options.publicUrl
      ? new OidcLogin(db, keys, options.oidc, options.publicUrl)
      : null;
  if (oidc) registerOidcRoutes(app, registry, oidc, options.intakeGuard);

  registerPublicRoutes(app, registry, {
    db,
    cors: { access, publicOrigin },
    counterCache,
    ratingCaches,
    ...(oidc ? { oidcProviders: (enabled: readonly string[]) => oidc.providersFor(enabled) } : {}),
    appeals: {
      keys,
      ...(options.pow === undefined ? {} : { pow: options.pow }),
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.intakeGuard === undefined ? {} : { guard: options.intakeGuard }),
    },
  });
  registerAttachmentRoutes(app, registry, {
    db,
    cors: { access, publicOrigin },
    ...(options.intakeGuard === undefined ? {} : { guard: options.intakeGuard }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  registerStaffAppealRoutes(app, registry, db);
  registerStaffRoutes(app, registry, {
    db,
    access,
    onOrganizationChanged: (id) => {
      access.invalidate(id);
      counterCache.deletePrefix(`${id}|`);
      ratingCaches.summaries.deletePrefix(`${id}|`);
    },
    ...(oidc ? { oidcProviders: (enabled: readonly string[]) => oidc.providersFor(enabled) } : {}),
  });
  const mailboxPage = options.demoMailboxPage;
  if (mailboxPage) {
    registry.add('/demo/mailbox', ['GET']);
    app.get('/demo/mailbox', (c) =>
      send(c, mailboxPage(), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      }),
    );
  }
  registerRatePage(app, registry, db);
  registerWidgetRoutes(app, registry, options.widgetsDir ?? DEFAULT_WIDGETS_DIR);
  registerConsole(app, registry, options.consoleDir ?? DEFAULT_CONSOLE_DIR);

  app.notFound((c) => {
    const allowed = registry.allowed(c.req.path);
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
    // Log the failure for operators; the client gets no stack trace or internals.
    logger.log('error', 'unhandled error', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return problemResponse(c, new ProblemError(500, 'internal-error', 'Something went wrong on our side'));
  });

  return app;
}
