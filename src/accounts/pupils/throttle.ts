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
  const ipKey = (ip: string) => `ip:${ip}`;
  return {
    /** Counts every attempt from the address; true while under the ceiling. */
    async ipAllows(ip: string, now: Date): Promise<boolean> {
      return (await counters.bump(ipKey(ip), 1, now)) <= limits.maxAttemptsPerIpPerMinute;
    },
    /** Counts this attempt from the address and reads the device's failures: one round trip with Redis. */
    async gate(ip: string, deviceId: string, now: Date): Promise<{ ipAllowed: boolean; deviceBlocked: boolean }> {
      const [ipCount, deviceCount] = await counters.count(
        [
          { key: ipKey(ip), windowMinutes: 1, add: true },
          { key: deviceKey(deviceId), windowMinutes: limits.deviceWindowMinutes, add: false },
        ],
        now,
      );
      return { ipAllowed: ipCount <= limits.maxAttemptsPerIpPerMinute, deviceBlocked: deviceCount >= limits.maxFailuresPerDevice };
    },
    async deviceFailed(deviceId: string, now: Date): Promise<void> {
      await counters.bump(deviceKey(deviceId), limits.deviceWindowMinutes, now);
    },
  };
}
