/**
 * TOTP secrets at rest: sealed with the secret box under SECRET_KEY (purpose 'staff.totp'), so
 * a copy of the database alone cannot generate anyone's codes. Checking a code also records
 * its time step, so each code is accepted once (RFC 6238 section 5.2).
 *
 * Secrets stored before migration 008 are base32 plaintext. Sealed values start with the box's
 * format marker 'sb1.', which base32 (A–Z, 2–7) can never produce, so the two are told apart
 * by their first characters. A plaintext secret keeps working and is sealed in place the first
 * time it is read (account page, set-up or sign-in); the migration cannot do it because it has
 * no SECRET_KEY. The re-seal is a compare-and-set on the old value, so it never overwrites a
 * secret that changed in between.
 */
import type { Kysely } from 'kysely';
import { sealedColumn, type Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { isSealedValue, type SecretBox } from '../../lib/secret-box.js';
import * as store from './store.js';
import { matchingStep } from './totp.js';

const PURPOSE = 'staff.totp';

/** For `leerpoort secrets reseal`, which also seals the plaintext secrets nobody has read since migration 008. */
export const totpSealedColumn = sealedColumn({
  kind: PURPOSE, label: 'TOTP-geheimen van medewerkers', table: 'staff_accounts', key: 'id', column: 'totp_secret',
  purpose: () => PURPOSE, plaintextBeforeSealing: true,
});

export interface TotpSecrets {
  seal(secret: string): string;
  /** The base32 secret of the account (sealing a legacy plaintext one on the way); null when none. */
  secretOf(db: Kysely<Database>, account: store.StaffAccountRow): Promise<string | null>;
  /** True when `code` is right now and its step comes after the last accepted one; records the step. */
  accept(db: Kysely<Database>, account: store.StaffAccountRow, code: string): Promise<boolean>;
}

export function createTotpSecrets(deps: { box: SecretBox; clock: Clock }): TotpSecrets {
  const { box, clock } = deps;
  const seal = (secret: string) => box.seal(secret, PURPOSE);

  async function secretOf(db: Kysely<Database>, account: store.StaffAccountRow): Promise<string | null> {
    const stored = account.totpSecret;
    if (!stored) return null;
    if (isSealedValue(stored)) return box.open(stored, PURPOSE);
    await store.resealTotp(db, account.id, stored, seal(stored));
    return stored;
  }

  async function accept(db: Kysely<Database>, account: store.StaffAccountRow, code: string): Promise<boolean> {
    const secret = await secretOf(db, account);
    if (!secret) return false;
    const step = matchingStep(secret, code, clock.now(), account.totpLastStep);
    return step !== null && (await store.acceptTotpStep(db, account.id, step));
  }

  return { seal, secretOf, accept };
}
