/**
 * The operator's catalogue pages and a school's licence page through real forms (with CSRF):
 * add a publisher, a product with a tag and a shortcut target; grant a licence to a group and to
 * the whole school; the ICT-coördinator sees the licences with the cancellation deadline and can
 * revoke one; refusals come back as a Dutch message; a form without CSRF token is refused;
 * another school's coordinator and a teacher cannot open the page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, signInAsOperator } from '../helpers/app.js';
import { signedInCoordinator } from '../accounts/substitute-helpers.js';
import { rosteredSchool, uniqueSlug } from './fixtures.js';

for (const database of testDatabases()) {
  test(`operator catalogue pages and the school's licence page (${database.name})`, async () => {
    const t = await buildTestApp(database);
    try {
      const school = await rosteredSchool(t);
      const operator = await signInAsOperator(t);
      const list = await operator.get('/beheer/uitgeverijen');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes('href="/beheer/uitgeverijen"'), 'the operator menu links here');

      const slug = uniqueSlug('zwijsen');
      assert.equal((await operator.post('/beheer/uitgeverijen', { slug, name: 'Zwijsen' }, { csrf: false })).statusCode, 403, 'no CSRF token, no change');
      const added = await operator.post('/beheer/uitgeverijen', { slug, name: 'Zwijsen' });
      assert.equal(added.statusCode, 303);
      const publisher = (await t.capabilities.catalogue.publishers.bySlug(slug))!;
      assert.equal(publisher.name, 'Zwijsen');
      await operator.get('/beheer/uitgeverijen');
      const duplicate = await operator.post('/beheer/uitgeverijen', { slug, name: 'Zwijsen' });
      assert.equal(duplicate.statusCode, 409);
      assert.match(duplicate.body, /Er bestaat al een uitgeverij met de korte naam/);

      const page = `/beheer/uitgeverijen/${publisher.id}`;
      await operator.get(page);
      const bad = await operator.post(`${page}/producten`, { code: 'vll', name: 'Veilig leren lezen', launchUrl: 'ftp://x', protocol: 'oidc' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /is ongeldig/);
      assert.ok(bad.body.includes('value="Veilig leren lezen"'), 'input is kept');
      const product = await operator.post(`${page}/producten`, { code: 'vll', name: 'Veilig leren lezen', launchUrl: 'https://vll.example/start', protocol: 'oidc', toetsApplicatie: '1' });
      assert.equal(product.statusCode, 303);
      const [created] = await t.capabilities.catalogue.products.list({ publisherId: publisher.id });
      assert.deepEqual(created.tags, ['toetsApplicatie']);
      const plain = await t.capabilities.catalogue.products.add('operator:test', { publisherSlug: slug, code: 'kim', name: 'Kim versie', launchUrl: 'https://vll.example/kim', protocol: 'oidc' });
      await operator.get(page);
      assert.equal((await operator.post(`${page}/snelkoppelingen`, { url: 'https://vll.example/les/' })).statusCode, 303);
      const shown = await operator.get(page);
      assert.ok(shown.body.includes('https://vll.example/les/') && shown.body.includes('Veilig leren lezen'));

      const licencesPage = `/beheer/scholen/${school.id}/licenties`;
      const found = await operator.get(`/beheer/licenties?school=${school.brin}${school.locationCode}`);
      assert.equal(found.headers.location, licencesPage, 'the operator finds a school\'s licences by its code');
      const form = await operator.get(licencesPage);
      assert.equal(form.statusCode, 200);
      const groupId = /<option value="(\d+)"[^>]*>Groep|<select id="licentie-group"[^]*?<option value="(\d+)"/.exec(form.body);
      assert.ok(groupId, 'the form lists the school\'s groups');
      const granted = await operator.post(licencesPage, { product: String(plain.id), holder: 'group', group: groupId[1] ?? groupId[2], holderValue: '' });
      assert.equal(granted.statusCode, 303);
      await operator.get(licencesPage);
      assert.equal((await operator.post(licencesPage, { product: String(created.id), holder: 'school', group: '', holderValue: '' })).statusCode, 303);
      await operator.get(licencesPage);
      const refused = await operator.post(licencesPage, { product: String(plain.id), holder: 'staff', group: '', holderValue: 'niemand@example.nl' });
      assert.equal(refused.statusCode, 404);
      assert.match(refused.body, /is bij deze school niet gevonden/);

      const ict = await signedInCoordinator(t, school);
      const material = await ict.get('/lesmateriaal');
      assert.ok(material.body.includes(`href="${licencesPage}"`), 'the ICT-coördinator finds the licence page from Mijn lesmateriaal');
      const seen = await ict.get(licencesPage);
      assert.equal(seen.statusCode, 200);
      const year = t.capabilities.catalogue.licences.currentSchoolYear();
      assert.ok(seen.body.includes(`30 juni ${year.slice(5)}`), 'the cancellation deadline is shown');
      assert.ok(seen.body.includes('Kim versie') && seen.body.includes('Veilig leren lezen'));
      const [first] = await t.capabilities.catalogue.licences.listForSchool(school.id);
      const revoke = await ict.post(`${licencesPage}/${first.id}/intrekken`);
      assert.equal(revoke.statusCode, 303);
      assert.ok((await t.capabilities.catalogue.licences.listForSchool(school.id)).find((l) => l.id === first.id)!.revokedAt);

      const otherSchool = await rosteredSchool(t, 'Andere school');
      const otherIct = await signedInCoordinator(t, otherSchool);
      assert.equal((await otherIct.get(licencesPage)).statusCode, 403, 'another school\'s coordinator cannot see these licences');
      assert.equal((await otherIct.get('/beheer/uitgeverijen')).statusCode, 403, 'publishers are the operator\'s');
    } finally {
      await t.close();
    }
  });
}
