/**
 * Slows down password guessing at the staff sign-in: failures are counted per e-mail address
 * (whether or not an account exists, so the limit reveals nothing) and per IP address, in a
 * sliding window (the pupils' attempt counters: never more than the limit in any stretch of the
 * window, no 2× burst at a window edge). Counters live in the database, so they hold across
 * restarts and processes.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken } from '../../lib/tokens.js';
import { bucketRange, databaseCounters } from '../pupils/counters.js';

/**
 * Failures per e-mail address per window: enough for typos, far too few for guessing. Per IP
 * address: a school shares one address, so that limit is generous. Defaults 10, 100, 15 minutes.
 */
export interface StaffThrottleLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowMinutes: number;
}

export interface ThrottleCheck {
  blocked: boolean;
  /** The address's failures in the window: `recordSuccess` has nothing to forgive at 0. */
  accountFailures: number;
}

export function throttleKeys(email: string, ip: string): { account: string; ip: string } {
  // The address is hashed so the table holds no e-mail addresses of people without an account.
  return { account: `email:${hashToken(email)}`, ip: `ip:${ip}` };
}

export function createStaffThrottle(deps: { db: Kysely<Database>; clock: Clock; limits: StaffThrottleLimits }) {
  const { clock, limits } = deps;
  const counters = databaseCounters(deps.db);
  // Pupil login counts every attempt under "ip:<address>" in the same table: sign-in failures
  // get their own names, or a class logging in would lock the teachers out.
  const scoped = (key: string) => `signin:${key}`;

  /**
   * Both counters in one statement: `blocked` when either has reached its limit in the last
   * window; `accountFailures` tells `recordSuccess` whether there is anything to forgive.
   */
  async function check(keys: { account: string; ip: string }): Promise<ThrottleCheck> {
    const [account, ip] = await counters.values([scoped(keys.account), scoped(keys.ip)], limits.windowMinutes, clock.now());
    return judge(account, ip);
  }

  function judge(account: number, ip: number): ThrottleCheck {
    return { blocked: account >= limits.maxFailuresPerAccount || ip >= limits.maxFailuresPerIp, accountFailures: account };
  }

  /**
   * `check` for a caller that reads the two counts inside its own statement (the staff sign-in
   * reads them with the account): the counters' keys and first bucket, and `judge` for the
   * values they gave.
   */
  function checkInStatement(keys: { account: string; ip: string }) {
    const { oldest } = bucketRange(limits.windowMinutes, clock.now());
    return { accountKey: scoped(keys.account), ipKey: scoped(keys.ip), oldest, judge };
  }

  async function blocked(keys: { account: string; ip: string }): Promise<boolean> {
    return (await check(keys)).blocked;
  }

  async function recordFailure(keys: { account: string; ip: string }): Promise<void> {
    for (const key of [keys.account, keys.ip]) await counters.bump(scoped(key), limits.windowMinutes, clock.now());
  }

  /**
   * A successful sign-in forgives the address's earlier typos (not the IP's). `failuresSeen`:
   * the account count `check` returned for this sign-in; at 0 there is nothing to delete, which
   * spares most sign-ins a write. A failure that lands between the check and here stays counted:
   * stricter, never looser.
   */
  async function recordSuccess(keys: { account: string }, failuresSeen = Number.POSITIVE_INFINITY): Promise<void> {
    if (failuresSeen > 0) await counters.reset(scoped(keys.account), limits.windowMinutes);
  }

  return { check, checkInStatement, blocked, recordFailure, recordSuccess };
}

export type StaffThrottle = ReturnType<typeof createStaffThrottle>;
