/**
 * How parents get a home login: "Thuisinlog aanvragen" (or an invitation from the school) →
 * a mailed link → own password → signed in; then e-mail + password, and a reset link for a
 * forgotten password. Requests always get the same answer, so the form cannot be used to find
 * out who has an account. Passwords, the e-mail check and the sign-in throttle are the staff
 * ones (same rules, same tables), with keys of their own.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { SessionSubject } from '../sessions.js';
import { normaliseEmail } from '../staff/identity.js';
import { verifyPassword } from '../staff/password.js';
import type { SignInDeps } from '../staff/sign-in.js';
import { createStaffThrottle } from '../staff/throttle.js';
import { parentActivationMail, parentResetMail } from './mail-texts.js';
import { choosePasswordWithLink } from '../password-links.js';
import * as store from './store.js';

export const PARENT_ACTIVATION_PATH = '/thuis/activeren/';
export const PARENT_RESET_PATH = '/thuis/nieuw-wachtwoord/';
const ACTIVATION_DAYS = 7;
const RESET_MINUTES = 60;
/** Mails one address may be sent per window; more requests are answered the same but send nothing. */
export const MAILS_PER_ADDRESS = 3;

export type ParentSubject = Extract<SessionSubject, { kind: 'parent' }>;


const subjectOf = (account: store.ParentAccountRow): ParentSubject => ({ kind: 'parent', parentId: account.id, label: account.email });

