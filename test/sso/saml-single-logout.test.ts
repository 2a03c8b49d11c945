/**
 * One logout for both protocols, SAML side, with two node-saml SPs as publishers run them: the
 * pupil logs in at SP A and SP B; when A sends a LogoutRequest, Leerpoort ends the session, sends
 * a signed LogoutRequest to B (which node-saml accepts), takes B's LogoutResponse at /saml/slo and
 * only then answers A with Success. A Leerpoort logout runs the same chain and ends at the login
 * page; an SP that never answers cannot trap the pupil; an SP without SLO is skipped; an unsigned
 * or replayed LogoutResponse is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { consentedPublisher, HttpBrowser, listeningApp, signedInPupil } from './oidc-helpers.js';
import { errorCode, makeSp, postedForm, type TestSp } from './saml-helpers.js';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** The Leerpoort page that sends the browser on to an SP by HTTP-Redirect: its link. */
function nextLink(html: string): string {
  const href = /id="saml-slo-next" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, `expected the single-logout step page, got: ${html.slice(0, 600)}`);
  return href.replace(/&amp;/g, '&');
}

for (const database of testDatabases()) {
  test(`SAML single logout through the session's other SPs (${database.name})`, async (t) => {
    const app = await listeningApp(database);
    t.after(() => app.close());
    const { school, scope, pupils } = await schoolWithPupils(app, 40);
    const publisher = await consentedPublisher(app, school, 'standard');
    const register = (metadata: string) => app.capabilities.saml.serviceProviders.add('operator:test', { publisherSlug: publisher.slug, metadataXml: metadata, profile: 'minimal' });
    // A: SingleLogoutService by HTTP-POST (node-saml's metadata); B: by HTTP-Redirect; C: none.
    const spA = await makeSp(app, { register: { publisherSlug: publisher.slug, profile: 'minimal' } });
    const spB = await makeSp(app);
    await register(spB.metadata.replace(/<SingleLogoutService Binding="[^"]+"/, `<SingleLogoutService Binding="${REDIRECT}"`));
    const spC = await makeSp(app);
    await register(spC.metadata.replace(/<SingleLogoutService[^>]*\/>/, ''));

    async function logIn(browser: HttpBrowser, sp: TestSp) {
      const { response } = await browser.follow(await sp.saml.getAuthorizeUrlAsync('', undefined, {}));
      const { profile } = await sp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(await response.text()).fields.SAMLResponse });
      assert.ok(profile?.nameID && profile.sessionIndex);
      return profile;
    }

    /** B receives Leerpoort's LogoutRequest and node-saml validates it; returns B's answer URL (to /saml/slo). */
    async function spBAnswers(stepPage: string, expected: { nameID: string; sessionIndex?: string }) {
      const landed = new URL(nextLink(stepPage));
      assert.equal(`${landed.origin}${landed.pathname}`, `${new URL(spB.acsUrl).origin}/slo`);
      assert.ok(landed.searchParams.get('Signature') && landed.searchParams.get('SigAlg'), 'the LogoutRequest is signed');
      const { profile, loggedOut } = await spB.saml.validateRedirectAsync(Object.fromEntries(landed.searchParams), landed.search.slice(1));
      assert.equal(loggedOut, true, 'node-saml accepts it as a LogoutRequest');
      assert.equal(profile?.nameID, expected.nameID, 'it names the pupil as B knows her');
      assert.equal(profile?.sessionIndex, expected.sessionIndex);
      return spB.saml.getLogoutResponseUrlAsync(profile!, landed.searchParams.get('RelayState') ?? '', {}, true);
    }

    await t.test('SP A logs out: B is told first, then A gets Success', async () => {
      const browser = await signedInPupil(app, scope, pupils[0].pupilId);
      const atA = await logIn(browser, spA);
      const atB = await logIn(browser, spB);
      await logIn(browser, spC);

      const step = await browser.follow(await spA.saml.getLogoutUrlAsync(atA, 'terug-naar-a', {}));
      assert.match(step.url, /\/saml\/slo\/keten\?t=/);
      assert.notEqual((await browser.request('/leerling')).status, 200, 'the Leerpoort session ended before the chain');
      const answerUrl = new URL(await spBAnswers(await step.response.text(), { nameID: atB.nameID, sessionIndex: atB.sessionIndex }));
      // B must sign: its answer without signature is refused, and the chain waits for a real one.
      const unsigned = new URL(answerUrl);
      unsigned.searchParams.delete('Signature');
      unsigned.searchParams.delete('SigAlg');
      const refused = await browser.request(unsigned.href);
      assert.equal(refused.status, 400);
      assert.equal(errorCode(await refused.text()), 'saml.signature_missing');
      const answerA = await browser.follow(answerUrl.href);

      const form = postedForm(await answerA.response.text());
      assert.equal(form.action, `${new URL(spA.acsUrl).origin}/slo`, 'the chain ends at A (C has no SLO and is skipped)');
      assert.equal(form.fields.RelayState, 'terug-naar-a');
      assert.match(Buffer.from(form.fields.SAMLResponse, 'base64').toString(), /status:Success/);
      const result = await spA.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse });
      assert.equal(result.loggedOut, true);
      const replayed = await browser.request(answerUrl.href);
      assert.equal(errorCode(await replayed.text()), 'saml.logout_chain_expired', 'an answer counts once');
    });

    await t.test('a Leerpoort logout tells the SPs and ends at the school login page', async () => {
      const browser = await signedInPupil(app, scope, pupils[1].pupilId);
      const atA = await logIn(browser, spA);
      const atB = await logIn(browser, spB);
      const page = await browser.request('/leerling');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
      const out = await browser.request('/leerling/uitloggen', { form: { _csrf: csrf } });
      assert.equal(out.status, 303);
      assert.match(out.headers.get('location') ?? '', /^\/saml\/slo\/keten\?t=/);

      // The SPs one by one (in the order they were registered): A by an auto-posted LogoutRequest …
      const toA = await browser.follow(out.headers.get('location')!);
      const form = postedForm(await toA.response.text());
      assert.equal(form.action, `${new URL(spA.acsUrl).origin}/slo`);
      const requestA = await spA.postSaml.validatePostRequestAsync(form.fields);
      assert.equal(requestA.loggedOut, true, 'node-saml accepts the POSTed LogoutRequest');
      assert.equal(requestA.profile?.nameID, atA.nameID);
      const answerA = new URL(await spA.saml.getLogoutResponseUrlAsync(requestA.profile!, form.fields.RelayState, {}, true));
      // … then B by redirect, then the login page of the pupil's school.
      const toB = await browser.follow(answerA.href);
      const answered = await browser.request(await spBAnswers(await toB.response.text(), { nameID: atB.nameID, sessionIndex: atB.sessionIndex }));
      assert.equal(answered.status, 303);
      const last = await browser.request(answered.headers.get('location')!);
      assert.equal(last.status, 303, 'no SP left');
      assert.equal(last.headers.get('location'), `/school/${school.instellingRef}`);
    });

    await t.test('an SP that never answers: coming back shows "Verder", which finishes the logout', async () => {
      const browser = await signedInPupil(app, scope, pupils[2].pupilId);
      const atA = await logIn(browser, spA);
      await logIn(browser, spB);
      const step = await browser.follow(await spA.saml.getLogoutUrlAsync(atA, '', {}));
      nextLink(await step.response.text()); // the browser went to B, and B never answered
      const back = await browser.request(step.url);
      assert.equal(back.status, 200);
      const html = await back.text();
      assert.match(html, /heeft het uitloggen niet bevestigd/);
      const skip = /id="saml-slo-skip"[^>]*href="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
      const finished = await browser.follow(skip);
      const form = postedForm(await finished.response.text());
      assert.equal(form.action, `${new URL(spA.acsUrl).origin}/slo`);
      assert.equal((await spA.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse })).loggedOut, true);
    });
  });
}
