/**
 * Where attempt counters live: the database (SQLite or PostgreSQL, the default) or Redis when
 * REDIS_URL is set, so several app servers share one count without a database write per
 * attempt. Both use the same sliding window, measured by the application clock.
 *
 * Sliding window in buckets: a window of W minutes is cut into 10 buckets of W/10; an attempt
 * adds one to the bucket it falls in, and a key's count is the sum of the current bucket and
 * the 10 before it. Those 11 buckets always cover the last W minutes (and at most W/10 more),
 * so the count never misses an attempt of the last W minutes: a limit of N holds for every
 * stretch of W minutes — no 2× burst around a window edge, as fixed windows allow (N at the end
 * of one window, N more at the start of the next). The price: an attempt keeps counting for
 * between W and 1.1 W. Storage stays at most 11 small numbers per key, whatever the rate.
 */
import type { Kysely } from 'kysely';
import { Redis } from 'ioredis';
import type { Database } from '../../db/schema.js';
import { addToBucket, pruneBuckets, resetBuckets, sumBuckets, sumBucketsOf } from './counter-store.js';

/** One counter of a `count` call: its key and window, and whether this attempt adds one to it. */
export interface CounterRequest {
  key: string;
  windowMinutes: number;
  add: boolean;
}

export interface AttemptCounters {
  /** Adds one to `key` and returns its count over the last `windowMinutes` (sliding, see above). */
  bump(key: string, windowMinutes: number, now: Date): Promise<number>;
  /** Several counters at once (each added to or only read), in one round trip with Redis; their counts in order. */
  count(requests: readonly CounterRequest[], now: Date): Promise<number[]>;
  value(key: string, windowMinutes: number, now: Date): Promise<number>;
  /** `value` of several keys with one window, in one statement or round trip. */
  values(keys: readonly string[], windowMinutes: number, now: Date): Promise<number[]>;
  /** Forgets the key's attempts (e.g. a successful sign-in forgives earlier typos). */
  reset(key: string, windowMinutes: number): Promise<void>;
  close(): Promise<void>;
}

export const BUCKETS_PER_WINDOW = 10;

/** The current bucket's start and the start of the oldest bucket that still counts, in epoch ms. */
export function bucketRange(windowMinutes: number, now: Date): { current: number; oldest: number; bucketMs: number } {
  const bucketMs = (windowMinutes * 60_000) / BUCKETS_PER_WINDOW;
  const current = Math.floor(now.getTime() / bucketMs) * bucketMs;
  return { current, oldest: current - BUCKETS_PER_WINDOW * bucketMs, bucketMs };
}

const PRUNE_AFTER_MS = 24 * 60 * 60_000;

export function databaseCounters(db: Kysely<Database>): AttemptCounters {
  async function bump(key: string, windowMinutes: number, now: Date): Promise<number> {
    const { current, oldest } = bucketRange(windowMinutes, now);
    const inBucket = await addToBucket(db, key, current);
    // The first attempt of an address in a new bucket tidies buckets nobody counts any more.
    if (inBucket === 1 && key.startsWith('ip:')) await pruneBuckets(db, oldest - PRUNE_AFTER_MS);
    return sumBuckets(db, key, oldest);
  }
  const value = (key: string, windowMinutes: number, now: Date) => sumBuckets(db, key, bucketRange(windowMinutes, now).oldest);
  return {
    bump,
    value,
    count: (requests, now) => Promise.all(requests.map((r) => (r.add ? bump(r.key, r.windowMinutes, now) : value(r.key, r.windowMinutes, now)))),
    values: (keys, windowMinutes, now) => sumBucketsOf(db, keys, bucketRange(windowMinutes, now).oldest),
    reset: (key) => resetBuckets(db, key),
    close: async () => {},
  };
}

/**
 * One hash per key (field = bucket start, value = count); for each key in turn: adds (when
 * asked), drops buckets that no longer count and sums the rest, all in one atomic step, so
 * concurrent attempts all count. Several keys in one call share one round trip. ARGV holds four
 * values per key: current bucket, oldest bucket that counts, expiry in ms, 1 to add.
 */
const SLIDING_SCRIPT = `
local totals = {}
for k = 1, #KEYS do
  local at = (k - 1) * 4
  if ARGV[at + 4] == '1' then
    redis.call('HINCRBY', KEYS[k], ARGV[at + 1], 1)
    redis.call('PEXPIRE', KEYS[k], ARGV[at + 3])
  end
  local oldest = tonumber(ARGV[at + 2])
  local total = 0
  local all = redis.call('HGETALL', KEYS[k])
  for i = 1, #all, 2 do
    if tonumber(all[i]) >= oldest then total = total + tonumber(all[i + 1]) else redis.call('HDEL', KEYS[k], all[i]) end
  end
  totals[k] = total
end
return totals`;

type SlidingRedis = Redis & { slidingCount(keyCount: number, ...keysAndArgs: Array<string | number>): Promise<number[]> };

export function redisCounters(url: string): AttemptCounters {
  // lazyConnect: commands that never count attempts (most CLI commands) open no connection.
  // Auto-pipelining: commands of concurrent logins issued in the same tick share one write.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true }) as SlidingRedis;
  // While Redis is away each command fails on its own (a 503, lib/outage.ts); the connection's
  // reconnect errors would otherwise be printed as unhandled, once per retry.
  redis.on('error', () => undefined);
  redis.defineCommand('slidingCount', { lua: SLIDING_SCRIPT });
  const name = (key: string, windowMinutes: number) => `leerpoort:attempts:${key}:${windowMinutes}`;
  async function count(requests: readonly CounterRequest[], now: Date): Promise<number[]> {
    const args = requests.flatMap(({ windowMinutes, add }) => {
      const { current, oldest, bucketMs } = bucketRange(windowMinutes, now);
      // Expires once its newest bucket stops counting: W and one bucket after the last attempt.
      return [current, oldest, (BUCKETS_PER_WINDOW + 1) * bucketMs, add ? 1 : 0];
    });
    const totals = await redis.slidingCount(requests.length, ...requests.map((r) => name(r.key, r.windowMinutes)), ...args);
    return totals.map(Number);
  }
  return {
    count,
    bump: async (key, windowMinutes, now) => (await count([{ key, windowMinutes, add: true }], now))[0],
    value: async (key, windowMinutes, now) => (await count([{ key, windowMinutes, add: false }], now))[0],
    values: (keys, windowMinutes, now) => count(keys.map((key) => ({ key, windowMinutes, add: false })), now),
    async reset(key, windowMinutes) {
      await redis.del(name(key, windowMinutes));
    },
    async close() {
      if (redis.status !== 'wait' && redis.status !== 'end') await redis.quit();
    },
  };
}
