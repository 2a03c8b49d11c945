/**
 * Slows down password guessing at the staff sign-in: failures are counted per e-mail address
 * (whether or not an account exists, so the limit reveals nothing) and per IP address, in
 * fixed windows. Counters live in the database, so they hold across restarts and processes.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken } from '../../lib/tokens.js';

/**
 * Failures per e-mail address per window: enough for typos, far too few for guessing. Per IP
 * address: a school shares one address, so that limit is generous. Defaults 10, 100, 15 minutes.
 */
export interface StaffThrottleLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowMinutes: number;
}

export function throttleKeys(email: string, ip: string): { account: string; ip: string } {
  // The address is hashed so the table holds no e-mail addresses of people without an account.
  return { account: `email:${hashToken(email)}`, ip: `ip:${ip}` };
}

export function createStaffThrottle(deps: { db: Kysely<Database>; clock: Clock; limits: StaffThrottleLimits }) {
  const { db, clock, limits } = deps;
  const windowMs = limits.windowMinutes * 60_000;

  async function failuresInWindow(key: string): Promise<number> {
    const row = await db.selectFrom('staff_login_throttle').select(['failures', 'window_started_at']).where('key', '=', key).executeTakeFirst();
    if (!row || clock.now().getTime() - Date.parse(row.window_started_at) >= windowMs) return 0;
    return Number(row.failures);
  }

  /** True when either counter has reached its limit in the current window. */
  async function blocked(keys: { account: string; ip: string }): Promise<boolean> {
    return (await failuresInWindow(keys.account)) >= limits.maxFailuresPerAccount || (await failuresInWindow(keys.ip)) >= limits.maxFailuresPerIp;
  }

  async function recordFailure(keys: { account: string; ip: string }): Promise<void> {
    const now = clock.now().toISOString();
    for (const key of [keys.account, keys.ip]) {
      const current = await failuresInWindow(key);
      if (current === 0) {
        await db
          .insertInto('staff_login_throttle')
          .values({ key, window_started_at: now, failures: 1 })
          .onConflict((oc) => oc.column('key').doUpdateSet({ window_started_at: now, failures: 1 }))
          .execute();
      } else {
        await db
          .updateTable('staff_login_throttle')
          .set((eb) => ({ failures: eb('failures', '+', 1) }))
          .where('key', '=', key)
          .execute();
      }
    }
  }

  /** A successful sign-in forgives the address's earlier typos (not the IP's). */
  async function recordSuccess(keys: { account: string }): Promise<void> {
    await db.deleteFrom('staff_login_throttle').where('key', '=', keys.account).execute();
  }

  return { blocked, recordFailure, recordSuccess };
}

export type StaffThrottle = ReturnType<typeof createStaffThrottle>;
