/**
 * The school roster pages end to end, as an operator uses them: upload an EDEXML file,
 * read the preview, confirm, see the history, undo; refused and mismatched files change
 * nothing; no ECK iD or BSN ever reaches a page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, createTestSchool, signInAsOperator, type TestApp, type TestBrowser } from '../helpers/app.js';
import type { School } from '../../src/organisations/index.js';
import { fileOf, identifiersOf, rosterFor, withoutLastPupils } from './edexml-files.js';

const IMPORT_LINK = /href="(\/beheer\/scholen\/\d+\/imports\/(\d+))"/;

function assertNoIdentifiers(browser: TestBrowser, identifiers: string[]): void {
  assert.ok(browser.pages.length > 0);
  for (const page of browser.pages) {
    for (const id of identifiers) assert.equal(page.includes(id), false, `identifier ${id.slice(0, 24)}… shown on a page`);
    assert.equal(/ketenid\.nl|id\.school\//.test(page), false, 'an ECK iD is shown on a page');
  }
}

async function upload(browser: TestBrowser, school: School, content: Buffer, name = 'export.xml') {
  await browser.get(`/beheer/scholen/${school.id}`);
  return browser.upload(`/beheer/scholen/${school.id}/imports`, 'bestand', { name, content });
}

for (const database of testDatabases()) {
  describe(`[${database.name}] school roster pages`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(database);
    });
    after(() => t.close());

    test('upload → preview → confirm → history → undo', async () => {
      const school = await createTestSchool(t.capabilities);
      const browser = await signInAsOperator(t);
      const roster = rosterFor(school);
      const scope = { schoolId: school.id };

      const uploaded = await upload(browser, school, fileOf(roster), 'parnassys-export.xml');
      assert.equal(uploaded.statusCode, 303, uploaded.body);
      const importPath = String(uploaded.headers.location);
      assert.match(importPath, new RegExp(`^/beheer/scholen/${school.id}/imports/\\d+$`));

      const preview = await browser.get(importPath);
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Er is nog niets gewijzigd/);
      assert.match(preview.body, /Nieuwe leerlingen \(24\)/);
      assert.match(preview.body, /Bevestigen en verwerken/);
      assert.match(preview.body, /Annuleren/);
      // The names come from a generator seeded with the school's (random) BRIN, so some are like D'Hondt: the page escapes the apostrophe.
      assert.ok(preview.body.includes((roster.pupils[0].lastName ?? '').replace(/'/g, '&#39;')), 'pupil names are listed');
      assert.equal((await t.capabilities.roster.rosterOverview(scope)).activePupils, 0, 'a preview changes nothing');

      const confirmed = await browser.post(`${importPath}/bevestigen`);
      assert.equal(confirmed.statusCode, 303);
      const result = await browser.get(String(confirmed.headers.location));
      assert.match(result.body, /De import is verwerkt/);
      assert.equal((await t.capabilities.roster.rosterOverview(scope)).activePupils, 24);

      const schoolPage = await browser.get(`/beheer/scholen/${school.id}`);
      assert.match(schoolPage.body, /Importgeschiedenis/);
      assert.match(schoolPage.body, /parnassys-export\.xml/);
      assert.match(schoolPage.body, /Testbeheer \(beheerder\)/);
      assert.match(schoolPage.body, />Upload</);
      assert.match(schoolPage.body, /2026-2027/);
      assert.match(schoolPage.body, /Verwerkt/);
      assert.match(schoolPage.body, /Ongedaan maken/);
      assert.match(schoolPage.body, /<label for="upload-bestand">EDEXML-bestand<\/label>/);

      const undoPage = await browser.get(`${importPath}/ongedaan-maken`);
      assert.equal(undoPage.statusCode, 200);
      assert.match(undoPage.body, /Weet u zeker/);
      const undone = await browser.post(`${importPath}/ongedaan-maken`);
      assert.equal(undone.statusCode, 303);
      const afterUndo = await browser.get(String(undone.headers.location));
      assert.match(afterUndo.body, /De import is ongedaan gemaakt/);
      assert.equal((await t.capabilities.roster.rosterOverview(scope)).activePupils, 0);
      assertNoIdentifiers(browser, identifiersOf(roster));
    });

    test('the preview lists moves and leavers, and the guard warns about a truncated export', async () => {
      const school = await createTestSchool(t.capabilities);
      const browser = await signInAsOperator(t);
      const roster = rosterFor(school, { seed: 11, pupils: 30 });
      const first = await upload(browser, school, fileOf(roster));
      await browser.get(String(first.headers.location));
      await browser.post(`${first.headers.location}/bevestigen`);

      const moved = roster.pupils[0];
      const target = roster.groups.find((group) => group.kind === 'group' && group.key !== moved.groupKey);
      assert.ok(target);
      const changed = { ...roster, pupils: roster.pupils.map((pupil) => (pupil === moved ? { ...pupil, groupKey: target.key } : pupil)) };
      const small = await upload(browser, school, fileOf(withoutLastPupils(changed, 2)));
      const preview = await browser.get(String(small.headers.location));
      assert.match(preview.body, /Leerlingen naar een andere groep \(1\)/);
      assert.ok(preview.body.includes(`naar ${target.name}`), 'the move names the new group');
      assert.match(preview.body, /Leerlingen die vertrekken[^<]*\(2\)/);
      assert.equal(preview.body.includes('Let op: dit bestand zou'), false);
      await browser.post(`${small.headers.location}/annuleren`);

      const truncated = await upload(browser, school, fileOf(withoutLastPupils(roster, 20)));
      const guarded = await browser.get(String(truncated.headers.location));
      assert.match(guarded.body, /Let op: dit bestand zou 67% van de actieve leerlingen uitschrijven \(20 van 30\)/);
      assertNoIdentifiers(browser, identifiersOf(roster));
    });

    test('discarding a preview changes nothing and says so', async () => {
      const school = await createTestSchool(t.capabilities);
      const browser = await signInAsOperator(t);
      const uploaded = await upload(browser, school, fileOf(rosterFor(school)));
      await browser.get(String(uploaded.headers.location));
      const discarded = await browser.post(`${uploaded.headers.location}/annuleren`);
      assert.equal(discarded.statusCode, 303);
      const page = await browser.get(String(discarded.headers.location));
      assert.match(page.body, /De import is geannuleerd. Er is niets gewijzigd./);
      assert.match(page.body, /Geannuleerd/);
      assert.equal((await t.capabilities.roster.rosterOverview({ schoolId: school.id })).activePupils, 0);
      // A discarded import can no longer be confirmed.
      const late = await browser.post(`${uploaded.headers.location}/bevestigen`);
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /wacht niet \(meer\) op bevestiging/);
    });

    test('a refused file shows every problem in Dutch with its line, and changes nothing', async () => {
      const school = await createTestSchool(t.capabilities);
      const browser = await signInAsOperator(t);
      const roster = rosterFor(school);
      let dates = 0;
      const broken = fileOf(roster)
        .toString('utf8')
        .replace(/<geboortedatum>[^<]*<\/geboortedatum>/g, (date) => (++dates <= 2 ? '<geboortedatum>31-02-2019</geboortedatum>' : date));
      const uploaded = await upload(browser, school, Buffer.from(broken));
      assert.equal(uploaded.statusCode, 303);
      const page = await browser.get(String(uploaded.headers.location));
      assert.match(page.body, /Het bestand is geweigerd. Er is niets gewijzigd./);
      assert.match(page.body, /Fouten \(2\)/);
      const problems = page.body.match(/<li class="problem problem-error">[^<]*<\/li>/g) ?? [];
      assert.equal(problems.length, 2);
      for (const problem of problems) {
        assert.match(problem, /Regel \d+/);
        assert.match(problem, /geboortedatum/);
        assert.match(problem, /leerling met key/);
      }
      assert.equal((await t.capabilities.roster.rosterOverview({ schoolId: school.id })).activePupils, 0);
      assertNoIdentifiers(browser, identifiersOf(roster));
    });

    test('a file for another school is refused with the Dutch message', async () => {
      const school = await createTestSchool(t.capabilities);
      const other = await createTestSchool(t.capabilities, 'OBS Het Anker');
      const browser = await signInAsOperator(t);
      const uploaded = await upload(browser, school, fileOf(rosterFor(other)));
      const page = await browser.get(String(uploaded.headers.location));
      assert.ok(page.body.includes(`Het bestand is voor school ${other.brin}${other.locationCode}`), page.body);
      assert.match(page.body, /Er is niets gewijzigd/);
      assert.equal((await t.capabilities.roster.rosterOverview({ schoolId: school.id })).activePupils, 0);
      assert.equal((await t.capabilities.roster.rosterOverview({ schoolId: other.id })).activePupils, 0);
    });

    test('a file held by the guard after a LAS push is confirmed on its page', async () => {
      const school = await createTestSchool(t.capabilities);
      const roster = rosterFor(school, { seed: 5, pupils: 20 });
      const scope = { schoolId: school.id };
      const { token } = await t.capabilities.lasTokens.create(scope, 'test', 'ParnasSys');
      const push = (content: Buffer) =>
        t.app.inject({ method: 'POST', url: `/api/v1/schools/${school.instellingRef}/edexml`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, payload: content });
      assert.equal((await push(fileOf(roster))).statusCode, 200);
      const held = await push(fileOf(withoutLastPupils(roster, 10)));
      assert.equal(held.statusCode, 202);
      const { importId } = held.json() as { importId: number };

      const browser = await signInAsOperator(t);
      const schoolPage = await browser.get(`/beheer/scholen/${school.id}`);
      assert.match(schoolPage.body, /Tegengehouden: wacht op bevestiging/);
      assert.match(schoolPage.body, /LAS-sleutel “ParnasSys”/);
      const page = await browser.get(`/beheer/scholen/${school.id}/imports/${importId}`);
      assert.match(page.body, /Dit bestand is tegengehouden en nog niet verwerkt/);
      assert.match(page.body, /Let op: dit bestand zou 50% van de actieve leerlingen uitschrijven/);
      const confirmed = await browser.post(`/beheer/scholen/${school.id}/imports/${importId}/bevestigen`);
      assert.equal(confirmed.statusCode, 303);
      assert.equal((await t.capabilities.roster.rosterOverview(scope)).activePupils, 10);
      assertNoIdentifiers(browser, identifiersOf(roster));
    });

    test('an upload over the size limit is refused with a Dutch page', async () => {
      const small = await buildTestApp(database, { IMPORT_MAX_BYTES: '4096' });
      try {
        const school = await createTestSchool(small.capabilities);
        const browser = await signInAsOperator(small);
        const response = await upload(browser, school, fileOf(rosterFor(school)));
        assert.equal(response.statusCode, 413);
        assert.match(response.body, /Het bestand is te groot. Het maximum is 4 kB./);
        assert.equal((await small.capabilities.roster.listImports({ schoolId: school.id })).length, 0);
      } finally {
        await small.close();
      }
    });

    test('an upload without a file asks for one', async () => {
      const school = await createTestSchool(t.capabilities);
      const browser = await signInAsOperator(t);
      const response = await upload(browser, school, Buffer.alloc(0), '');
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /kies een EDEXML-bestand om te uploaden/);
      assert.match(response.body, /aria-invalid="true"/);
    });

    test('LAS tokens: created with a label, shown once with the push URL, then revoked', async () => {
      const school = await createTestSchool(t.capabilities);
      const browser = await signInAsOperator(t);
      await browser.get(`/beheer/scholen/${school.id}`);
      const created = await browser.post(`/beheer/scholen/${school.id}/las-sleutels`, { label: 'ParnasSys' });
      assert.equal(created.statusCode, 200);
      assert.equal(created.headers['cache-control'], 'no-store');
      const token = /<p class="secret">([^<]+)<\/p>/.exec(created.body)?.[1];
      assert.ok(token && token.length >= 43);
      assert.ok(created.body.includes(`POST http://leerpoort.test/api/v1/schools/${school.instellingRef}/edexml`));
      assert.match(created.body, /enige keer/);

      const page = await browser.get(`/beheer/scholen/${school.id}`);
      assert.match(page.body, /ParnasSys/);
      assert.equal(page.body.includes(token), false, 'the token is shown only once');
      const [info] = await t.capabilities.lasTokens.list({ schoolId: school.id });
      const revoked = await browser.post(`/beheer/scholen/${school.id}/las-sleutels/${info.id}/intrekken`);
      assert.equal(revoked.statusCode, 303);
      const afterRevoke = await browser.get(String(revoked.headers.location));
      assert.match(afterRevoke.body, /De LAS-sleutel is ingetrokken/);
      assert.match(afterRevoke.body, /Ingetrokken op/);

      const empty = await browser.post(`/beheer/scholen/${school.id}/las-sleutels`, { label: '   ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /geef de sleutel een naam/);
    });

    test('pages of a school that does not exist are not found; links do not leak other ids', async () => {
      const browser = await signInAsOperator(t);
      const missing = await browser.get('/beheer/scholen/999999999');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Deze pagina bestaat niet/);
      assert.match(missing.body, /href="\/beheer"/);
      const notNumber = await browser.get('/beheer/scholen/abc');
      assert.equal(notNumber.statusCode, 404);
      assert.equal(IMPORT_LINK.test(missing.body), false);
    });
  });
}
