import { endpoints } from '@otklik/client/contract';
import type { RatingSummary } from '@otklik/client/schemas';
import { type IntakeGuard, limitedAs } from '../abuse/intake-guard.ts';
import { queriedDay, todayIn } from '../dates.ts';
import type { Database } from '../db/types.ts';
import { TtlCache } from '../http/cache.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { ProblemError } from '../http/problem.ts';
import { type JsonReply, represent } from '../http/respond.ts';
import type { KeyRing } from '../security/keys.ts';
import { ratingAnalytics } from './analytics.ts';
import { periodContaining } from './periods.ts';
import { positionInRanking, type RatingGroup, siblingsGroup, sphereGroup } from './ranking.ts';
import { RankingCache } from './ranking-cache.ts';
import { loadRatingOrganization, loadRatingPlace, type RatingPlace } from './settings.ts';
import { checkRating, submitRating } from './submit.ts';
import { type PositionOf, ratingSummary } from './summary.ts';

/** In-process caches of the rating reads; a rating drops its organisation's entries on this instance. */
export interface RatingCaches {
  /** The badge's summary per organisation, keyed `id|`: keeps the 304 path free of queries. */
  readonly summaries: TtlCache<JsonReply<RatingSummary>>;
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
  caches: RatingCaches;
  /** The clock of rating days and of "today" (tests move it between periods). */
  now?: (() => Date) | undefined;
  /** Rate limiting shared with the appeal intake (abuse/intake-guard.ts). */
  guard?: IntakeGuard | undefined;
}

/** The public side of ratings: submission, the badge's summary, rankings and analytics. */
export function registerRatingRoutes(
  router: Router,
  { db, keys, caches, now = () => new Date(), guard }: RatingRoutesOptions,
): void {
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

  registerEndpoint(
    router,
    endpoints.submitRating,
    async ({ params, body, idempotency }) => {
      const org = await ratingOrg(params.organizationId);
      const at = now();
      checkRating(org, body, todayIn(org.timeZone, at));
      const positions = await receiptPositions(org);
      const receipt = await idempotency.once((tx) => submitRating(tx, keys, org, body, at, positions));
      if (!receipt.replayed) invalidateRatings(caches, org);
      return receipt;
    },
    limitedAs(guard, 'submit-rating'),
  );

  registerEndpoint(
    router,
    endpoints.getRatingSummary,
    async ({ org }) => {
      const key = `${org.id}|`;
      let summary = caches.summaries.get(key);
      if (summary === undefined) {
        summary = represent(await ratingSummary(db, await ratingOrg(org.id), positionsFromCache(org.id)));
        caches.summaries.set(key, summary);
      }
      return summary;
    },
    limitedAs(guard, 'public-read'),
  );

  registerEndpoint(
    router,
    endpoints.getRatingRanking,
    async ({ query, org }) => {
      const on = queriedDay(query.on, todayIn(org.timeZone, now()));
      const place = await loadRatingPlace(db, org.id);
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
      return {
        items: entries.slice(query.offset, query.offset + query.limit),
        total: entries.length,
        limit: query.limit,
        offset: query.offset,
        scope: query.scope,
        period: query.period,
        from: period?.from ?? null,
        to: period?.to ?? null,
        position: positionInRanking(entries, org.id),
      };
    },
    limitedAs(guard, 'public-read'),
  );

  registerEndpoint(
    router,
    endpoints.getRatingAnalytics,
    async ({ query, org }) => {
      const on = queriedDay(query.on, todayIn(org.timeZone, now()));
      return ratingAnalytics(
        db,
        await ratingOrg(org.id),
        { period: query.period, on, months: query.months },
        caches.rankings,
      );
    },
    limitedAs(guard, 'public-read'),
  );
}
