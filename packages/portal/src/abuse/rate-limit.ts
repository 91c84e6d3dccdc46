/**
 * Rate-limit counters: a fixed window per key that starts at the key's first hit.
 *
 * Why a fixed window: it is one counter and one expiry per key, which every shared store does in a
 * single atomic step (one upsert in PostgreSQL, INCR + PEXPIRE in one Redis script) and in O(1)
 * memory. A sliding log would store every hit; a sliding-window counter would need two counters and
 * a read-modify-write. The cost is that a client can spend up to 2 × `limit` across the end of one
 * window and the start of the next — acceptable for abuse limits, which are set generously for real
 * users anyway. Windows start at the first hit (not on clock boundaries), so there is no moment when
 * every client's window resets together.
 */
import type { Queryable } from '../db/types.ts';

export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the current window ends (ms since the epoch). */
  resetAt: number;
}

export interface RateLimitStore {
  /** Counts one hit for `key`, starting a new window of `windowMs` when none is running. */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
}

// ---------------------------------------------------------------------------------------------
// One process

export interface MemoryRateLimitStoreOptions {
  /** Most keys held at once (default 100 000, a few MB). When full, the oldest window is dropped. */
  maxKeys?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Counters in this process's memory: for one instance (the PGlite deployment, tests). Memory is
 * bounded by `maxKeys`; expired windows are dropped as new hits arrive. Keys are kept in the order
 * their windows started, so the expired ones are at the front and each hit removes a few of them.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, RateLimitHit>();
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#maxKeys = Math.max(1, options.maxKeys ?? 100_000);
    this.#now = options.now ?? Date.now;
  }

  /** Keys currently held (expired windows not yet dropped included). */
  get size(): number {
    return this.#windows.size;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    return this.hitNow(key, windowMs);
  }

  /** {@link hit} without the promise, for a caller that answers synchronously (cached reads). */
  hitNow(key: string, windowMs: number): RateLimitHit {
    const now = this.#now();
    this.#dropExpired(now, 4);
    const current = this.#windows.get(key);
    if (current !== undefined && current.resetAt > now) {
      current.count++;
      return { count: current.count, resetAt: current.resetAt };
    }
    // A new window goes to the back of the insertion order.
    this.#windows.delete(key);
    if (this.#windows.size >= this.#maxKeys) {
      this.#dropExpired(now, Number.POSITIVE_INFINITY);
      // Still full: drop the window that started first. Under a flood of distinct keys this resets
      // someone's counter early; the alternative is unbounded memory.
      while (this.#windows.size >= this.#maxKeys) {
        const oldest = this.#windows.keys().next();
        if (oldest.done) break;
        this.#windows.delete(oldest.value);
      }
    }
    const window = { count: 1, resetAt: now + windowMs };
    this.#windows.set(key, window);
    return { count: 1, resetAt: window.resetAt };
  }

  /**
   * Drops expired windows from the front, at most `budget` of them when stopping at the first live
   * one; a full sweep (`budget` infinite) also looks past live windows (mixed window lengths).
   */
  #dropExpired(now: number, budget: number): void {
    let dropped = 0;
    for (const [key, window] of this.#windows) {
      if (window.resetAt <= now) {
        this.#windows.delete(key);
        if (++dropped >= budget) return;
      } else if (budget !== Number.POSITIVE_INFINITY) {
        return;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Several processes: PostgreSQL (or PGlite) through the query layer

const HIT_SQL = `INSERT INTO rate_limits AS r (key, count, reset_at)
VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN r.reset_at <= now() THEN 1 ELSE LEAST(r.count + 1, 2147483647) END,
  reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
RETURNING count, (extract(epoch FROM reset_at) * 1000)::float8 AS reset_at_ms`;

export interface PostgresRateLimitStoreOptions {
  /** Every this many hits, this instance deletes expired rows in the background (default 1000; 0 = never). */
  pruneEvery?: number;
}

/**
 * Counters in the `rate_limits` table (migration 0003): shared by every instance on one PostgreSQL,
 * also runs on PGlite. One upsert per hit, atomic under concurrency (`ON CONFLICT DO UPDATE` locks
 * the row); the database's clock decides windows, so instances with skewed clocks agree.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  readonly #db: Queryable;
  readonly #pruneEvery: number;
  #hits = 0;

  constructor(db: Queryable, options: PostgresRateLimitStoreOptions = {}) {
    this.#db = db;
    this.#pruneEvery = options.pruneEvery ?? 1000;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const rows = await this.#db.query<{ count: number; reset_at_ms: number }>(HIT_SQL, [key, windowMs]);
    const row = rows[0];
    if (row === undefined) throw new Error('rate_limits upsert returned no row');
    if (this.#pruneEvery > 0 && ++this.#hits % this.#pruneEvery === 0) {
      // Housekeeping must never fail a request.
      this.prune().catch(() => {});
    }
    return { count: Number(row.count), resetAt: Math.round(Number(row.reset_at_ms)) };
  }

  /** Deletes expired windows; returns how many. */
  async prune(): Promise<number> {
    const rows = await this.#db.query('DELETE FROM rate_limits WHERE reset_at <= now() RETURNING 1');
    return rows.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Several processes: Redis

/**
 * INCR, and on the first hit of a window PEXPIRE, in one atomic script; returns the count and the
 * milliseconds left. A key that somehow lost its expiry (PTTL -1) gets one again.
 */
export const REDIS_HIT_SCRIPT = `local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** The part of a node-redis (`redis` package) client this store uses. */
export interface RedisEvalClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (default `otklik:rl:`), so the portal can share a Redis. */
  prefix?: string;
}

/**
 * Counters in Redis, shared by every instance. Pass a connected node-redis client
 * (`createClient({ url }).connect()`); the store does not own it. Redis expires the keys itself.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #client: RedisEvalClient;
  readonly #prefix: string;

  constructor(client: RedisEvalClient, options: RedisRateLimitStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? 'otklik:rl:';
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const ms = Math.max(1, Math.ceil(windowMs));
    const reply = await this.#client.eval(REDIS_HIT_SCRIPT, {
      keys: [this.#prefix + key],
      arguments: [String(ms)],
    });
    if (!Array.isArray(reply) || reply.length !== 2) throw new Error('Unexpected reply from Redis');
    return { count: Number(reply[0]), resetAt: Date.now() + Number(reply[1]) };
  }
}
