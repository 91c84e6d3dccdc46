/**
 * One way to serve an endpoint of the contract: {@link registerEndpoint} turns a definition from
 * `@otklik/client/contract` and a handler into a route that checks who may call it, parses what it
 * sends and answers in the definition's terms. Handlers get typed, validated input and return a
 * value; no route parses a request or writes a response by hand.
 */
import type { Access, EndpointDefinition, PublicAccess, StaffPermission } from '@otklik/client/contract';
import type { Context, Env, Handler, Hono } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';
import type * as v from 'valibot';
import { limitJsonBody, limitJsonBodyTo, parseRequest, readJsonBody, requestText } from './body.ts';
import {
  type CorsPolicy,
  checkOrigin,
  type OrganizationAccess,
  preflight,
  requireOwnOrigin,
} from './cors.ts';
import { requestHeader, send } from './headers.ts';
import { hashRequest, type IdempotentRequest, idempotencyKeyOf } from './idempotency.ts';

/** Builds the idempotency record of a request: scope, key, body hash, success status. */
export type IdempotencyRecords = (
  scope: string,
  key: string,
  requestHash: string,
  status: StatusCode,
) => IdempotentRequest;

import { ProblemError } from './problem.ts';
import { Download, JsonReply, sendDownload, sendJsonReply } from './respond.ts';
import { RouteRegistry, toHonoPath } from './route-registry.ts';

/** Checks a staff actor's credentials and permissions; the staff feature implements it. */
export interface StaffGate<TActor> {
  /** The actor the request's credentials name; throws 401 `unauthorized` without valid ones. */
  authenticate(c: Context): Promise<TActor>;
  /**
   * Throws 403 `forbidden` unless `actor` holds `permission` where it applies: for the path's
   * organisation (`params.organizationId`, when it has one) or, with none, the organisation the call
   * is about (an appeal's, say) or the actor's own. Resolves to the actor as the handler sees it:
   * scoped to that organisation.
   */
  authorize(
    actor: TActor,
    permission: StaffPermission,
    params: Readonly<Record<string, string>>,
  ): Promise<TActor>;
}

/**
 * The checks run before any handler, supplied by the features that own them, so that nothing here
 * depends on a feature. `TApplicant` is what an appeal's access secret opens, `TActor` a staff actor.
 */
export interface Gates<TApplicant, TActor> {
  /** The CORS gate of public endpoints (and the portal's own origin, which staff calls must come from). */
  readonly origins: CorsPolicy;
  /** `auth: 'appeal-secret'`: the appeal `Authorization: Bearer <secret>` opens; throws 401 otherwise. */
  readonly appealSecret: (c: Context, appealId: string) => Promise<TApplicant>;
  /** `access: 'staff'`. */
  readonly staff: StaffGate<TActor>;
  /** Idempotent writes: the stored answers (replayed before rate limits) and the once-only runs. */
  readonly idempotency: IdempotencyRecords;
}

/** Where routes outside the contract (pages, files, the docs) are registered. */
export interface PageRoutes {
  /** A GET route, recorded for 404 and 405 answers like the endpoints. */
  get<TPath extends string>(path: TPath, handler: Handler<Env, TPath>): void;
}

/** Where endpoints are registered: the app, the record of its routes, and the gates. */
export class Router<TApplicant = unknown, TActor = unknown> implements PageRoutes {
  /** Every path served and its methods, for 404 and 405 answers. */
  readonly routes = new RouteRegistry();
  /** Methods per public path, read by the path's preflight route when it runs. */
  readonly #preflights = new Map<string, string[]>();
  readonly #served = new Set<EndpointDefinition>();

  constructor(
    readonly app: Hono,
    readonly gates: Gates<TApplicant, TActor>,
  ) {}

  /** A GET route outside the contract (a page, a file, the docs), recorded like the endpoints. */
  get<TPath extends string>(path: TPath, handler: Handler<Env, TPath>): void {
    this.routes.add(path, ['GET']);
    this.app.get(path, handler);
  }

