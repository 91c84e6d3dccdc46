import type { PublicAccess } from '@otklik/client/contract';
import type { Language } from '@otklik/client/schemas';
import type { Context } from 'hono';
import { requestHeader, send, setHeader } from './headers.ts';
import { ProblemError } from './problem.ts';

export const ALLOWED_REQUEST_HEADERS = ['Content-Type', 'Idempotency-Key', 'If-None-Match', 'Authorization'];
export const EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Request-Id'];
const PREFLIGHT_MAX_AGE = '600';

/** What the gate learns about the organisation an `organization` or `appeal` request is for. */
export interface OrganizationAccess {
  readonly id: string;
  readonly name: string;
  /** The languages it takes appeals in, the default first. */
  readonly languages: readonly Language[];
  readonly timeZone: string;
  readonly origins: ReadonlySet<string>;
}

/** What the gate asks about organisations and their origins (the organisations feature answers). */
export interface OriginAccess {
  /** The organisation with this id, or null. */
  organization(id: string): Promise<OrganizationAccess | null>;
  /** The id of the organisation an appeal belongs to, or null (also for ids that are not UUIDs). */
  appealOrganization(appealId: string): Promise<string | null>;
  /** Whether any organisation allows `origin` (directory endpoints). */
  anyOrganizationAllows(origin: string): Promise<boolean>;
}

export interface CorsPolicy {
  readonly access: OriginAccess;
  /**
   * The portal's own origin (its pages: the rating page `/r/{id}`, the API reference), allowed for
   * every endpoint. Unset (no PUBLIC_URL, development only): the origin the request itself was
   * addressed to, which trusts the `Host` header — set PUBLIC_URL in production.
   */
  readonly publicOrigin: string | null;
}

/**
 * Whether `origin` is the portal's own: its configured public origin (PUBLIC_URL) and nothing else
 * when one is set; without one (development), the origin the request was sent to. A browser sends
 * `Origin` on same-origin POSTs (not on same-origin GETs), so the portal's own pages need this to
 * write. The `Host` header is not trusted once PUBLIC_URL is set: a page on a name rebound to the
 * portal's address (DNS rebinding) sends `Host` and `Origin` of its own name, and is refused.
 */
function isOwnOrigin(c: Context, policy: CorsPolicy, origin: string): boolean {
  if (policy.publicOrigin !== null)
    return origin === policy.publicOrigin || sameLoopbackPort(origin, policy.publicOrigin);
  try {
    return origin === new URL(c.req.url).origin;
  } catch {
    return false;
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether two origins are one loopback server under two names (`localhost` and `127.0.0.1`): a portal
 * whose public URL is on loopback (the demo, a developer's machine) is reached by either. No rebound
 * name sends such an `Origin` — a browser sends the name of the page it shows — so this is safe.
 */
function sameLoopbackPort(origin: string, publicOrigin: string): boolean {
  try {
    const a = new URL(origin);
    const b = new URL(publicOrigin);
    return (
      LOOPBACK_NAMES.has(a.hostname) &&
      LOOPBACK_NAMES.has(b.hostname) &&
      a.protocol === b.protocol &&
      a.port === b.port
    );
  } catch {
    return false;
  }
}

/**
 * Whether a page at `origin` may call `org`'s endpoints: one of its allowed origins, or the portal's
 * own. The gate below refuses everything else with 403.
 */
export function originAllowed(
  c: Context,
  policy: CorsPolicy,
  org: OrganizationAccess,
  origin: string,
): boolean {
  return org.origins.has(origin) || isOwnOrigin(c, policy, origin);
}

/**
 * The server-side CORS gate, run before any other work of a public endpoint. Browsers only hide
 * responses from disallowed origins; refusing here also keeps a foreign page from using the
 * portal's resources. Returns the organisation (for `organization` endpoints) so handlers need no
 * second lookup. `appeal` endpoints are checked against the organisation the appeal belongs to
 * (`id` is then the appeal id). Requests without `Origin` (servers, curl, the Node client) pass.
 */
export async function checkOrigin(
  c: Context,
  policy: CorsPolicy,
  access: PublicAccess,
  id: string | undefined,
): Promise<OrganizationAccess | null> {
  const origin = requestHeader(c, 'Origin');
  // The response depends on Origin, so shared caches must key on it.
  setHeader(c, 'Vary', 'Origin');
  if (origin !== undefined) {
    // Set before the checks so that a refused page can read *why* (the problem carries no data):
    // its widget then says "not allowed here" instead of failing like a network outage.
    setHeader(c, 'Access-Control-Allow-Origin', origin);
    setHeader(c, 'Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
  }
  let org: OrganizationAccess | null = null;
  if (access === 'organization' || access === 'appeal') {
    if (id === undefined) throw new Error(`${access} endpoint without its id`);
    let organizationId = id;
    if (access === 'appeal') {
      const owner = await policy.access.appealOrganization(id);
      if (owner === null) throw new ProblemError(404, 'not-found', 'No such appeal');
      organizationId = owner;
    }
    org = await policy.access.organization(organizationId);
    if (org === null) {
      throw new ProblemError(404, 'organization-not-found', `No organisation with id ${organizationId}`);
    }
    if (origin !== undefined && !originAllowed(c, policy, org, origin)) {
      throw new ProblemError(
        403,
        'origin-not-allowed',
        `${origin} is not among this organisation's allowed origins`,
      );
    }
  } else if (origin !== undefined && !isOwnOrigin(c, policy, origin)) {
    if (!(await policy.access.anyOrganizationAllows(origin))) {
      throw new ProblemError(403, 'origin-not-allowed', `${origin} is not allowed by any organisation`);
    }
  }
  return org;
}

/** Answers a preflight after the same check the real request will get. */
export async function preflight(
  c: Context,
  policy: CorsPolicy,
  access: PublicAccess,
  methods: readonly string[],
): Promise<Response> {
  await checkOrigin(c, policy, access, c.req.param(access === 'appeal' ? 'appealId' : 'organizationId'));
  const allow = [...methods, 'OPTIONS'].join(', ');
  return send(c, null, 204, {
    'Access-Control-Allow-Methods': allow,
    'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS.join(', '),
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
    Allow: allow,
  });
}

/**
 * Staff endpoints are for the portal's own pages (the console) and for servers: a request a browser
 * sends from any other origin is refused before its credentials are looked at.
 */
export function requireOwnOrigin(c: Context, policy: CorsPolicy): void {
  const origin = requestHeader(c, 'Origin');
  if (origin !== undefined && !isOwnOrigin(c, policy, origin)) {
    throw new ProblemError(403, 'origin-not-allowed', 'Staff endpoints are not callable from other origins');
  }
}
