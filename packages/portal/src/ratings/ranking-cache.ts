import type { RankingEntry } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { totalsOf } from './periods.ts';
import { type RankingRange, type RatingGroup, rankGroup, siblingsGroup, sphereGroup } from './ranking.ts';
import type { RatingPlace } from './settings.ts';

interface Entry {
  ranking: Promise<RankingEntry[]>;
  freshUntil: number;
  refreshing: boolean;
}

export interface RankingCacheOptions {
  /** How long a computed ranking is served as is. Default 30 s. */
  freshMs?: number;
  /** How long after that it is still served while one request recomputes it. Default 5 min. */
  staleMs?: number;
  maxEntries?: number;
}

/**
 * Computed group rankings, kept briefly: a national sphere group is shared by thousands of
 * organisations whose widgets ask for the same list, and computing it costs tens of milliseconds.
 * Concurrent misses share one query; an expired ranking is served while it is recomputed in the
 * background, so only the first request for a group waits. A rating drops the rankings of its
 * organisation's groups on this instance; other instances catch up within `freshMs`.
 */
export class RankingCache {
  readonly #entries = new Map<string, Entry>();
  /** The last ranking computed for each key, kept through invalidations (see `latest`). */
  readonly #latest = new Map<string, Promise<RankingEntry[]>>();
  readonly #freshMs: number;
  readonly #staleMs: number;
  readonly #maxEntries: number;

  constructor(options: RankingCacheOptions = {}) {
    this.#freshMs = options.freshMs ?? 30_000;
    this.#staleMs = options.staleMs ?? 300_000;
    this.#maxEntries = options.maxEntries ?? 2_000;
  }

  ranking(db: Queryable, group: RatingGroup, range: RankingRange): Promise<RankingEntry[]> {
    const key = keyOf(group, range);
    const entry = this.#entries.get(key);
    const now = Date.now();
    if (entry !== undefined && now < entry.freshUntil) return entry.ranking;
    if (entry !== undefined && now < entry.freshUntil + this.#staleMs) {
      if (!entry.refreshing) this.#refresh(key, entry, rankGroup(db, group, range));
      return entry.ranking;
    }
    const ranking = rankGroup(db, group, range);
    this.#store(key, ranking);
    // A failed query is not kept: the next request tries again.
    ranking.catch(() => {
      if (this.#entries.get(key)?.ranking === ranking) this.#entries.delete(key);
    });
    return ranking;
  }

  /**
   * The last ranking computed for the group, even one a rating has made outdated since, without a
   * query (unless none was ever computed). For a rating's receipt: a stream of ratings into a national
   * group drops its ranking each time, and recomputing it for every receipt was most of a
   * submission's time; a receipt's positions may lag a few ratings behind, its averages do not.
   */
  latest(db: Queryable, group: RatingGroup, range: RankingRange): Promise<RankingEntry[]> {
    return this.#latest.get(keyOf(group, range)) ?? this.ranking(db, group, range);
  }

  /** Forgets every computed ranking (a bench measuring uncached reads). */
  clear(): void {
    this.#entries.clear();
    this.#latest.clear();
  }

  /** Forgets every ranking that `place` takes part in. */
  invalidate(place: Pick<RatingPlace, 'country' | 'sphere' | 'category' | 'parentId'>): void {
    const prefixes = [sphereGroup(place).key, siblingsGroup(place.parentId)?.key]
      .filter((key) => key !== undefined)
      .map((key) => `${key}|`);
    for (const key of this.#entries.keys()) {
      if (prefixes.some((prefix) => key.startsWith(prefix))) this.#entries.delete(key);
    }
  }

  #refresh(key: string, entry: Entry, next: Promise<RankingEntry[]>): void {
    entry.refreshing = true;
    next.then(
      // Stored only if nothing replaced or invalidated the entry meanwhile: a rating committed
      // during the refresh must not be hidden behind a ranking computed before it.
      () => {
        if (this.#entries.get(key) === entry) this.#store(key, next);
      },
      () => {
        entry.refreshing = false;
      },
    );
  }

  #store(key: string, ranking: Promise<RankingEntry[]>): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { ranking, freshUntil: Date.now() + this.#freshMs, refreshing: false });
    ranking.then(
      () => {
        this.#latest.delete(key);
        if (this.#latest.size >= this.#maxEntries) {
          const oldest = this.#latest.keys().next();
          if (!oldest.done) this.#latest.delete(oldest.value);
        }
        this.#latest.set(key, ranking);
      },
      () => {},
    );
  }
}

const keyOf = (group: RatingGroup, range: RankingRange) => {
  const totals = totalsOf(range);
  return `${group.key}|${'period' in totals ? totals.period : totals.month}`;
};
