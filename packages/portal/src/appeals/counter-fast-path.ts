/**
 * The appeal counter answered from memory (see http/fast-path.ts): a GET of
 * `/v1/organizations/{id}/appeal-counter`, optionally `?on=YYYY-MM-DD`, for an organisation whose
 * access record and figures are cached, from no origin or an allowed one, within the client's
 * read limit. Anything else — an unknown or uncached organisation, another query, a refused origin,
 * a future day, a client over its limit — takes the ordinary path, which answers it (and caches
 * what it loads). The cache is the one the ordinary handler fills, so both serve the same figures
 * and are invalidated together.
 */
import { endpoints } from '@otklik/client/contract';
import type { IntakeGuard } from '../abuse/intake-guard.ts';
import { todayIn } from '../dates.ts';
import { type CorsPolicy, originAllowed } from '../http/cors.ts';
import type { FastPath } from '../http/fast-path.ts';
import { requestHeader } from '../http/headers.ts';
import type { RequestObserver } from '../http/observe.ts';
import { toHonoPath } from '../http/route-registry.ts';
import type { AccessStore } from '../organizations/access.ts';
import type { CounterCache } from './routes.ts';

const PREFIX = '/v1/organizations/';
const SUFFIX = '/appeal-counter';
const ROUTE = toHonoPath(endpoints.getAppealCounter.path);
const ON_DAY = /^on=\d{4}-\d{2}-\d{2}$/;

export interface CounterFastPathOptions {
  access: AccessStore;
  policy: CorsPolicy;
  cache: CounterCache;
  /** The portal's rate limits, if any; without `countPublicRead` every read takes the ordinary path. */
  guard: IntakeGuard | undefined;
  observer: RequestObserver;
}

export function counterFastPath({
  access,
  policy,
  cache,
  guard,
  observer,
}: CounterFastPathOptions): FastPath {
  if (ROUTE !== '/v1/organizations/:organizationId/appeal-counter') {
    throw new Error(`The counter's path changed (${ROUTE}): update its fast path`);
  }
  const countRead = guard === undefined ? () => true : guard.countPublicRead;
  return (target, context) => {
    const started = performance.now();
    if (!target.startsWith(PREFIX)) return undefined;
    const question = target.indexOf('?');
    const path = question < 0 ? target : target.slice(0, question);
    if (!path.endsWith(SUFFIX)) return undefined;
    const id = path.slice(PREFIX.length, -SUFFIX.length);
    // Encoded or nested ids are the router's to decode or refuse.
    if (id === '' || id.includes('/') || id.includes('%')) return undefined;
    let on: string | undefined;
    if (question >= 0) {
      const query = target.slice(question + 1);
      if (!ON_DAY.test(query)) return undefined;
      on = query.slice(3);
    }
    const org = access.cachedOrganization(id);
    if (!org) return undefined;
    const c = context();
    const origin = requestHeader(c, 'Origin');
    if (origin !== undefined && !originAllowed(c, policy, org, origin)) return undefined;
    const today = todayIn(org.timeZone);
    const asOf = on ?? today;
    // ISO dates compare as strings; a future day is refused on the ordinary path. Only real days
    // were cached (the ordinary path validates before it caches).
    if (asOf > today) return undefined;
    const answer = cache.get(`${org.id}|${asOf}`);
    if (answer === undefined) return undefined;
    // Counted only when answered here; over the limit, the ordinary path counts it and refuses it.
    if (countRead === undefined || !countRead(c)) return undefined;
    const response = answer.respond(requestHeader(c, 'If-None-Match'), origin);
    observer.answered(c, ROUTE, response.status, started);
    return response;
  };
}
