/**
 * SP-initiated SAML login as a publisher runs it: @node-saml/node-saml builds signed
 * AuthnRequests (HTTP-Redirect and HTTP-POST) and validates Leerpoort's responses — signature
 * on response and assertion, audience, recipient, persistent pairwise NameID — and the refusals:
 * replay, unsigned when signing is required, tampering, an unregistered ACS URL, DOCTYPE/XXE,
 * withdrawn consent, attributes beyond the profile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { consentedPublisher, HttpBrowser, listeningApp, signedInPupil, withdrawConsent } from './oidc-helpers.js';
import { decodeSamlResponse, errorCode, makeSp, PERSISTENT, postedForm, type TestSp } from './saml-helpers.js';

/** Browser → /saml/sso → /saml/sso/verder → the auto-post page; returns that page. */
async function startLogin(browser: HttpBrowser, url: string) {
  const { response } = await browser.follow(url);
  return { status: response.status, html: await response.text() };
}

async function loginVia(browser: HttpBrowser, sp: TestSp, binding: 'redirect' | 'post') {
  if (binding === 'redirect') return startLogin(browser, await sp.saml.getAuthorizeUrlAsync('terug-naar-les-3', undefined, {}));
  const form = await sp.postSaml.getAuthorizeFormAsync('terug-naar-les-3');
  const action = /action="([^"]+)"/.exec(form)?.[1] as string;
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const posted = await browser.request(action.replace(/&amp;/g, '&'), { form: fields });
  assert.equal(posted.status, 303, `POST binding answers with a redirect (${posted.status}: ${(await posted.clone().text()).slice(0, 300)})`);
  return startLogin(browser, posted.headers.get('location') as string);
}

