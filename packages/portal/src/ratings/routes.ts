import { endpoints } from '@otklik/client/contract';
import { isRealDate, todayIn } from '../appeals/counter.ts';
import { type IntakeGuard, reply } from '../appeals/routes.ts';
import type { Database } from '../db/types.ts';
import { readJsonBody } from '../http/body.ts';
import { TtlCache } from '../http/cache.ts';
import { hashRequest, idempotencyKeyOf, once } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem.ts';
import { type Representation, represent, sendJson, sendRepresentation } from '../http/respond.ts';
import type { OrganizationAccess } from '../organizations/access.ts';
import type { Handlers } from '../organizations/routes.ts';
import { listSpheres } from '../organizations/spheres.ts';
import type { KeyRing } from '../security/keys.ts';
import { ratingAnalytics } from './analytics.ts';
import { periodContaining } from './periods.ts';
import { positionInRanking, type RatingGroup, siblingsGroup, sphereGroup } from './ranking.ts';
import { RankingCache } from './ranking-cache.ts';
import { loadRatingOrganization, loadRatingPlace, type RatingPlace } from './settings.ts';
import { checkRating, submitRating } from './submit.ts';
import { type PositionOf, ratingSummary } from './summary.ts';

type RatingEndpointName =
  | 'listSpheres'
  | 'submitRating'
  | 'getRatingSummary'
  | 'getRatingRanking'
  | 'getRatingAnalytics';

/** In-process caches of the rating reads; a rating drops its organisation's entries on this instance. */
export interface RatingCaches {
  /** The badge's summary per organisation, keyed `id|`: keeps the 304 path free of queries. */
  readonly summaries: TtlCache<Representation>;
  readonly rankings: RankingCache;
}

export function createRatingCaches(): RatingCaches {
  return { summaries: new TtlCache(30_000, 20_000), rankings: new RankingCache() };
}

/** Forgets what a new rating of `place` changes: its summary and the rankings it takes part in. */
export function invalidateRatings(caches: RatingCaches, place: RatingPlace): void {
  caches.summaries.deletePrefix(`${place.id}|`);
  caches.rankings.invalidate(place);
}

export interface RatingRoutesOptions {
  db: Database;
  keys: KeyRing;
  /** The clock of rating days and of "today" (tests move it between periods). */
  now?: () => Date;
  /** Rate limiting shared with the appeal intake (see routes/appeals.ts). */
  guard?: IntakeGuard;
  caches?: RatingCaches;
}

/** `on` from a query, checked to be a real calendar date; `today` when absent. */
function dateOn(on: string | undefined, today: string): string {
  if (on !== undefined && !isRealDate(on)) {
    throw new ProblemError(422, 'validation-failed', 'Invalid query', [
      { path: 'query.on', message: 'Not a calendar date' },
    ]);
  }
  return on ?? today;
}

export function ratingHandlers(options: RatingRoutesOptions): Pick<Handlers, RatingEndpointName> {
  const { db, keys } = options;
  const now = options.now ?? (() => new Date());
  const guard = options.guard ?? (async () => {});
  const caches = options.caches ?? createRatingCaches();
  const requireOrg = (org: OrganizationAccess | null) => {
    if (org === null) throw new Error('organization endpoint reached without an organisation');
    return org;
  };
  const ratingOrg = async (id: string) => {
    const org = await loadRatingOrganization(db, id);
    if (org === null) throw new ProblemError(404, 'organization-not-found');
    return org;
  };

  /** All-time positions of `id` from the cached group rankings. */
  const positionsFromCache =
    (id: string): PositionOf =>
    async (group: RatingGroup) =>
      positionInRanking(await caches.rankings.ranking(db, group, null), id);
  /**
   * A receipt's positions, from the last computed rankings (see `RankingCache.latest`), resolved now:
   * they are used inside the rating's transaction, where querying `db` would wait for it on PGlite.
   */
  const receiptPositions = async (place: RatingPlace): Promise<PositionOf> => {
    const groups = [siblingsGroup(place.parentId), sphereGroup(place)].filter((g) => g !== null);
    const positions = new Map(
      await Promise.all(
        groups.map(
          async (g) =>
            [g.key, positionInRanking(await caches.rankings.latest(db, g, null), place.id)] as const,
        ),
      ),
    );
    return async (group) => positions.get(group.key) ?? { rank: null, of: 0 };
  };

  return {
    async listSpheres({ c, query }) {
      return sendJson(c, await listSpheres(db, query.country), endpoints.listSpheres.cacheable);
    },
    async submitRating({ c, params }) {
      const key = idempotencyKeyOf(c);
      await guard(c, 'submit-rating', params.organizationId);
      const body = await readJsonBody(c, endpoints.submitRating.body);
      const org = await ratingOrg(params.organizationId);
      const at = now();
      checkRating(org, body, todayIn(org.timeZone, at));
      const positions = await receiptPositions(org);
      const result = await once(
        db,
        `submit-rating:${org.id}`,
        key,
        hashRequest(await c.req.text()),
        async (tx) => ({
          status: 201,
          body: JSON.stringify(await submitRating(tx, keys, org, body, at, positions)),
        }),
      );
      if (!result.replayed) invalidateRatings(caches, org);
      return reply(c, result);
    },
    async getRatingSummary({ c, org }) {
      const { id } = requireOrg(org);
      const key = `${id}|`;
      let rep = caches.summaries.get(key);
      if (rep === undefined) {
        rep = represent(await ratingSummary(db, await ratingOrg(id), positionsFromCache(id)));
        caches.summaries.set(key, rep);
      }
      return sendRepresentation(c, rep, endpoints.getRatingSummary.cacheable);
    },
    async getRatingRanking({ c, query, org }) {
      const { id, timeZone } = requireOrg(org);
      const on = dateOn(query.on, todayIn(timeZone, now()));
      const place = await loadRatingPlace(db, id);
      if (place === null) throw new ProblemError(404, 'organization-not-found');
      const group = query.scope === 'sphere' ? sphereGroup(place) : siblingsGroup(place.parentId);
      if (group === null) {
        throw new ProblemError(422, 'validation-failed', 'Invalid query', [
          {
            path: 'query.scope',
            message: 'This organisation has no parent, so no siblings; use scope=sphere',
          },
        ]);
      }
      const period = query.period === 'all' ? null : periodContaining(query.period, on);
      const entries = await caches.rankings.ranking(db, group, period);
      return sendJson(
        c,
        {
          items: entries.slice(query.offset, query.offset + query.limit),
          total: entries.length,
          limit: query.limit,
          offset: query.offset,
          scope: query.scope,
          period: query.period,
          from: period?.from ?? null,
          to: period?.to ?? null,
          position: positionInRanking(entries, id),
        },
        endpoints.getRatingRanking.cacheable,
      );
    },
    async getRatingAnalytics({ c, query, org }) {
      const { id, timeZone } = requireOrg(org);
      const on = dateOn(query.on, todayIn(timeZone, now()));
      const analytics = await ratingAnalytics(
        db,
        await ratingOrg(id),
        { period: query.period, on, months: query.months },
        caches.rankings,
      );
      return sendJson(c, analytics, endpoints.getRatingAnalytics.cacheable);
    },
  };
}
