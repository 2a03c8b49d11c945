/** Steps shared by the substitute tests: a signed-in ICT-coördinator, the outbox link, dates. */
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/index.js';
import type { School } from '../../src/organisations/index.js';
import type { TestApp } from '../helpers/app.js';
import { choosePassword, GOOD_PASSWORD, signIn, uniqueEmail } from './staff-helpers.js';

/** The activation link in the newest outbox message to this address (no SMTP server configured). */
export async function activationPathFor(db: Kysely<Database>, email: string): Promise<string> {
  const mail = await db.selectFrom('mail_messages').select('text').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const match = /https?:\/\/[^/\s]+(\/account\/activeren\/[^\s)]+)/.exec(mail.text ?? '');
  assert.ok(match, `an activation link in: ${mail.text}`);
  return match[1];
}

/** Activates the invited account behind `email` and signs it in; returns its browser. */
export async function activateAndSignIn(t: TestApp, email: string) {
  await choosePassword(t, await activationPathFor(t.db.kysely, email));
  const { browser, response } = await signIn(t, email, GOOD_PASSWORD);
  assert.equal(response.statusCode, 303, response.body);
  return browser;
}

/** An ICT-coördinator of the school, added by the operator's service, activated and signed in. */
export async function signedInCoordinator(t: TestApp, school: School) {
  const email = uniqueEmail('ict');
  await t.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email, displayName: 'Ida ICT', role: 'schoolAdmin' });
  return activateAndSignIn(t, email);
}

/** "2026-11-29" plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
