/**
 * Over HTTP: the pupil's "Mijn lesmateriaal" shows her licensed tiles (and not a teacher app) with
 * their launch paths; staff see theirs on /lesmateriaal. The snelkoppelaar follows only targets a
 * publisher registered: exact, below a registered prefix, and a product's launch URL; it refuses
 * unregistered targets and origin tricks with a Dutch page (never a redirect); not signed in, it
 * sends the pupil to her school's login with a local return path, and after login on to the target.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, TestBrowser } from '../helpers/app.js';
import { rosterTeacher } from '../accounts/staff-helpers.js';
import { activateAndSignIn } from '../accounts/substitute-helpers.js';
import { publisherWithProducts, pupilsOf, rosteredSchool, signInPupil } from './fixtures.js';

for (const database of testDatabases()) {
  describe(`portal and shortcut links (${database.name})`, () => {
    test('pupil and staff tiles', async () => {
      const t = await buildTestApp(database);
      try {
        const school = await rosteredSchool(t);
        const { products } = await publisherWithProducts(t, { rekenen: [], docent: ['leerkrachtApplicatie'] });
        for (const product of Object.values(products)) await t.capabilities.catalogue.licences.grant('operator:test', { schoolId: school.id, productId: product.id, holder: { kind: 'school' } });
        const pupil = (await pupilsOf(t, school.id))[0];
        const browser = await signInPupil(t, school, pupil.id);
        const portal = await browser.get('/leerling');
        assert.equal(portal.statusCode, 200);
        assert.match(portal.body, /<h2 id="lesmateriaal">Mijn lesmateriaal<\/h2>/);
        assert.ok(portal.body.includes(`href="/starten/${products.rekenen.id}?school=${school.id}"`), 'the tile links to its launch path');
        assert.ok(portal.body.includes('Methode rekenen'));
        assert.ok(!portal.body.includes('Methode docent'), 'no teacher application for a pupil');
        assert.ok(portal.body.includes('href="/leerling/plaatje"'));

        await t.capabilities.staffAccounts.members.inviteFromRoster('test', { schoolId: school.id });
        const teacher = await rosterTeacher(t, school.id);
        const staff = await activateAndSignIn(t, teacher.email);
        const material = await staff.get('/lesmateriaal');
        assert.equal(material.statusCode, 200);
        assert.ok(material.body.includes('Methode rekenen') && material.body.includes('Methode docent'), 'staff also see teacher applications');
        assert.ok(material.body.includes('href="/lesmateriaal"'), 'the main menu links here');
        assert.equal((await browser.get('/lesmateriaal')).statusCode, 403, 'pupils have no staff page');
      } finally {
        await t.close();
      }
    });

    test('snelkoppelaar: registered targets only, login first when needed', async () => {
      const t = await buildTestApp(database);
      try {
        const school = await rosteredSchool(t);
        const { publisher, products } = await publisherWithProducts(t, { lezen: [] }, 'https://lezen.uitgever.example');
        await t.capabilities.catalogue.shortcuts.add('operator:test', { publisherSlug: publisher.slug, url: 'https://lezen.uitgever.example/les/' });
        await t.capabilities.catalogue.shortcuts.add('operator:test', { publisherSlug: publisher.slug, url: 'https://lezen.uitgever.example/start?methode=3' });
        const pupil = (await pupilsOf(t, school.id))[0];
        const browser = await signInPupil(t, school, pupil.id);
        const go = (target: string, ref = school.instellingRef) => browser.get(`/snelkoppelaar?TARGET=${encodeURIComponent(target)}&INSTELLING_REF=${ref}`);

        for (const allowed of ['https://lezen.uitgever.example/les/7?blok=2', 'https://lezen.uitgever.example/start?methode=3', products.lezen.launchUrl]) {
          const response = await go(allowed);
          assert.equal(response.statusCode, 303, allowed);
          assert.equal(response.headers.location, new URL(allowed).href);
        }
        const refused = [
          'https://lezen.uitgever.example/start?methode=4', // exact registration: another query is another target
          'https://lezen.uitgever.example/lessen', // not below /les/
          'https://lezen.uitgever.example/les/../admin', // normalised to /admin
          'https://lezen.uitgever.example/les/%2e%2e/admin',
          'https://lezen.uitgever.example/les/..%2fadmin',
          '//evil.example/les/',
          '/\\evil.example/les/',
          'https:\\\\evil.example/les/',
          'https://lezen.uitgever.example\\@evil.example/les/',
          'https://lezen.uitgever.example@evil.example/les/',
          'https://lezen.uitgever.example.evil.example/les/',
          'http://lezen.uitgever.example/les/1',
          'javascript:alert(1)//https://lezen.uitgever.example/les/',
          'https://evil.example/?https://lezen.uitgever.example/les/',
          ' https://lezen.uitgever.example/les/1',
          '',
        ];
        for (const target of refused) {
          const response = await go(target);
          assert.equal(response.statusCode, 400, `refused: ${target}`);
          assert.equal(response.headers.location, undefined, `no redirect for ${target}`);
          assert.match(response.body, /geen uitgeverij bij Leerpoort heeft aangemeld/);
        }
        assert.equal((await go('https://lezen.uitgever.example/les/1', 'onbekend')).statusCode, 404, 'unknown school reference');

        // Not signed in: to the school's pupil login with a local return path, and on after login.
        const stranger = new TestBrowser(t.app);
        const target = 'https://lezen.uitgever.example/les/12';
        const first = await stranger.get(`/snelkoppelaar?TARGET=${encodeURIComponent(target)}&INSTELLING_REF=${school.instellingRef}`);
        assert.equal(first.statusCode, 303);
        const login = new URL(first.headers.location as string, 'http://leerpoort.test');
        assert.equal(login.pathname, `/school/${school.instellingRef}`);
        const back = login.searchParams.get('terug')!;
        assert.ok(back.startsWith('/snelkoppelaar?') && !back.startsWith('//'), back);
        const unknownFirst = await stranger.get(`/snelkoppelaar?TARGET=${encodeURIComponent('https://evil.example/')}&INSTELLING_REF=${school.instellingRef}`);
        assert.equal(unknownFirst.statusCode, 400, 'an unknown target is refused before any login');
        const signedIn = await signInPupil(t, school, pupil.id);
        const after = await signedIn.get(back);
        assert.equal(after.statusCode, 303);
        assert.equal(after.headers.location, target);

        // The same browser logs in: the portal sends her on to the shortcut once, then on to the method.
        const again = await stranger.get(`/snelkoppelaar?TARGET=${encodeURIComponent(target)}&INSTELLING_REF=${school.instellingRef}`);
        assert.equal(again.statusCode, 303);
        assert.equal((await stranger.get(again.headers.location as string)).statusCode, 200, 'the login page remembers where to go on');
        await signInPupil(t, school, pupil.id, stranger);
        const portal = await stranger.get('/leerling');
        assert.equal(portal.statusCode, 303);
        assert.equal(portal.headers.location, back);
        assert.equal((await stranger.get(back)).headers.location, target);
        assert.equal((await stranger.get('/leerling')).statusCode, 200, 'only once: next time the portal shows');
      } finally {
        await t.close();
      }
    });
  });
}
