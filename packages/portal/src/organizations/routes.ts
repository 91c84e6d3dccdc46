import {
  type EndpointName as AnyEndpointName,
  type EndpointDefinition,
  type Endpoints,
  endpoints,
} from '@otklik/client/contract';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { appealCounter, isRealDate, todayIn } from '../appeals/counter.ts';
import { type AppealRoutesOptions, appealHandlers } from '../appeals/routes.ts';
import type { Database } from '../db/types.ts';
import { limitJsonBody, parseRequest } from '../http/body.ts';
import { TtlCache } from '../http/cache.ts';
import { type CorsPolicy, checkOrigin, preflight } from '../http/cors.ts';
import { ProblemError, problemResponse, validationProblem } from '../http/problem.ts';
import { type Representation, represent, sendJson, sendRepresentation } from '../http/respond.ts';
import { type RouteRegistry, toHonoPath } from '../http/route-registry.ts';
import { type RatingCaches, ratingHandlers } from '../ratings/routes.ts';
import type { OrganizationAccess } from './access.ts';
import { getOrganization, getWidgetSettings, listServices, searchOrganizations } from './directory.ts';

/** The public JSON endpoints; staff and file endpoints are registered by their own modules. */
type EndpointName = {
  [K in AnyEndpointName]: Endpoints[K] extends { access: 'staff' } | { upload: string } | { download: string }
    ? never
    : Endpoints[K] extends { response: v.GenericSchema }
      ? K
      : never;
}[AnyEndpointName];
const isPublicJson = (name: AnyEndpointName): name is EndpointName => {
  const endpoint: EndpointDefinition = endpoints[name];
  return endpoint.access !== 'staff' && endpoint.response !== undefined && endpoint.upload === undefined;
};

type Out<S> = S extends v.GenericSchema ? v.InferOutput<S> : Record<string, never>;
export type Input<K extends EndpointName> = {
  c: Context;
  params: Out<Endpoints[K] extends { params: infer P } ? P : undefined>;
  query: Out<Endpoints[K] extends { query: infer Q } ? Q : undefined>;
  /** Set for `organization` endpoints: the organisation the CORS check loaded. */
  org: OrganizationAccess | null;
};
export type Handlers = { [K in EndpointName]: (input: Input<K>) => Promise<Response> };

function parse(schema: v.GenericSchema | undefined, data: unknown, where: 'params' | 'query') {
  return schema === undefined ? {} : parseRequest(where, schema, data);
}

export interface PublicRoutesOptions {
  db: Database;
  appeals: Omit<AppealRoutesOptions, 'db'>;
  cors: CorsPolicy;
  /** In-process counter cache: keeps the 304 path free of queries. */
  counterCache: TtlCache<Representation>;
  /** Rating summary and ranking caches (created per app when not given). */
  ratingCaches?: RatingCaches;
  /** Configured OpenID Connect providers among an organisation's enabled ids (login off: none). */
  oidcProviders?: (enabled: readonly string[]) => { id: string; name: string }[];
}

export function createCounterCache() {
  return new TtlCache<Representation>(30_000, 5_000);
}

function handlers({ db, counterCache, appeals, oidcProviders, ratingCaches }: PublicRoutesOptions): Handlers {
  const requireOrg = (org: OrganizationAccess | null) => {
    if (org === null) throw new Error('organization endpoint reached without an organisation');
    return org;
  };
  return {
    ...appealHandlers({ db, ...appeals }),
    ...ratingHandlers({ db, ...appeals, ...(ratingCaches === undefined ? {} : { caches: ratingCaches }) }),
    async searchOrganizations({ c, query }) {
      return sendJson(c, await searchOrganizations(db, query), endpoints.searchOrganizations.cacheable);
    },
    async getOrganization({ c, params }) {
      const org = await getOrganization(db, params.organizationId);
      if (org === null) throw new ProblemError(404, 'organization-not-found');
      return sendJson(c, org, endpoints.getOrganization.cacheable);
    },
    async listServices({ c, params, query }) {
      const page = await listServices(db, params.organizationId, query.limit, query.offset);
      return sendJson(c, page, endpoints.listServices.cacheable);
    },
    async getWidgetSettings({ c, params }) {
      const settings = await getWidgetSettings(db, params.organizationId, oidcProviders);
      if (settings === null) throw new ProblemError(404, 'organization-not-found');
      return sendJson(c, settings, endpoints.getWidgetSettings.cacheable);
    },
    async getAppealCounter({ c, query, org }) {
      const { id, timeZone } = requireOrg(org);
      const today = todayIn(timeZone);
      const asOf = query.on ?? today;
      if (query.on !== undefined && !isRealDate(asOf)) {
        throw new ProblemError(422, 'validation-failed', 'Invalid query', [
          { path: 'query.on', message: 'Not a calendar date' },
        ]);
      }
      // ISO dates compare correctly as strings.
      if (asOf > today) {
        throw new ProblemError(422, 'validation-failed', 'Invalid query', [
          { path: 'query.on', message: `Must not be after today (${today} in ${timeZone})` },
        ]);
      }
      const key = `${id}|${asOf}`;
      let rep = counterCache.get(key);
      if (rep === undefined) {
        rep = represent(await appealCounter(db, id, timeZone, asOf));
        counterCache.set(key, rep);
      }
      return sendRepresentation(c, rep, endpoints.getAppealCounter.cacheable);
    },
  };
}

/** Registers every endpoint of the contract table, plus its preflight. */
export function registerPublicRoutes(app: Hono, registry: RouteRegistry, options: PublicRoutesOptions): void {
  const impl = handlers(options) as Record<EndpointName, (input: unknown) => Promise<Response>>;
  const methodsByPath = new Map<string, { methods: string[]; access: Endpoints[EndpointName]['access'] }>();
  for (const name of (Object.keys(endpoints) as AnyEndpointName[]).filter(isPublicJson)) {
    const endpoint = endpoints[name];
    const path = toHonoPath(endpoint.path);
    const entry = methodsByPath.get(path) ?? { methods: [] as string[], access: endpoint.access };
    entry.methods.push(endpoint.method);
    methodsByPath.set(path, entry);
    registry.add(path, [endpoint.method]);
    const paramsSchema = 'params' in endpoint ? endpoint.params : undefined;
    const querySchema = 'query' in endpoint ? endpoint.query : undefined;
    const handler = async (c: Context) => {
      // Path first (no I/O), then the origin gate (before the body is read), then everything else.
      const params = parse(paramsSchema, c.req.param(), 'params') as {
        organizationId?: string;
        appealId?: string;
      };
      const org = await checkOrigin(
        c,
        options.cors,
        endpoint.access,
        endpoint.access === 'appeal' ? params.appealId : params.organizationId,
      );
      const query = parse(querySchema, c.req.query(), 'query');
      return impl[name]({ c, params, query, org });
    };
    if (endpoint.method === 'GET') app.on(endpoint.method, path, handler);
    else app.on(endpoint.method, path, limitJsonBody, handler);
  }
  for (const [path, { methods, access }] of methodsByPath) {
    registry.add(path, ['OPTIONS']);
    app.options(path, (c) => preflight(c, options.cors, access, methods));
  }
}