for (const database of testDatabases()) {
  test(`SAML SP-initiated login with node-saml as the SP (${database.name})`, async (t) => {
    const app = await listeningApp(database);
    t.after(() => app.close());
    const { school, scope, pupils } = await schoolWithPupils(app, 6);
    const publisher = await consentedPublisher(app, school, 'with_eck');
    const other = await consentedPublisher(app, school, 'with_eck');
    const sp = await makeSp(app, { register: { publisherSlug: publisher.slug, profile: 'standard' } });
    const otherSp = await makeSp(app, { register: { publisherSlug: other.slug, profile: 'minimal' } });
    const pupil = pupils[0];
    const browser = await signedInPupil(app, scope, pupil.pupilId);

    await t.test('metadata: entityID, both bindings, the signing key stored sealed', async () => {
      const metadata = await app.app.inject({ method: 'GET', url: '/saml/metadata' });
      assert.match(metadata.body, new RegExp(`entityID="${app.baseUrl}/saml/metadata"`));
      assert.match(metadata.body, /SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"/);
      assert.match(metadata.body, /SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"/);
      assert.match(metadata.body, /SingleLogoutService/);
      const keys = await app.db.kysely.selectFrom('saml_idp_keys').select('private_key_sealed').execute();
      assert.ok(keys.length >= 1);
      for (const key of keys) assert.doesNotMatch(key.private_key_sealed, /PRIVATE KEY/);
    });

    let firstNameId = '';
    await t.test('HTTP-Redirect: signed response and assertion, audience, recipient, persistent NameID, standard attributes', async () => {
      const page = await loginVia(browser, sp, 'redirect');
      assert.equal(page.status, 200, page.html.slice(0, 500));
      const form = postedForm(page.html);
      assert.equal(form.action, sp.acsUrl, 'posted to the registered ACS URL');
      assert.equal(form.fields.RelayState, 'terug-naar-les-3');
      const xml = decodeSamlResponse(form.fields.SAMLResponse);
      assert.match(xml, /<samlp:Response[^>]*>\s*<saml:Issuer>[^<]+<\/saml:Issuer>\s*<ds:Signature/, 'the response is signed');
      assert.match(xml, /<saml:Assertion[^>]*>\s*<saml:Issuer>[^<]+<\/saml:Issuer>\s*<ds:Signature/, 'the assertion is signed');
      assert.match(xml, /SignatureMethod Algorithm="http:\/\/www.w3.org\/2001\/04\/xmldsig-more#rsa-sha256"/);
      assert.match(xml, new RegExp(`Recipient="${sp.acsUrl}"`));
      assert.match(xml, /InResponseTo="_/);

      const { profile, loggedOut } = await sp.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse });
      assert.equal(loggedOut, false);
      assert.ok(profile);
      assert.equal(profile.nameIDFormat, PERSISTENT);
      assert.match(profile.nameID, /^[0-9a-f]{64}$/);
      assert.equal(profile.issuer, `${app.baseUrl}/saml/metadata`);
      const attrs = profile.attributes as Record<string, unknown>;
      assert.equal(attrs.uid, profile.nameID);
      assert.equal(attrs.eduPersonAffiliation, 'student');
      assert.equal(attrs.nlEduPersonHomeOrganizationId, school.brin);
      assert.ok(typeof attrs.givenName === 'string' && attrs.givenName.length > 0, 'standard profile: first name');
      assert.ok(attrs.leerpoortGroup, 'standard profile: group');
      assert.equal(attrs.eckId, undefined, 'the SP profile is standard: no ECK iD although the agreement allows it');
      firstNameId = profile.nameID;

      const ledger = await app.capabilities.privacy.ledger.list({ schoolId: school.id });
      const entry = ledger.find((e) => e.recipient === sp.entityId);
      assert.ok(entry, 'the release is in the disclosure ledger');
      assert.equal(entry.channel, 'saml');
      assert.equal(entry.subjectId, pupil.pupilId);
      assert.ok(!entry.attributes.includes('eckId'));
      const metrics = (await app.app.inject({ method: 'GET', url: '/metrics' })).body;
      assert.match(metrics, /leerpoort_sso_launches_total\{protocol="saml"\} 1\b/, 'the launch is counted');
    });

    await t.test('HTTP-POST binding; NameID stable for one publisher, different for another', async () => {
      const page = await loginVia(browser, sp, 'post');
      assert.equal(page.status, 200, page.html.slice(0, 500));
      const { profile } = await sp.postSaml.validatePostResponseAsync({ SAMLResponse: postedForm(page.html).fields.SAMLResponse });
      assert.equal(profile?.nameID, firstNameId, 'same pupil, same publisher: same NameID');

      const otherPage = await loginVia(browser, otherSp, 'redirect');
      const other$ = await otherSp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(otherPage.html).fields.SAMLResponse });
      assert.notEqual(other$.profile?.nameID, firstNameId, 'another publisher gets another NameID');
      const attrs = other$.profile?.attributes as Record<string, unknown>;
      assert.deepEqual(Object.keys(attrs).filter((k) => !k.startsWith('http')).sort(), ['eduPersonAffiliation', 'nlEduPersonHomeOrganizationId', 'uid'], 'minimal profile: nothing more');
    });

    await t.test('not signed in: to the login page (the school\'s, when hinted) and back to the same request', async () => {
      const anonymous = new HttpBrowser(app.baseUrl);
      const first = await anonymous.request(await sp.saml.getAuthorizeUrlAsync('', undefined, {}));
      assert.equal(first.status, 303);
      const continuation = first.headers.get('location') as string;
      assert.match(continuation, /^\/saml\/sso\/verder\?t=/);
      const login = await anonymous.request(continuation);
      assert.equal(login.status, 303);
      assert.equal(login.headers.get('location'), `/inloggen?terug=${encodeURIComponent(continuation)}`);

      const hinted = await anonymous.request(`${await sp.saml.getAuthorizeUrlAsync('', undefined, {})}&school=${school.instellingRef}`);
      const schoolLogin = await anonymous.request(hinted.headers.get('location') as string);
      assert.match(schoolLogin.headers.get('location') ?? '', new RegExp(`^/school/${school.instellingRef}\\?terug=%2Fsaml%2Fsso%2Fverder`));

      // Signed in (in this test: the pupil's own browser), the same continuation answers the request once.
      const answered = await browser.request(continuation);
      const html = await answered.text();
      assert.equal(answered.status, 200, html.slice(0, 300));
      await sp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(html).fields.SAMLResponse });
      const twice = await browser.request(continuation);
      assert.equal(twice.status, 400);
      assert.equal(errorCode(await twice.text()), 'saml.pending_expired');
    });

    await t.test('IsPassive and nobody signed in: a signed NoPassive answer, no login page', async () => {
      const passiveSp = await makeSp(app, { passive: true, entityId: sp.entityId, callbackUrl: sp.acsUrl });
      const anonymous = new HttpBrowser(app.baseUrl);
      const { response } = await anonymous.follow(await passiveSp.saml.getAuthorizeUrlAsync('', undefined, {}));
      const html = await response.text();
      assert.equal(response.status, 200, html.slice(0, 300));
      const form = postedForm(html);
      assert.equal(form.action, sp.acsUrl);
      const xml = decodeSamlResponse(form.fields.SAMLResponse);
      assert.match(xml, /status:NoPassive/);
      assert.doesNotMatch(xml, /Assertion/);
      assert.match(xml, /<saml:Issuer>[^<]+<\/saml:Issuer><ds:Signature/, 'signed');
      const result = await passiveSp.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse });
      assert.equal(result.profile, null, 'node-saml reads it as "not signed in", not as an error');

      const signedIn = await passiveSp.saml.validatePostResponseAsync({
        SAMLResponse: postedForm(await (await browser.follow(await passiveSp.saml.getAuthorizeUrlAsync('', undefined, {}))).response.text()).fields.SAMLResponse,
      });
      assert.equal(signedIn.profile?.nameID, firstNameId, 'signed in: IsPassive logs in silently');
    });

    await t.test('a replayed AuthnRequest is refused', async () => {
      const url = await sp.saml.getAuthorizeUrlAsync('', undefined, {});
      const first = await startLogin(browser, url);
      assert.equal(first.status, 200);
      const again = await browser.request(url);
      assert.equal(again.status, 400);
      assert.equal(errorCode(await again.text()), 'saml.request_replayed');
    });

    await t.test('unsigned request refused when the SP must sign; a tampered one too', async () => {
      const url = new URL(await sp.saml.getAuthorizeUrlAsync('les-1', undefined, {}));
      const unsigned = new URL(url);
      unsigned.searchParams.delete('Signature');
      unsigned.searchParams.delete('SigAlg');
      const refused = await browser.request(unsigned.href);
      assert.equal(refused.status, 400);
      assert.equal(errorCode(await refused.text()), 'saml.signature_missing');

      const tampered = url.href.replace('RelayState=les-1', 'RelayState=les-2');
      const bad = await browser.request(tampered);
      assert.equal(bad.status, 400);
      assert.equal(errorCode(await bad.text()), 'saml.signature_invalid');
    });

    await t.test('an ACS URL that is not registered gets no response', async () => {
      const rogue = await makeSp(app, { entityId: sp.entityId, callbackUrl: 'https://aanvaller.test/acs' });
      const page = await browser.request(await rogue.saml.getAuthorizeUrlAsync('', undefined, {}));
      assert.equal(page.status, 400);
      const html = await page.text();
      assert.equal(errorCode(html), 'saml.acs_not_registered');
      assert.doesNotMatch(html, /SAMLResponse/);
    });

    await t.test('DOCTYPE and external entities are refused', async () => {
      const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x1" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:Issuer>&xxe;</saml:Issuer></samlp:AuthnRequest>`;
      const encoded = encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'));
      const page = await browser.request(`/saml/sso?SAMLRequest=${encoded}`);
      assert.equal(page.status, 400);
      const html = await page.text();
      assert.equal(errorCode(html), 'saml.message_invalid');
      assert.doesNotMatch(html, /root:/);
      await assert.rejects(
        app.capabilities.saml.serviceProviders.add('operator:test', { publisherSlug: publisher.slug, profile: 'minimal', metadataXml: `<!DOCTYPE x [<!ENTITY e "x">]>${sp.metadata.replace(/^<\?xml[^>]*>/, '')}` }),
        (error: { code?: string }) => error.code === 'saml.message_invalid',
      );
    });

    await t.test('POST binding: DOCTYPE refused too; a request for another Destination is refused', async () => {
      const xml = `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x2" Version="2.0" IssueInstant="${new Date().toISOString()}"/>`;
      const posted = await browser.request('/saml/sso', { form: { SAMLRequest: Buffer.from(xml).toString('base64') } });
      assert.equal(posted.status, 400);
      assert.equal(errorCode(await posted.text()), 'saml.message_invalid');

      const elsewhere = await makeSp(app, { signRequests: false, register: { publisherSlug: publisher.slug, profile: 'minimal' } });
      (elsewhere.saml as unknown as { options: { entryPoint: string } }).options.entryPoint = `${app.baseUrl}/saml/sso-elders`;
      const url = (await elsewhere.saml.getAuthorizeUrlAsync('', undefined, {})).replace('/saml/sso-elders', '/saml/sso');
      const refused = await browser.request(url);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /Destination/);
    });

    await t.test('a request older than five minutes (by Leerpoort\'s clock) is refused', async () => {
      const url = await sp.saml.getAuthorizeUrlAsync('', undefined, {});
      app.clock.advance(10);
      const refused = await browser.request(url);
      assert.equal(refused.status, 400);
      assert.equal(errorCode(await refused.text()), 'saml.request_stale');
      app.clock.advance(-10);
    });

    await t.test('consent withdrawn: the next login is refused with a page saying who can fix it', async () => {
      await withdrawConsent(app, school.id, publisher.id);
      const page = await startLogin(browser, await sp.saml.getAuthorizeUrlAsync('', undefined, {}));
      assert.equal(page.status, 403);
      assert.equal(errorCode(page.html), 'privacy.no_consent');
      assert.doesNotMatch(page.html, /SAMLResponse/);
    });
  });
}
