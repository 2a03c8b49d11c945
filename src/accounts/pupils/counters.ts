/**
 * Where attempt counters live: the database (SQLite or PostgreSQL, the default) or Redis when
 * REDIS_URL is set, so several app servers share one count without a database write per
 * attempt. Both count in fixed windows measured by the application clock.
 */
import type { Kysely } from 'kysely';
import { Redis } from 'ioredis';
import type { Database } from '../../db/schema.js';
import { bumpCounter, counterValue, pruneCounters } from './store.js';

export interface AttemptCounters {
  /** Adds one to `key` and returns the count in its current window. */
  bump(key: string, windowMinutes: number, now: Date): Promise<number>;
  value(key: string, windowMinutes: number, now: Date): Promise<number>;
  close(): Promise<void>;
}

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const PRUNE_AFTER_MINUTES = 24 * 60;

/** A window starts at the key's first attempt; the first attempt of an address in a window tidies old rows. */
export function databaseCounters(db: Kysely<Database>): AttemptCounters {
  return {
    async bump(key, windowMinutes, now) {
      const count = await bumpCounter(db, key, now.toISOString(), minutesBefore(now, windowMinutes));
      if (count === 1 && key.startsWith('ip:')) await pruneCounters(db, minutesBefore(now, windowMinutes + PRUNE_AFTER_MINUTES));
      return count;
    },
    value: (key, windowMinutes, now) => counterValue(db, key, minutesBefore(now, windowMinutes)),
    close: async () => {},
  };
}

/** Windows aligned to the clock (key per window index); Redis expires old windows by itself. */
export function redisCounters(url: string): AttemptCounters {
  // lazyConnect: commands that never count attempts (most CLI commands) open no connection.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const windowKey = (key: string, windowMinutes: number, now: Date) => {
    const windowMs = windowMinutes * 60_000;
    return { name: `leerpoort:attempts:${key}:${windowMinutes}:${Math.floor(now.getTime() / windowMs)}`, windowMs };
  };
  return {
    async bump(key, windowMinutes, now) {
      const { name, windowMs } = windowKey(key, windowMinutes, now);
      const [[, count]] = (await redis.multi().incr(name).pexpire(name, 2 * windowMs).exec()) as [[Error | null, number], unknown];
      return Number(count);
    },
    async value(key, windowMinutes, now) {
      return Number((await redis.get(windowKey(key, windowMinutes, now).name)) ?? 0);
    },
    async close() {
      if (redis.status !== 'wait' && redis.status !== 'end') await redis.quit();
    },
  };
}
