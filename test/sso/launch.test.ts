/**
 * The launch route `/starten/:productId?school=…` a portal tile links to: licence check,
 * privacy gate, then an IdP-initiated signed SAML response that node-saml (the publisher's
 * SP) accepts, or a redirect to an OIDC product's launch URL; the refusals in Dutch
 * (not licensed, no ECK iD for a with-ECK profile, consent withdrawn); a teacher of two
 * schools chooses one; a person who is not signed in goes to the login page first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { TestBrowser } from '../helpers/app.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { uniqueEmail } from '../accounts/staff-helpers.js';
import { activateAndSignIn } from '../accounts/substitute-helpers.js';
import { consentedPublisher, listeningApp, signedInPupil, withdrawConsent } from './oidc-helpers.js';
import { errorCode, makeSp, PERSISTENT, postedForm } from './saml-helpers.js';

for (const database of testDatabases()) {
  test(`launch from a portal tile (${database.name})`, async (t) => {
    const app = await listeningApp(database);
    t.after(() => app.close());
    const { catalogue } = app.capabilities;
    const { school, scope, pupils } = await schoolWithPupils(app, 16);
    const publisher = await consentedPublisher(app, school, 'with_eck');
    const sp = await makeSp(app, { register: { publisherSlug: publisher.slug, profile: 'standard' } });
    const samlProduct = await catalogue.products.add('operator:test', { publisherSlug: publisher.slug, code: 'rekenen', name: 'Rekenrijk', launchUrl: 'https://rekenrijk.test/start', tags: [], protocol: 'saml', samlEntityId: sp.entityId });
    const oidcProduct = await catalogue.products.add('operator:test', { publisherSlug: publisher.slug, code: 'taal', name: 'Taalrijk', launchUrl: 'https://taalrijk.test/login', tags: [], protocol: 'oidc' });
    const unlicensed = await catalogue.products.add('operator:test', { publisherSlug: publisher.slug, code: 'lezen', name: 'Leesrijk', launchUrl: 'https://leesrijk.test/', tags: [], protocol: 'oidc' });
    for (const product of [samlProduct, oidcProduct]) await catalogue.licences.grant('operator:test', { schoolId: school.id, productId: product.id, holder: { kind: 'school' } });
    const pupil = pupils[0];
    const browser = await signedInPupil(app, scope, pupil.pupilId);
    const launchPath = (productId: number) => `/starten/${productId}?school=${school.id}`;

    await t.test('SAML product: IdP-initiated signed response to the registered ACS, accepted by node-saml', async () => {
      const response = await browser.request(launchPath(samlProduct.id));
      const html = await response.text();
      assert.equal(response.status, 200, html.slice(0, 400));
      assert.match(response.headers.get('content-security-policy') ?? '', new RegExp(`form-action ${new URL(sp.acsUrl).origin}`), 'the CSP lets this page post to the SP only');
      const form = postedForm(html);
      assert.equal(form.action, sp.acsUrl);
      assert.equal(form.fields.RelayState, 'https://rekenrijk.test/start');
      assert.match(html, /<script src="\/saml\/autopost.js"><\/script>/);
      assert.match(html, /<button type="submit">Verder naar Rekenrijk<\/button>/, 'works without JavaScript too');
      const { profile } = await sp.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse });
      assert.equal(profile?.nameIDFormat, PERSISTENT);
      assert.doesNotMatch(Buffer.from(form.fields.SAMLResponse, 'base64').toString(), /InResponseTo/, 'unsolicited: answers no request');
      assert.equal((profile?.attributes as Record<string, unknown>).eduPersonAffiliation, 'student');
    });

    await t.test('OIDC product: redirect to its launch URL; unlicensed product: Dutch refusal', async () => {
      const redirect = await browser.request(launchPath(oidcProduct.id));
      assert.equal(redirect.status, 303);
      assert.equal(redirect.headers.get('location'), 'https://taalrijk.test/login');
      const refused = await browser.request(launchPath(unlicensed.id));
      assert.equal(refused.status, 403);
      const html = await refused.text();
      assert.equal(errorCode(html), 'saml.launch_not_licensed');
      assert.match(html, /Leesrijk/);
      assert.equal((await browser.request('/starten/999999999')).status, 404);
    });

    await t.test('with-ECK profile and a pupil without ECK iD: the clear refusal, nothing sent', async () => {
      const eckPublisher = await consentedPublisher(app, school, 'with_eck');
      const eckSp = await makeSp(app, { register: { publisherSlug: eckPublisher.slug, profile: 'with_eck' } });
      const product = await catalogue.products.add('operator:test', { publisherSlug: eckPublisher.slug, code: 'eck', name: 'ECK-methode', launchUrl: 'https://eck.test/', tags: [], protocol: 'saml', samlEntityId: eckSp.entityId });
      await catalogue.licences.grant('operator:test', { schoolId: school.id, productId: product.id, holder: { kind: 'school' } });
      const ids = pupils.map((p) => p.pupilId);
      const rows = await app.db.kysely.selectFrom('pupils').select(['id', 'eckid']).where('id', 'in', ids).execute();
      const holder = rows.find((r) => r.eckid);
      assert.ok(holder, 'the roster gives some pupils an ECK iD');
      const holderBrowser = await signedInPupil(app, scope, Number(holder.id));
      const withEck = await holderBrowser.request(launchPath(product.id));
      const release = await eckSp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(await withEck.text()).fields.SAMLResponse });
      assert.equal((release.profile?.attributes as Record<string, unknown>).eckId, holder.eckid, 'the ECK iD is released under with_eck');

      const other = pupils.find((p) => p.pupilId !== Number(holder.id)) as (typeof pupils)[number];
      await app.db.kysely.updateTable('pupils').set({ eckid: null }).where('id', '=', other.pupilId).execute();
      const otherBrowser = await signedInPupil(app, scope, other.pupilId);
      const refused = await otherBrowser.request(launchPath(product.id));
      assert.equal(refused.status, 403);
      const html = await refused.text();
      assert.equal(errorCode(html), 'sso.eckid_missing');
      assert.doesNotMatch(html, /SAMLResponse/);
    });

    await t.test('consent withdrawn: the next launch is refused', async () => {
      await withdrawConsent(app, school.id, publisher.id);
      const refused = await browser.request(launchPath(samlProduct.id));
      assert.equal(refused.status, 403);
      assert.equal(errorCode(await refused.text()), 'privacy.no_consent');
      const oidcRefused = await browser.request(launchPath(oidcProduct.id));
      assert.equal(oidcRefused.status, 403, 'the OIDC hand-over is gated too');
    });

    await t.test('not signed in: to the school login page with a safe way back', async () => {
      const anonymous = new TestBrowser(app.app);
      const response = await anonymous.get(launchPath(samlProduct.id));
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/school/${encodeURIComponent(school.instellingRef)}?terug=${encodeURIComponent(launchPath(samlProduct.id))}`);
    });
  });

  test(`a teacher of two schools chooses the school; her affiliation is employee (${database.name})`, async (t) => {
    const app = await listeningApp(database);
    t.after(() => app.close());
    const { catalogue } = app.capabilities;
    const first = await schoolWithPupils(app, 2);
    const second = await schoolWithPupils(app, 2);
    const email = uniqueEmail('juf');
    for (const s of [first.school, second.school]) {
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: s.id }, { email, displayName: 'Juf Annelies', role: 'teacher' });
    }
    const publisher = await consentedPublisher(app, first.school, 'standard');
    const sp = await makeSp(app, { register: { publisherSlug: publisher.slug, profile: 'standard' } });
    const product = await catalogue.products.add('operator:test', { publisherSlug: publisher.slug, code: 'wereld', name: 'Wereldrijk', launchUrl: 'https://wereld.test/', tags: ['leerkrachtApplicatie'], protocol: 'saml', samlEntityId: sp.entityId });
    await catalogue.licences.grant('operator:test', { schoolId: first.school.id, productId: product.id, holder: { kind: 'school' } });
    const browser = await activateAndSignIn(app, email);

    const choose = await browser.get(`/starten/${product.id}`);
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, new RegExp(`href="/starten/${product.id}\\?school=${first.school.id}"`));
    assert.match(choose.body, new RegExp(`href="/starten/${product.id}\\?school=${second.school.id}"`));

    const launched = await browser.get(`/starten/${product.id}?school=${first.school.id}`);
    assert.equal(launched.statusCode, 200, launched.body.slice(0, 300));
    const { profile } = await sp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(launched.body).fields.SAMLResponse });
    const attrs = profile?.attributes as Record<string, unknown>;
    assert.equal(attrs.eduPersonAffiliation, 'employee');
    assert.equal(attrs.nlEduPersonHomeOrganizationId, first.school.brin);
    assert.equal(attrs.givenName, 'Juf');

    const notLicensed = await browser.get(`/starten/${product.id}?school=${second.school.id}`);
    assert.equal(notLicensed.statusCode, 403);
    assert.equal(errorCode(notLicensed.body), 'saml.launch_not_licensed');
  });
}
