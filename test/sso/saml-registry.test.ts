/**
 * Registering publishers' SPs by their metadata — on the command line (`leerpoort saml …`, the
 * real binary) and on the operator's web page — and rotating the IdP signing key: the old
 * certificate stays published, new responses are signed with the new key and still accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, signInAsOperator } from '../helpers/app.js';
import { runCli, tempDir } from '../cli/run-cli.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { uniqueSlug } from '../catalogue/fixtures.js';
import { consentedPublisher, listeningApp, signedInPupil } from './oidc-helpers.js';
import { makeSp, postedForm } from './saml-helpers.js';

const certificates = (metadata: string) => [...metadata.matchAll(/<(?:\w+:)?X509Certificate>([^<]+)</g)].map((m) => m[1].replace(/\s+/g, ''));

for (const database of testDatabases()) {
  test(`saml add-sp / list-sps / rotate-key on the command line (${database.name})`, async (t) => {
    const app = await buildTestApp(database);
    t.after(() => app.close());
    const slug = uniqueSlug('uitgever');
    await app.capabilities.catalogue.publishers.add('operator:test', { slug, name: 'Uitgeverij Opdrachtregel' });
    const sp = await makeSp(app);
    const dir = tempDir();
    const file = path.join(dir, 'sp.xml');
    fs.writeFileSync(file, sp.metadata);
    const cli = { databaseUrl: database.url, env: { PUBLIC_URL: 'https://leerpoort.example.nl' } };

    const added = await runCli(['saml', 'add-sp', '--publisher', slug, '--metadata', file, '--profile', 'standard'], cli);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, new RegExp(`Service provider ${sp.entityId} is aangemeld`));
    assert.match(added.stdout, /Ondertekende inlogverzoeken: verplicht/);

    const again = await runCli(['saml', 'add-sp', '--publisher', slug, '--metadata', file, '--profile', 'standard'], cli);
    assert.notEqual(again.code, 0, 'the same entityID twice is refused');
    assert.match(again.stderr, /al een lesmethode aangemeld/);

    const badProfile = await runCli(['saml', 'add-sp', '--publisher', slug, '--metadata', file, '--profile', 'alles'], cli);
    assert.notEqual(badProfile.code, 0);
    assert.match(badProfile.stderr, /Onbekend gegevensprofiel/);

    const listed = await runCli(['saml', 'list-sps', '--json'], cli);
    assert.equal(listed.code, 0, listed.stderr);
    const mine = (JSON.parse(listed.stdout) as Array<{ entityId: string; acsUrls: string[]; profile: string; authnRequestsSigned: boolean }>).find((s) => s.entityId === sp.entityId);
    assert.ok(mine);
    assert.deepEqual(mine.acsUrls, [sp.acsUrl]);
    assert.equal(mine.profile, 'standard');
    assert.equal(mine.authnRequestsSigned, true);

    const before = certificates((await runCli(['saml', 'metadata'], cli)).stdout);
    const rotated = await runCli(['saml', 'rotate-key'], cli);
    assert.equal(rotated.code, 0, rotated.stderr);
    const after = certificates((await runCli(['saml', 'metadata'], cli)).stdout);
    assert.equal(after.length, before.length + 1, 'the new certificate is added; the old one stays published');
    assert.ok(before.every((c) => after.includes(c)));
  });

  test(`operator web page: SPs listed, added by metadata, bad metadata explained (${database.name})`, async (t) => {
    const app = await buildTestApp(database);
    t.after(() => app.close());
    const slug = uniqueSlug('uitgever');
    await app.capabilities.catalogue.publishers.add('operator:test', { slug, name: 'Uitgeverij Webpagina' });
    const sp = await makeSp(app, { signRequests: false });
    const browser = await signInAsOperator(app);

    const page = await browser.get('/beheer/saml');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label for="saml-sp-metadata">SP-metadata \(XML\)<\/label>/);
    const done = await browser.post('/beheer/saml', { publisher: slug, profile: 'minimal', metadata: sp.metadata });
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    const list = await browser.get('/beheer/saml?gedaan=sp');
    assert.match(list.body, /De lesmethode is aangemeld/);
    assert.ok(list.body.includes(sp.entityId));
    assert.match(list.body, /Uitgeverij Webpagina/);
    const stored = await app.capabilities.saml.serviceProviders.byEntityId(sp.entityId);
    assert.equal(stored?.authnRequestsSigned, false);

    const bad = await browser.post('/beheer/saml', { publisher: slug, profile: 'minimal', metadata: '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x.test"/>' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /SPSSODescriptor/);

    const anonymous = await app.app.inject({ method: 'GET', url: '/beheer/saml' });
    assert.notEqual(anonymous.statusCode, 200, 'operators only');
  });

  test(`after key rotation responses are signed with the new key (${database.name})`, async (t) => {
    const app = await listeningApp(database);
    t.after(() => app.close());
    const { school, scope, pupils } = await schoolWithPupils(app, 4);
    const publisher = await consentedPublisher(app, school, 'standard');
    const sp = await makeSp(app, { register: { publisherSlug: publisher.slug, profile: 'minimal' } });
    const browser = await signedInPupil(app, scope, pupils[0].pupilId);
    await app.capabilities.saml.keys.rotate();
    const { response } = await browser.follow(await sp.saml.getAuthorizeUrlAsync('', undefined, {}));
    const form = postedForm(await response.text());
    await assert.rejects(sp.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse }), 'the SP that only knows the old certificate refuses');
    // A second SP object: it has the new metadata but not the first one's record of request ids.
    const refreshed = await makeSp(app, { entityId: sp.entityId, callbackUrl: sp.acsUrl, validateInResponseTo: 'never' });
    const { profile } = await refreshed.saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse });
    assert.match(profile?.nameID ?? '', /^[0-9a-f]{64}$/);
  });
}
