/**
 * Optional TOTP for the people who manage schools (ICT-coördinatoren, board admins). The
 * secret is shown once while setting up; after the first correct code it is switched on
 * and never shown again. The secret is stored sealed and each code works once (totp-secrets.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import * as store from './store.js';
import { newTotpSecret, otpauthUri } from './totp.js';
import type { TotpSecrets } from './totp-secrets.js';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

export function totpAvailableFor(actor: StaffActor): boolean {
  return actor.roles.some((r) => r.role === 'schoolAdmin' || r.role === 'boardAdmin');
}

export function createTwoFactorService(deps: { db: Kysely<Database>; clock: Clock; totpSecrets: TotpSecrets }) {
  const { db, clock, totpSecrets } = deps;

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
    await store.setTotp(db, row.id, { secret: totpSecrets.seal(secret), enabled: false });
    return { secret, uri: otpauthUri(secret, row.email) };
  }

  /** What `begin` showed, again (e.g. after a wrong code); null when no set-up is in progress. */
  async function pending(actor: StaffActor): Promise<{ secret: string; uri: string } | null> {
    const row = await account(actor);
    const secret = row.totpEnabled ? null : await totpSecrets.secretOf(db, row);
    return secret ? { secret, uri: otpauthUri(secret, row.email) } : null;
  }

  async function confirm(actor: StaffActor, code: string): Promise<void> {
    const row = await account(actor);
    // Accepting records the code's step: the code that switched it on cannot sign in afterwards.
    if (row.totpEnabled || !(await totpSecrets.accept(db, row, code))) throw new AppError('staff.totp_invalid');
    await db.transaction().execute(async (trx) => {
      await store.enableTotp(trx, row.id);
      await recordAudit(trx, clock, { actor: `staff:${row.id}`, action: 'staff.totp_enabled' });
    });
  }

  /** Switching it off needs a current code, so a borrowed session alone cannot do it. */
  async function disable(actor: StaffActor, code: string): Promise<void> {
    const row = await account(actor);
    if (!row.totpEnabled || !(await totpSecrets.accept(db, row, code))) throw new AppError('staff.totp_invalid');
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
