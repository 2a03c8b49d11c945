/**
 * The operator's `/beheer` page: boards and schools listed, added through the forms (the
 * same use cases as the CLI), with Dutch errors next to the field and the input kept.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, uniqueBoardNumber, uniqueSchoolCode } from '../helpers/databases.js';
import { buildTestApp, signInAsOperator, type TestApp } from '../helpers/app.js';

for (const database of testDatabases()) {
  describe(`[${database.name}] operator organisation pages`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(database);
    });
    after(() => t.close());

    test('the operator adds a board and a school, and sees them listed', async () => {
      const browser = await signInAsOperator(t);
      await browser.get('/beheer');
      const number = uniqueBoardNumber();
      const board = await browser.post('/beheer/besturen', { number, name: 'Stichting Primair Onderwijs Noord' });
      assert.equal(board.statusCode, 303);
      assert.equal(board.headers.location, `/beheer?bestuur=${number}`);
      const listed = await browser.get(String(board.headers.location));
      assert.match(listed.body, /Bestuur Stichting Primair Onderwijs Noord is toegevoegd/);
      assert.match(listed.body, new RegExp(`<option value="${number}">`));

      const { brin, locationCode } = uniqueSchoolCode();
      const school = await browser.post('/beheer/scholen', {
        boardNumber: number,
        brin: brin.toLowerCase(),
        locationCode,
        name: 'OBS De Vlinder',
        schoolkey: '41323',
        street: 'Dorpsstraat',
        houseNumber: '1',
        postcode: '1234 ab',
        city: 'Zwolle',
      });
      assert.equal(school.statusCode, 303, school.body);
      const location = String(school.headers.location);
      assert.match(location, /^\/beheer\/scholen\/\d+\?melding=school-toegevoegd$/);
      const page = await browser.get(location);
      assert.match(page.body, /De school is toegevoegd/);
      assert.match(page.body, /<h1>OBS De Vlinder<\/h1>/);
      assert.ok(page.body.includes(`${brin} ${locationCode}`));
      assert.match(page.body, /Dorpsstraat 1, 1234AB Zwolle/);

      const overview = await browser.get('/beheer');
      assert.ok(overview.body.includes(`<a href="${location.split('?')[0]}">OBS De Vlinder</a>`));
      assert.ok(overview.body.includes(`<td>${brin} ${locationCode}</td>`));
    });

    test('a bad BRIN is explained in Dutch next to the field, with the input kept', async () => {
      const browser = await signInAsOperator(t);
      await browser.get('/beheer');
      const number = uniqueBoardNumber();
      await browser.post('/beheer/besturen', { number, name: 'Stichting Fout' });
      await browser.get('/beheer');
      const response = await browser.post('/beheer/scholen', { boardNumber: number, brin: '1X2', locationCode: '00', name: 'De Foutschool' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /De BRIN-code &quot;1X2&quot; is ongeldig: verwacht twee cijfers en twee hoofdletters/);
      assert.match(response.body, /<p class="error-message" id="school-brin-error">/);
      const input = /<input[^>]*id="school-brin"[^>]*>/.exec(response.body)?.[0] ?? '';
      for (const attribute of ['value="1X2"', 'aria-describedby="school-brin-hint school-brin-error"', 'aria-invalid="true"']) assert.ok(input.includes(attribute), `${attribute} in ${input}`);
      assert.match(response.body, /value="De Foutschool"/);
      assert.match(response.body, new RegExp(`<option value="${number}" selected="">`));
      assert.match(response.body, /<a href="#school-brin">/, 'the error summary links to the field');
      assert.equal((await t.capabilities.organisations.listSchools()).some((s) => s.name === 'De Foutschool'), false);
    });

    test('a duplicate board and a missing name are refused with Dutch messages', async () => {
      const browser = await signInAsOperator(t);
      await browser.get('/beheer');
      const number = uniqueBoardNumber();
      await browser.post('/beheer/besturen', { number, name: 'Stichting Eén' });
      await browser.get('/beheer');
      const duplicate = await browser.post('/beheer/besturen', { number, name: 'Stichting Twee' });
      assert.equal(duplicate.statusCode, 409);
      assert.ok(duplicate.body.includes(`Er bestaat al een bestuur met bestuursnummer ${number}.`));
      await browser.get('/beheer');
      const nameless = await browser.post('/beheer/besturen', { number: uniqueBoardNumber() });
      assert.equal(nameless.statusCode, 400);
      assert.match(nameless.body, /Vul een naam in van hoogstens 128 tekens/);
      assert.match(nameless.body, /id="bestuur-name-error"/);
    });
  });
}
