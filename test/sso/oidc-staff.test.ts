/**
 * A teacher at two schools launches a method: she signs in once (the staff login form), picks
 * the school on Leerpoort's chooser, and the publisher sees her as `leerkracht` of that school
 * with the same `sub` at both schools. A disabled account gets nothing more.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { createTestSchool } from '../helpers/app.js';
import { uniqueEmail, GOOD_PASSWORD } from '../accounts/staff-helpers.js';
import { consentedPublisher, HttpBrowser, listeningApp, oidc, registerClient } from './oidc-helpers.js';

for (const database of testDatabases()) {
  test(`OIDC for a teacher at two schools: school chooser, role, same sub (${database.name})`, async () => {
    const t = await listeningApp(database);
    try {
      const schoolA = await createTestSchool(t.capabilities, 'Basisschool De Linde');
      const schoolB = await createTestSchool(t.capabilities, 'Basisschool Het Anker');
      const email = uniqueEmail('juf.oidc');
      await t.capabilities.staffAccounts.members.addToSchool('test', { schoolId: schoolA.id }, { email, displayName: 'Anna de Vries', role: 'teacher' });
      await t.capabilities.staffAccounts.members.addToSchool('test', { schoolId: schoolB.id }, { email, displayName: 'Anna de Vries', role: 'teacher' });
      const mail = await t.db.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const token = /\/account\/activeren\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
      await t.capabilities.staffAccounts.signIn.setPasswordWithLink('activation', token, GOOD_PASSWORD);

      const entry = await consentedPublisher(t, schoolA);
      const operator = { id: 'operator:test', name: 'Testbeheer' };
      await t.capabilities.privacy.agreements.set(operator, { boardId: schoolB.boardId, publisherId: entry.id, profile: 'standard' });
      await t.capabilities.privacy.consents.set(operator, { schoolId: schoolB.id }, { publisherId: entry.id, granted: true });
      const publisher = await registerClient(t, entry, { profile: 'standard' });

      const browser = new HttpBrowser(t.baseUrl);
      const form = await browser.request('/inloggen');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
      const signedIn = await browser.request('/inloggen', { form: { _csrf: csrf, email, password: GOOD_PASSWORD } });
      assert.equal(signedIn.status, 303);

      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(publisher.config, { redirect_uri: publisher.redirectUri, scope: 'openid profile school', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
      const chooser = await browser.follow(url.href);
      assert.equal(chooser.response.status, 200);
      const page = await chooser.response.text();
      assert.match(page, /Voor welke school opent u de lesmethode\?/);
      assert.match(page, /Basisschool De Linde/);
      const link = new RegExp(`href="(/oidc/interaction/[^"]+\\?school=${schoolB.id})"`).exec(page)![1].replace(/&amp;/g, '&');
      const done = await browser.follow(link);
      assert.ok(done.url.startsWith(publisher.redirectUri), done.url);
      const tokens = await oidc.authorizationCodeGrant(publisher.config, new URL(done.url), { pkceCodeVerifier: verifier, expectedState: state });
      const info = await oidc.fetchUserInfo(publisher.config, tokens.access_token, tokens.claims()!.sub);
      assert.equal(info.role, 'leerkracht');
      assert.equal(info.nl_edu_home_organization_id, schoolB.brin);
      assert.equal(info.given_name, 'Anna');

      // The school hint picks the school without the chooser; the sub is the same person's.
      const hinted = await browser.follow(oidc.buildAuthorizationUrl(publisher.config, { redirect_uri: publisher.redirectUri, scope: 'openid school', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, instelling_ref: schoolA.instellingRef }).href);
      assert.ok(hinted.url.startsWith(publisher.redirectUri), `${hinted.url} ${hinted.response.status} ${(await hinted.response.text()).slice(600, 1400)}`);
      const atA = await oidc.authorizationCodeGrant(publisher.config, new URL(hinted.url), { pkceCodeVerifier: verifier, expectedState: state });
      assert.equal(atA.claims()!.sub, tokens.claims()!.sub, 'one person, one sub per publisher');
      const infoA = await oidc.fetchUserInfo(publisher.config, atA.access_token, atA.claims()!.sub);
      assert.equal(infoA.nl_edu_home_organization_id, schoolA.brin);

      await t.db.kysely.updateTable('staff_accounts').set({ status: 'disabled' }).where('email', '=', email).execute();
      await assert.rejects(oidc.fetchUserInfo(publisher.config, atA.access_token, atA.claims()!.sub));
    } finally {
      await t.close();
    }
  });
}
