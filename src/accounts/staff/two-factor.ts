/**
 * Optional TOTP for the people who manage schools (ICT-coördinatoren, board admins). The
 * secret is shown once while setting up; after the first correct code it is switched on
 * and never shown again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import * as store from './store.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

export function totpAvailableFor(actor: StaffActor): boolean {
  return actor.roles.some((r) => r.role === 'schoolAdmin' || r.role === 'boardAdmin');
}

export function createTwoFactorService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  async function account(actor: StaffActor) {
    if (!totpAvailableFor(actor)) throw new AppError('staff.totp_not_available');
    const row = await store.accountById(db, actor.accountId);
    if (!row) throw new AppError('staff.account_not_found');
    return row;
  }

  /** A new secret, kept unconfirmed until `confirm`; returns what the authenticator app needs. */
  async function begin(actor: StaffActor): Promise<{ secret: string; uri: string }> {
    const row = await account(actor);
    if (row.totpEnabled) throw new AppError('staff.invalid_role');
    const secret = newTotpSecret();
    await store.setTotp(db, row.id, { secret, enabled: false });
    return { secret, uri: otpauthUri(secret, row.email) };
  }

  /** What `begin` showed, again (e.g. after a wrong code); null when no set-up is in progress. */
  async function pending(actor: StaffActor): Promise<{ secret: string; uri: string } | null> {
    const row = await account(actor);
    return row.totpSecret && !row.totpEnabled ? { secret: row.totpSecret, uri: otpauthUri(row.totpSecret, row.email) } : null;
  }

  async function confirm(actor: StaffActor, code: string): Promise<void> {
    const row = await account(actor);
    if (!row.totpSecret || row.totpEnabled || !verifyTotp(row.totpSecret, code, clock.now())) throw new AppError('staff.totp_invalid');
    await db.transaction().execute(async (trx) => {
      await store.setTotp(trx, row.id, { secret: row.totpSecret, enabled: true });
      await recordAudit(trx, clock, { actor: `staff:${row.id}`, action: 'staff.totp_enabled' });
    });
  }

  /** Switching it off needs a current code, so a borrowed session alone cannot do it. */
  async function disable(actor: StaffActor, code: string): Promise<void> {
    const row = await account(actor);
    if (!row.totpSecret || !row.totpEnabled || !verifyTotp(row.totpSecret, code, clock.now())) throw new AppError('staff.totp_invalid');
    await db.transaction().execute(async (trx) => {
      await store.setTotp(trx, row.id, { secret: null, enabled: false });
      await recordAudit(trx, clock, { actor: `staff:${row.id}`, action: 'staff.totp_disabled' });
    });
  }

  async function enabled(actor: StaffActor): Promise<boolean> {
    return (await store.accountById(db, actor.accountId))?.totpEnabled ?? false;
  }

  return { begin, pending, confirm, disable, enabled };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
