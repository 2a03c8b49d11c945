/** Steps a parent takes in the home login tests, through the real app and a real SMTP server. */
import assert from 'node:assert/strict';
import { TestBrowser, type TestApp } from '../helpers/app.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import { schoolWithPupils } from './pupil-fixtures.js';
import { GOOD_PASSWORD, linkFromMail } from './staff-helpers.js';

/** A pupil of a fresh school with a pincode and, unless asked otherwise, home login on. */
export async function childAtSchool(t: TestApp, options: { homeLogin?: boolean; index?: number } = {}) {
  const { school, scope, pupils, group } = await schoolWithPupils(t, 12);
  const pupil = pupils[options.index ?? 0];
  const pincode = await t.capabilities.pupilAccess.admin.resetPincode('test', scope, pupil.pupilId);
  if (options.homeLogin !== false) await t.capabilities.pupilAccess.admin.setHomeLogin('test', scope, pupil.pupilId, true);
  const firstName = pupil.nickname || (pupil.firstNames ?? '').split(' ')[0];
  return { school, scope, group, pupils, pupil, pincode, firstName };
}

/** "Thuisinlog aanvragen" → mail → link → password: a browser signed in as this parent. */
export async function newParent(t: TestApp, smtp: TestSmtpServer, email: string) {
  const browser = new TestBrowser(t.app);
  await browser.get('/thuis');
  const requested = await browser.post('/thuis/aanvragen', { email });
  assert.equal(requested.statusCode, 303, requested.body);
  assert.equal(requested.headers.location, '/thuis?aangevraagd=1');
  const path = await linkFromMail(smtp, email, /thuisinlog/);
  assert.match(path, /^\/thuis\/activeren\//);
  assert.equal((await browser.get(path)).statusCode, 200);
  const done = await browser.post(path, { password: GOOD_PASSWORD });
  assert.equal(done.statusCode, 303, done.body);
  assert.equal(done.headers.location, '/thuis');
  return browser;
}

export async function linkChild(browser: TestBrowser, child: { school: { id: number }; firstName: string }, pincode: string) {
  await browser.get(`/thuis?school=${child.school.id}`);
  return browser.post('/thuis/kind-koppelen', { school: String(child.school.id), roepnaam: child.firstName, pincode });
}

export async function parentSignIn(t: TestApp, email: string, password = GOOD_PASSWORD) {
  const browser = new TestBrowser(t.app);
  await browser.get('/thuis/inloggen');
  const response = await browser.post('/thuis/inloggen', { email, password });
  return { browser, response };
}

/** A parent with an active home login, through the outbox link (no SMTP server); returns the signed-in browser. */
export async function activeParent(t: TestApp, email: string) {
  const browser = new TestBrowser(t.app);
  await browser.get('/thuis');
  assert.equal((await browser.post('/thuis/aanvragen', { email })).statusCode, 303);
  const mail = await t.db.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const path = /https?:\/\/[^/\s]+(\/thuis\/activeren\/[^\s)]+)/.exec(mail.text ?? '')![1];
  await browser.get(path);
  assert.equal((await browser.post(path, { password: GOOD_PASSWORD })).headers.location, '/thuis');
  return browser;
}