  /** Records an endpoint; a public one also gets its path's CORS preflight. */
  add(endpoint: EndpointDefinition, path: string, access: Access): void {
    if (this.#served.has(endpoint))
      throw new Error(`${endpoint.method} ${endpoint.path} is registered twice`);
    this.#served.add(endpoint);
    this.routes.add(path, [endpoint.method]);
    if (access === 'staff' || access === 'console') return;
    const methods = this.#preflights.get(path);
    if (methods) {
      methods.push(endpoint.method);
      return;
    }
    const list = [endpoint.method];
    this.#preflights.set(path, list);
    this.routes.add(path, ['OPTIONS']);
    this.app.options(path, (c) => preflight(c, this.gates.origins, access, list));
  }

  /** Throws unless every endpoint of `table` is registered: the portal serves the whole contract. */
  assertServes(table: Readonly<Record<string, EndpointDefinition>>): void {
    const missing = Object.entries(table).filter(([, endpoint]) => !this.#served.has(endpoint));
    if (missing.length > 0)
      throw new Error(`Endpoints not served: ${missing.map(([name]) => name).join(', ')}`);
  }
}

type Parsed<TEndpoint, TPart extends 'params' | 'query' | 'body' | 'response'> = TEndpoint extends {
  [P in TPart]: infer S;
}
  ? S extends v.GenericSchema
    ? v.InferOutput<S>
    : undefined
  : undefined;

/** What a handler receives: the request, its validated parts, and what the gates established. */
export type EndpointInput<TEndpoint extends EndpointDefinition, TApplicant, TActor> = {
  readonly c: Context;
  readonly params: Parsed<TEndpoint, 'params'>;
  /** With the schema's defaults applied. */
  readonly query: Parsed<TEndpoint, 'query'>;
  readonly body: Parsed<TEndpoint, 'body'>;
} & (TEndpoint['access'] extends 'organization' | 'appeal'
  ? /** The organisation the CORS gate loaded (for `appeal`: the appeal's). */ {
      readonly org: OrganizationAccess;
    }
  : unknown) &
  (TEndpoint['access'] extends 'staff' ? { readonly actor: TActor } : unknown) &
  (TEndpoint extends { auth: 'appeal-secret' } ? { readonly appeal: TApplicant } : unknown) &
  (TEndpoint extends { auth: 'upload-token' } ? { readonly uploadToken: string } : unknown) &
  (TEndpoint extends { idempotent: true } ? { readonly idempotency: IdempotentRequest } : unknown);

type Value<TEndpoint> = Parsed<TEndpoint, 'response'>;

/**
 * What a handler returns: the response value (or it serialised ahead of time: a cached
 * representation, an idempotent write's stored answer), a {@link Download}, or nothing for a 204.
 */
export type EndpointReply<TEndpoint extends EndpointDefinition> = TEndpoint extends {
  response: v.GenericSchema;
}
  ? Value<TEndpoint> | JsonReply<Value<TEndpoint>>
  : TEndpoint extends { download: string }
    ? Download
    : undefined;

export type EndpointHandler<TEndpoint extends EndpointDefinition, TApplicant, TActor> = (
  input: EndpointInput<TEndpoint, TApplicant, TActor>,
) => Promise<EndpointReply<TEndpoint>>;

/** Server-side policy of one registration, not part of the contract. */
export interface EndpointOptions {
  /**
   * Runs after the access check and the credentials, before the body is read — a rate limit: it
   * throws a ProblemError (429) to refuse. Gets the organisation the request is for.
   */
  readonly guard?: (c: Context, organizationId: string) => Promise<void>;
}

const BEARER = /^Bearer\s+([\w-]{20,200})$/i;

/** The path parameter that names the organisation a public endpoint's CORS check is about. */
const ownerParam = { organization: 'organizationId', appeal: 'appealId', directory: undefined } as const;

/**
 * Serves `endpoint` with `handler`. In order: the body limit; for staff, the own-origin check, the
 * credentials and the permission (the path's organisation in scope); for public endpoints, the path
 * parameters and the CORS gate (before the body is read); the query; the idempotency key; the
 * appeal's secret or the upload token; the guard; the JSON body (415, 400, 422 with `body.…`
 * paths). The handler's return value is sent with the definition's status, cache headers and
 * content type.
 */
export function registerEndpoint<TEndpoint extends EndpointDefinition, TApplicant, TActor>(
  router: Router<TApplicant, TActor>,
  endpoint: TEndpoint,
  handler: EndpointHandler<TEndpoint, TApplicant, TActor>,
  ...[options = {}]: TEndpoint['access'] extends PublicAccess ? [options?: EndpointOptions] : []
): void {
  const path = toHonoPath(endpoint.path);
  const { gates } = router;
  const definition: EndpointDefinition = endpoint;
  const status: StatusCode = definition.successStatus ?? 200;
  const owner =
    definition.access === 'staff' || definition.access === 'console'
      ? undefined
      : ownerParam[definition.access];
  if (owner !== undefined && !endpoint.path.includes(`{${owner}}`)) {
    throw new Error(`${endpoint.path}: ${definition.access} access needs {${owner}} in the path`);
  }
  const { guard } = options;
  // Read off the definition once: the request path below only tests these.
  const { access, cacheable, idempotent } = definition;
  const paramsSchema = definition.params;
  const querySchema = definition.query;
  const bodySchema = definition.body;
  const appealSecret = definition.auth === 'appeal-secret';
  const uploadTokenAuth = definition.auth === 'upload-token';
  const run = handler as (input: Record<string, unknown>) => Promise<unknown>;

  const serve = async (c: Context): Promise<Response> => {
    let actor: TActor | undefined;
    if (access === 'staff' || access === 'console') requireOwnOrigin(c, gates.origins);
    if (access === 'staff') actor = await gates.staff.authenticate(c);
    const params = (paramsSchema ? parseRequest('params', paramsSchema, c.req.param()) : {}) as Record<
      string,
      string
    >;
    let org: OrganizationAccess | null = null;
    if (access === 'staff') {
      actor = await gates.staff.authorize(actor as TActor, definition.permission, params);
    } else if (access !== 'console') {
      // Before anything else is read: a foreign page learns nothing else and costs nothing more.
      org = await checkOrigin(c, gates.origins, access, owner && params[owner]);
    }
    const query = querySchema ? parseRequest('query', querySchema, c.req.query()) : undefined;
    const key = idempotent ? idempotencyKeyOf(c) : undefined;
    const appeal = appealSecret ? await gates.appealSecret(c, params.appealId as string) : undefined;
    let uploadToken: string | undefined;
    if (uploadTokenAuth) {
      uploadToken = BEARER.exec(requestHeader(c, 'Authorization') ?? '')?.[1];
      if (uploadToken === undefined)
        throw new ProblemError(401, 'unauthorized', 'Send the upload token as Bearer');
    }
    let idempotency: IdempotentRequest | undefined;
    if (key !== undefined) {
      // A retry after a lost answer gets the stored answer before any rate limit counts it.
      const scope = `${definition.method} ${definition.path} ${JSON.stringify(params)}`;
      const requestHash = hashRequest(bodySchema ? await requestText(c) : '');
      idempotency = gates.idempotency(scope, key, requestHash, status);
      const stored = await idempotency.replay();
      if (stored) return sendJsonReply(c, stored, cacheable, status);
    }
    if (guard) await guard(c, org?.id ?? params.organizationId ?? 'directory');
    const body = bodySchema ? await readJsonBody(c, bodySchema) : undefined;
    const result = await run({ c, params, query, body, org, actor, appeal, uploadToken, idempotency });
    if (result instanceof JsonReply) return sendJsonReply(c, result, cacheable, status);
    if (result instanceof Download) return sendDownload(c, result, status);
    if (result === undefined) return send(c, null, 204, { 'Cache-Control': 'no-store' });
    return sendJsonReply(c, new JsonReply(JSON.stringify(result)), cacheable, status);
  };

  router.add(endpoint, path, access);
  if (definition.method === 'GET' || definition.upload !== undefined)
    router.app.on(definition.method, path, serve);
  else {
    const limit = definition.maxBodyBytes ? limitJsonBodyTo(definition.maxBodyBytes) : limitJsonBody;
    router.app.on(definition.method, path, limit, serve);
  }
}
