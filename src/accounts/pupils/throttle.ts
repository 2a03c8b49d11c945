/**
 * Attempt limits for a school morning: thirty pupils share one school IP, so a wrong code
 * counts against the pupil (short lock the teacher sees) and the device (cookie id); the IP
 * only has a generous ceiling. Counters live in the database (SQLite or PostgreSQL); a Redis
 * store is not built yet.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PupilLoginConfig } from '../../config/index.js';
import { bumpCounter, counterValue, pruneCounters } from './store.js';

export type ThrottleLimits = Pick<PupilLoginConfig, 'maxFailuresPerDevice' | 'deviceWindowMinutes' | 'maxAttemptsPerIpPerMinute'>;

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

export function createThrottle(db: Kysely<Database>, limits: ThrottleLimits) {
  const deviceKey = (deviceId: string) => `device:${deviceId}`;
  return {
    /** Counts every attempt from the address; true while under the ceiling. */
    async ipAllows(ip: string, now: Date): Promise<boolean> {
      const count = await bumpCounter(db, `ip:${ip}`, now.toISOString(), minutesBefore(now, 1));
      // A new minute for this address (at most once a minute per address): tidy up old windows.
      if (count === 1) await pruneCounters(db, minutesBefore(now, Math.max(limits.deviceWindowMinutes, 1) + 24 * 60));
      return count <= limits.maxAttemptsPerIpPerMinute;
    },
    async deviceBlocked(deviceId: string, now: Date): Promise<boolean> {
      const failures = await counterValue(db, deviceKey(deviceId), minutesBefore(now, limits.deviceWindowMinutes));
      return failures >= limits.maxFailuresPerDevice;
    },
    async deviceFailed(deviceId: string, now: Date): Promise<void> {
      await bumpCounter(db, deviceKey(deviceId), now.toISOString(), minutesBefore(now, limits.deviceWindowMinutes));
    },
  };
}
