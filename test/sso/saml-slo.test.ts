/**
 * Single logout started by the SP (node-saml): a signed LogoutRequest ends the Leerpoort
 * session of the person it names and is answered by a signed LogoutResponse that node-saml
 * accepts; a request naming someone else leaves the session alone (status Requester); an
 * unsigned LogoutRequest from an SP that must sign is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { consentedPublisher, listeningApp, signedInPupil } from './oidc-helpers.js';
import { errorCode, makeSp, postedForm } from './saml-helpers.js';

for (const database of testDatabases()) {
  test(`SAML single logout with node-saml as the SP (${database.name})`, async (t) => {
    const app = await listeningApp(database);
    t.after(() => app.close());
    const { school, scope, pupils } = await schoolWithPupils(app, 40);
    const publisher = await consentedPublisher(app, school, 'standard');
    const sp = await makeSp(app, { register: { publisherSlug: publisher.slug, profile: 'minimal' } });

    async function signedInAtSp(pupilId: number) {
      const browser = await signedInPupil(app, scope, pupilId);
      const { response } = await browser.follow(await sp.saml.getAuthorizeUrlAsync('', undefined, {}));
      const { profile } = await sp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(await response.text()).fields.SAMLResponse });
      assert.ok(profile?.sessionIndex, 'the assertion names a session');
      return { browser, profile };
    }

    await t.test('the named person is logged out and the SP gets a signed LogoutResponse', async () => {
      const { browser, profile } = await signedInAtSp(pupils[0].pupilId);
      assert.equal((await browser.request('/leerling')).status, 200, 'signed in before');
      const logoutUrl = await sp.saml.getLogoutUrlAsync(profile, 'na-uitloggen', {});
      assert.match(logoutUrl, /Signature=/);
      const { response } = await browser.follow(logoutUrl);
      const html = await response.text();
      assert.equal(response.status, 200, html.slice(0, 300));
      const form = postedForm(html);
      assert.equal(form.action, `${new URL(sp.acsUrl).origin}/slo`);
      assert.equal(form.fields.RelayState, 'na-uitloggen');
      const xml = Buffer.from(form.fields.SAMLResponse, 'base64').toString();
      assert.match(xml, /<samlp:LogoutResponse[^>]*>\s*<saml:Issuer>[^<]+<\/saml:Issuer>\s*<ds:Signature/, 'the LogoutResponse is signed');
      assert.match(xml, /status:Success/);
      const result = await sp.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse });
      assert.equal(result.loggedOut, true);
      assert.notEqual((await browser.request('/leerling')).status, 200, 'the Leerpoort session has ended');
    });

    await t.test('a LogoutRequest for someone else leaves this session alone', async () => {
      const { profile } = await signedInAtSp(pupils[1].pupilId);
      const { browser: bystander } = await signedInAtSp(pupils[2].pupilId);
      const { response } = await bystander.follow(await sp.saml.getLogoutUrlAsync(profile, '', {}));
      const xml = Buffer.from(postedForm(await response.text()).fields.SAMLResponse, 'base64').toString();
      assert.match(xml, /status:Requester/);
      assert.equal((await bystander.request('/leerling')).status, 200, 'still signed in');
    });

    await t.test('HTTP-Redirect SingleLogoutService: the LogoutResponse comes back as a signed redirect', async () => {
      const redirectSp = await makeSp(app);
      const metadata = redirectSp.metadata.replace(
        /<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"/,
        '<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"',
      );
      await app.capabilities.saml.serviceProviders.add('operator:test', { publisherSlug: publisher.slug, metadataXml: metadata, profile: 'minimal' });
      const browser = await signedInPupil(app, scope, pupils[4].pupilId);
      const { response } = await browser.follow(await redirectSp.saml.getAuthorizeUrlAsync('', undefined, {}));
      const { profile } = await redirectSp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(await response.text()).fields.SAMLResponse });
      const { url } = await browser.follow(await redirectSp.saml.getLogoutUrlAsync(profile!, 'weg', {}));
      const landed = new URL(url);
      assert.equal(`${landed.origin}${landed.pathname}`, `${new URL(redirectSp.acsUrl).origin}/slo`);
      assert.ok(landed.searchParams.get('Signature'), 'the redirect is signed');
      assert.equal(landed.searchParams.get('RelayState'), 'weg');
      const result = await redirectSp.saml.validateRedirectAsync(Object.fromEntries(landed.searchParams), landed.search.slice(1));
      assert.equal(result.loggedOut, true);
      assert.notEqual((await browser.request('/leerling')).status, 200, 'the Leerpoort session has ended');
    });

    await t.test('an unsigned LogoutRequest is refused when the SP must sign', async () => {
      const { browser, profile } = await signedInAtSp(pupils[3].pupilId);
      const url = new URL(await sp.saml.getLogoutUrlAsync(profile, '', {}));
      url.searchParams.delete('Signature');
      url.searchParams.delete('SigAlg');
      const refused = await browser.request(url.href);
      assert.equal(refused.status, 400);
      assert.equal(errorCode(await refused.text()), 'saml.signature_missing');
      assert.equal((await browser.request('/leerling')).status, 200);
    });
  });
}
