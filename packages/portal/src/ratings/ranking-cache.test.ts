import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Queryable } from '../db/types.ts';
import { siblingsGroup, sphereGroup } from './ranking.ts';
import { RankingCache } from './ranking-cache.ts';

/** A database whose one group holds `rows` ([id, name, count, hundredths]); it counts the queries. */
function fakeDb(rows: [string, string, number, number][]) {
  const db = {
    queries: 0,
    rows,
    async query<Row>(): Promise<Row[]> {
      db.queries += 1;
      return [{ rows: db.rows }] as Row[];
    },
    async exec() {},
  };
  return db satisfies Queryable & { queries: number };
}

const place = { country: 'RU' as const, sphere: 'education', category: 'school', parentId: 'dept' };
const siblings = siblingsGroup('dept');
if (siblings === null) throw new Error('unreachable');

describe('RankingCache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one query between requests and ranks with ties', async () => {
    const db = fakeDb([
      ['b', 'Beta', 4, 450],
      ['a', 'Alpha', 2, 450],
      ['c', 'Gamma', 1, 300],
    ]);
    const cache = new RankingCache();
    const [first, second] = await Promise.all([
      cache.ranking(db, siblings, null),
      cache.ranking(db, siblings, null),
    ]);
    expect(db.queries).toBe(1);
    expect(second).toBe(first);
    expect(first.map((e) => [e.organizationId, e.rank, e.average])).toEqual([
      ['b', 1, 4.5],
      ['a', 1, 4.5],
      ['c', 3, 3],
    ]);
  });

  it('serves an expired ranking while one refresh runs, then the refreshed one', async () => {
    vi.useFakeTimers();
    const db = fakeDb([['a', 'Alpha', 1, 500]]);
    const cache = new RankingCache({ freshMs: 1_000, staleMs: 10_000 });
    await cache.ranking(db, siblings, null);
    db.rows = [['b', 'Beta', 1, 500]];
    vi.advanceTimersByTime(1_500);
    const stale = await cache.ranking(db, siblings, null);
    expect(stale.map((e) => e.organizationId)).toEqual(['a']);
    await cache.ranking(db, siblings, null);
    expect(db.queries).toBe(2);
    const fresh = await cache.ranking(db, siblings, null);
    expect(fresh.map((e) => e.organizationId)).toEqual(['b']);
    vi.advanceTimersByTime(20_000);
    await cache.ranking(db, siblings, null);
    expect(db.queries).toBe(3);
  });

  it('a rating drops the rankings of both groups of its organisation, and only those', async () => {
    const db = fakeDb([['a', 'Alpha', 1, 500]]);
    const cache = new RankingCache();
    const other = siblingsGroup('dept-2');
    if (other === null) throw new Error('unreachable');
    await cache.ranking(db, siblings, null);
    await cache.ranking(db, sphereGroup(place), null);
    await cache.ranking(db, other, null);
    cache.invalidate(place);
    await cache.ranking(db, siblings, null);
    await cache.ranking(db, sphereGroup(place), null);
    await cache.ranking(db, other, null);
    expect(db.queries).toBe(5);
  });

  it('latest() answers from the last computed ranking through invalidations, querying only at first', async () => {
    const db = fakeDb([['a', 'Alpha', 1, 500]]);
    const cache = new RankingCache();
    expect((await cache.latest(db, siblings, null)).map((e) => e.organizationId)).toEqual(['a']);
    expect(db.queries).toBe(1);
    db.rows = [['b', 'Beta', 1, 500]];
    cache.invalidate(place);
    expect((await cache.latest(db, siblings, null)).map((e) => e.organizationId)).toEqual(['a']);
    expect(db.queries).toBe(1);
    // A reader recomputes; from then on latest() has the new ranking.
    expect((await cache.ranking(db, siblings, null)).map((e) => e.organizationId)).toEqual(['b']);
    expect((await cache.latest(db, siblings, null)).map((e) => e.organizationId)).toEqual(['b']);
    expect(db.queries).toBe(2);
  });

  it('a refresh that started before an invalidation is not stored', async () => {
    vi.useFakeTimers();
    const db = fakeDb([['a', 'Alpha', 1, 500]]);
    const cache = new RankingCache({ freshMs: 1_000 });
    await cache.ranking(db, siblings, null);
    vi.advanceTimersByTime(1_500);
    await cache.ranking(db, siblings, null); // stale: starts a refresh
    cache.invalidate(place);
    await vi.runAllTimersAsync();
    db.rows = [['b', 'Beta', 1, 500]];
    expect((await cache.ranking(db, siblings, null)).map((e) => e.organizationId)).toEqual(['b']);
  });
});
