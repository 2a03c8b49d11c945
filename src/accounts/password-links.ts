/**
 * Choosing a password through a mailed activation or reset link, for every kind of account
 * with its own password (staff, parents): the link is checked, the password judged, hashed
 * outside the transaction (argon2 is slow), and the link used up in the same transaction that
 * sets the password, so a link works once even when clicked twice at the same moment.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { hashToken } from '../lib/tokens.js';
import { hashPassword, passwordProblem } from './staff/password.js';

export type LinkPurpose = 'activation' | 'reset';

/** What an account kind's store offers for its links and passwords. */
export interface PasswordLinkStore<Account extends { id: number; email: string; status: string }> {
  usableToken(db: Kysely<Database>, tokenHash: string, purpose: LinkPurpose, now: string): Promise<number | undefined>;
  consumeToken(db: Kysely<Database>, tokenHash: string, purpose: LinkPurpose, now: string): Promise<number | undefined>;
  accountById(db: Kysely<Database>, id: number): Promise<Account | undefined>;
  setPassword(db: Kysely<Database>, id: number, passwordHash: string, now: string): Promise<void>;
}

/**
 * Sets the password of the link's account and runs `alsoInTransaction` (audit, last login) in
 * the same transaction. Answers the account; a disabled account's link is as good as none.
 */
export async function choosePasswordWithLink<Account extends { id: number; email: string; status: string }>(
  deps: { db: Kysely<Database>; store: PasswordLinkStore<Account>; now: string },
  link: { purpose: LinkPurpose; token: string; password: string },
  alsoInTransaction: (trx: Kysely<Database>, account: Account) => Promise<void>,
): Promise<Account> {
  const { db, store, now } = deps;
  const tokenHash = hashToken(link.token);
  const accountId = await store.usableToken(db, tokenHash, link.purpose, now);
  const account = accountId === undefined ? undefined : await store.accountById(db, accountId);
  if (!account || account.status === 'disabled') throw new AppError('staff.link_invalid');
  const problem = passwordProblem(link.password, { email: account.email });
  if (problem) throw new AppError('staff.password_rejected', { reason: problem });
  const passwordHash = await hashPassword(link.password);
  await db.transaction().execute(async (trx) => {
    if ((await store.consumeToken(trx, tokenHash, link.purpose, now)) === undefined) throw new AppError('staff.link_invalid');
    await store.setPassword(trx, account.id, passwordHash, now);
    await alsoInTransaction(trx, account);
  });
  return account;
}
