/**
 * Attempt limits for a school morning: thirty pupils share one school IP, so a wrong code
 * counts against the pupil (short lock the teacher sees) and the device (cookie id); the IP
 * only has a generous ceiling. Counters live in the database, or in Redis when configured.
 */
import type { PupilLoginConfig } from '../../config/index.js';
import type { AttemptCounters } from './counters.js';

export type ThrottleLimits = Pick<PupilLoginConfig, 'maxFailuresPerDevice' | 'deviceWindowMinutes' | 'maxAttemptsPerIpPerMinute'>;

export function createThrottle(counters: AttemptCounters, limits: ThrottleLimits) {
  const deviceKey = (deviceId: string) => `device:${deviceId}`;
  return {
    /** Counts every attempt from the address; true while under the ceiling. */
    async ipAllows(ip: string, now: Date): Promise<boolean> {
      return (await counters.bump(`ip:${ip}`, 1, now)) <= limits.maxAttemptsPerIpPerMinute;
    },
    async deviceBlocked(deviceId: string, now: Date): Promise<boolean> {
      return (await counters.value(deviceKey(deviceId), limits.deviceWindowMinutes, now)) >= limits.maxFailuresPerDevice;
    },
    async deviceFailed(deviceId: string, now: Date): Promise<void> {
      await counters.bump(deviceKey(deviceId), limits.deviceWindowMinutes, now);
    },
  };
}