export function createParentSignInService(deps: SignInDeps) {
  const { db, clock, mailer, publicUrl } = deps;
  const loginThrottle = createStaffThrottle({ db, clock, limits: deps.throttle });
  // Per IP address: the staff sign-in IP limit (a school or a household shares one address).
  const mailThrottle = createStaffThrottle({ db, clock, limits: { ...deps.throttle, maxFailuresPerAccount: MAILS_PER_ADDRESS } });
  const now = () => clock.now().toISOString();
  const later = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();
  const audit = (trx: Kysely<Database>, parentId: number, action: string, details: Record<string, unknown> = {}) =>
    recordAudit(trx, clock, { actor: `parent:${parentId}`, action, details });
  // Addresses are counted by their hash, so the throttle table holds no address of anyone.
  const loginKeys = (email: string, ip: string) => ({ account: `parent-email:${hashToken(email)}`, ip: `parent-ip:${ip}` });
  const mailKeys = (email: string, ip: string) => ({ account: `parent-mail:${hashToken(email)}`, ip: `parent-mail-ip:${ip}` });

  function emailOrNull(raw: string): string | null {
    try {
      return normaliseEmail(raw);
    } catch {
      return null;
    }
  }

  /** A new one-time link (older ones of the purpose stop working), mailed after the transaction. */
  async function newLink(account: store.ParentAccountRow, purpose: store.ParentTokenPurpose, minutes: number, action: string): Promise<string> {
    const token = newToken();
    await db.transaction().execute(async (trx) => {
      await store.voidTokens(trx, account.id, purpose, now());
      await store.insertToken(trx, { tokenHash: hashToken(token), parentId: account.id, purpose, createdAt: now(), expiresAt: later(minutes) });
      await audit(trx, account.id, action);
    });
    return token;
  }

  /**
   * "Thuisinlog aanvragen" or an invitation by the school: an address without an active home
   * login gets a link to choose a password; an active one gets a reset link instead (so the
   * owner, and only the owner, can get in). Nothing tells the caller which happened. Returns
   * whether a mail went out (for the school's notice and tests; never shown to the requester).
   */
  async function requestAccess(input: { email: string; ip: string; invitedBy?: { actor: string; schoolId: number; schoolName: string } }): Promise<boolean> {
    const email = emailOrNull(input.email);
    if (!email) throw new AppError('staff.invalid_email');
    const keys = mailKeys(email, input.ip);
    if (await mailThrottle.blocked(keys)) return false;
    await mailThrottle.recordFailure(keys);
    const account = await store.findOrCreate(db, email, now());
    if (account.status === 'disabled') return false;
    if (input.invitedBy) {
      await recordAudit(db, clock, { actor: input.invitedBy.actor, action: 'parent.invited', schoolId: input.invitedBy.schoolId, details: { parentId: account.id } });
    }
    if (account.status === 'active') {
      // Invited by a school but already at home here: nothing to send (the school is not told).
      if (input.invitedBy) return false;
      await sendReset(account);
      return true;
    }
    const token = await newLink(account, 'activation', ACTIVATION_DAYS * 24 * 60, 'parent.access_requested');
    const mail = parentActivationMail({ url: `${publicUrl}${PARENT_ACTIVATION_PATH}${token}`, schoolName: input.invitedBy?.schoolName ?? null });
    await mailer.send({ to: email, subject: mail.subject, text: mail.text, html: mail.html, purpose: 'parent.activation', schoolId: input.invitedBy?.schoolId ?? null });
    return true;
  }

  async function sendReset(account: store.ParentAccountRow): Promise<void> {
    const token = await newLink(account, 'reset', RESET_MINUTES, 'parent.reset_requested');
    const mail = parentResetMail({ url: `${publicUrl}${PARENT_RESET_PATH}${token}` });
    await mailer.send({ to: account.email, subject: mail.subject, text: mail.text, html: mail.html, purpose: 'parent.password_reset' });
  }

  /** "Wachtwoord vergeten?": a reset link for an active home login; the same answer either way. */
  async function requestReset(input: { email: string; ip: string }): Promise<void> {
    const email = emailOrNull(input.email);
    if (!email) return;
    const keys = mailKeys(email, input.ip);
    if (await mailThrottle.blocked(keys)) return;
    await mailThrottle.recordFailure(keys);
    const account = await store.accountByEmail(db, email);
    if (account?.status === 'active') await sendReset(account);
  }

  async function linkUsable(purpose: store.ParentTokenPurpose, token: string): Promise<boolean> {
    return (await store.usableToken(db, hashToken(token), purpose, now())) !== undefined;
  }

  /** Chooses the password through a mailed link, used once; a reset ends the account's other sessions. */
  async function setPasswordWithLink(purpose: store.ParentTokenPurpose, token: string, password: string): Promise<{ subject: ParentSubject; endSessions: boolean }> {
    const account = await choosePasswordWithLink({ db, store, now: now() }, { purpose, token, password }, (trx, chosen) =>
      audit(trx, chosen.id, purpose === 'activation' ? 'parent.activated' : 'parent.password_reset'),
    );
    return { subject: subjectOf(account), endSessions: purpose === 'reset' };
  }

  /** E-mail + password; unknown and inactive addresses take the same argon2 time and get the same answer. */
  async function loginWithPassword(input: { email: string; password: string; ip: string }): Promise<ParentSubject> {
    const email = emailOrNull(input.email);
    if (!email) throw new AppError('staff.login_failed');
    const keys = loginKeys(email, input.ip);
    const limit = await loginThrottle.check(keys);
    if (limit.blocked) throw new AppError('staff.throttled');
    const account = await store.accountByEmail(db, email);
    const usable = account?.status === 'active' ? account : undefined;
    const ok = await verifyPassword(usable?.passwordHash ?? null, input.password);
    if (!ok || !usable) {
      await loginThrottle.recordFailure(keys);
      throw new AppError('staff.login_failed');
    }
    await loginThrottle.recordSuccess(keys, limit.accountFailures);
    await db.transaction().execute(async (trx) => {
      await store.setLastLogin(trx, usable.id, now());
      await audit(trx, usable.id, 'parent.signed_in');
    });
    return subjectOf(usable);
  }

  return { requestAccess, requestReset, linkUsable, setPasswordWithLink, loginWithPassword };
}

export type ParentSignInService = ReturnType<typeof createParentSignInService>;
