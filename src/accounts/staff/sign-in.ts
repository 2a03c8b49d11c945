/**
 * How staff get in: activation link → own password; e-mail + password (+ TOTP code when
 * switched on); forgotten password → reset link. Every path answers wrong input with one
 * generic message and takes the same argon2 time whether or not the address exists, so the
 * sign-in form cannot be used to find out who has an account.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Mailer } from '../../mail/index.js';
import type { SessionSubject } from '../sessions.js';
import { normaliseEmail } from './identity.js';
import { resetMail } from './mail-texts.js';
import { verifyPassword } from './password.js';
import { choosePasswordWithLink } from '../password-links.js';
import * as store from './store.js';
import { createStaffThrottle, throttleKeys, type StaffThrottleLimits } from './throttle.js';
import type { TotpSecrets } from './totp-secrets.js';

export const RESET_MINUTES = 60;
export const RESET_PATH = '/account/nieuw-wachtwoord/';
/** Time to type the authenticator code after the password was right. */
const TOTP_STEP_MINUTES = 5;

export type StaffSubject = Extract<SessionSubject, { kind: 'staff' }>;
export type PasswordLoginResult = { kind: 'signedIn'; subject: StaffSubject } | { kind: 'totpRequired'; pendingToken: string };

/** What a password sign-in service needs; parents' sign-in takes the same. */
export interface SignInDeps {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Pick<Mailer, 'send'>;
  publicUrl: string;
  throttle: StaffThrottleLimits;
}

export function createStaffSignInService(deps: SignInDeps & { totpSecrets: TotpSecrets }) {
  const { db, clock, mailer, publicUrl, totpSecrets } = deps;
  const throttle = createStaffThrottle({ db, clock, limits: deps.throttle });
  const now = () => clock.now().toISOString();
  const audit = (trx: Kysely<Database>, accountId: number, action: string, details: Record<string, unknown> = {}) =>
    recordAudit(trx, clock, { actor: `staff:${accountId}`, action, details });

  async function completeSignIn(account: store.StaffAccountRow): Promise<StaffSubject> {
    // The audit entry and the last-login time, without a transaction (one statement on
    // PostgreSQL): when the writes fail the sign-in fails, and an audited sign-in without a
    // session is what an abandoned browser leaves too.
    await store.recordSignIn(db, account.id, now(), { action: 'staff.signed_in', details: { totp: account.totpEnabled } });
    return { kind: 'staff', accountId: account.id, label: account.displayName };
  }

  async function loginWithPassword(input: { email: string; password: string; ip: string }): Promise<PasswordLoginResult> {
    let email: string;
    try {
      email = normaliseEmail(input.email);
    } catch {
      throw new AppError('staff.login_failed');
    }
    const keys = throttleKeys(email, input.ip);
    // The throttle's counts come with the account, in one statement.
    const throttleCheck = throttle.checkInStatement(keys);
    const { account, counts } = await store.accountByEmailCounting(db, email, throttleCheck);
    const limit = throttleCheck.judge(counts.account, counts.ip);
    if (limit.blocked) throw new AppError('staff.throttled');
    const usable = account && account.status === 'active' ? account : undefined;
    // Unknown, invited and disabled accounts are checked against a dummy hash: same time, same answer.
    const ok = await verifyPassword(usable?.passwordHash ?? null, input.password);
    if (!ok || !usable) {
      await throttle.recordFailure(keys);
      throw new AppError('staff.login_failed');
    }
    await throttle.recordSuccess(keys, limit.accountFailures);
    if (!usable.totpEnabled) return { kind: 'signedIn', subject: await completeSignIn(usable) };
    const pendingToken = newToken();
    await store.insertToken(db, {
      tokenHash: hashToken(pendingToken),
      accountId: usable.id,
      purpose: 'totp_login',
      createdAt: now(),
      expiresAt: new Date(clock.now().getTime() + TOTP_STEP_MINUTES * 60_000).toISOString(),
    });
    return { kind: 'totpRequired', pendingToken };
  }

  /** The second step: the password was right; now the authenticator code. */
  async function loginWithTotp(input: { pendingToken: string; code: string; ip: string }): Promise<StaffSubject> {
    const accountId = await store.usableToken(db, hashToken(input.pendingToken), 'totp_login', now());
    const account = accountId === undefined ? undefined : await store.accountById(db, accountId);
    if (!account || account.status !== 'active' || !account.totpEnabled || !account.totpSecret) throw new AppError('staff.link_invalid');
    const keys = throttleKeys(account.email, input.ip);
    if (await throttle.blocked(keys)) throw new AppError('staff.throttled');
    // A right code of a step already used (replay, or an older code after a newer one) counts as wrong.
    if (!(await totpSecrets.accept(db, account, input.code))) {
      await throttle.recordFailure(keys);
      throw new AppError('staff.totp_invalid');
    }
    if ((await store.consumeToken(db, hashToken(input.pendingToken), 'totp_login', now())) === undefined) throw new AppError('staff.link_invalid');
    await throttle.recordSuccess(keys);
    return completeSignIn(account);
  }

  /** Whether an activation or reset link can still be used (for showing its form). */
  async function linkUsable(purpose: 'activation' | 'reset', token: string): Promise<boolean> {
    return (await store.usableToken(db, hashToken(token), purpose, now())) !== undefined;
  }

  /**
   * Sets the password through an activation or reset link, used once. A reset ends every
   * session of the account: whoever knew the old password is out.
   */
  async function setPasswordWithLink(purpose: 'activation' | 'reset', token: string, password: string): Promise<{ subject: StaffSubject; endSessions: boolean }> {
    const account = await choosePasswordWithLink({ db, store, now: now() }, { purpose, token, password }, async (trx, chosen) => {
      await store.setLastLogin(trx, chosen.id, now());
      await audit(trx, chosen.id, purpose === 'activation' ? 'staff.activated' : 'staff.password_reset');
    });
    return { subject: { kind: 'staff', accountId: account.id, label: account.displayName }, endSessions: purpose === 'reset' };
  }

  /** "Wachtwoord vergeten?": mails a reset link to an active account; says nothing either way. */
  async function requestReset(rawEmail: string): Promise<void> {
    let email: string;
    try {
      email = normaliseEmail(rawEmail);
    } catch {
      return;
    }
    const account = await store.accountByEmail(db, email);
    if (!account || account.status !== 'active') return;
    const token = newToken();
    await db.transaction().execute(async (trx) => {
      await store.deleteExpiredTokens(trx, now());
      await store.voidTokens(trx, account.id, 'reset', now());
      await store.insertToken(trx, { tokenHash: hashToken(token), accountId: account.id, purpose: 'reset', createdAt: now(), expiresAt: new Date(clock.now().getTime() + RESET_MINUTES * 60_000).toISOString() });
      await audit(trx, account.id, 'staff.reset_requested');
    });
    const mail = resetMail({ displayName: account.displayName, url: `${publicUrl}${RESET_PATH}${token}` });
    await mailer.send({ to: account.email, subject: mail.subject, text: mail.text, html: mail.html, purpose: 'staff.password_reset' });
  }

  return { loginWithPassword, loginWithTotp, linkUsable, setPasswordWithLink, requestReset };
}

export type StaffSignInService = ReturnType<typeof createStaffSignInService>;
