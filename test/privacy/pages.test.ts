/**
 * The privacy pages through the real app: the ICT-coördinator ticks publishers and gets
 * receipts she can download; she sees her school's ledger and CSV but nothing of another school
 * or the board; the board admin sees his board's agreements and ledger (without names) and not
 * another board's; the operator records and ends agreements and reads, but does not give, consent.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, signInAsOperator, TestBrowser, type TestApp } from '../helpers/app.js';
import { activateAndSignIn, signedInCoordinator } from '../accounts/substitute-helpers.js';
import { uniqueEmail } from '../accounts/staff-helpers.js';
import { addPublisher, schoolAndPublisher } from './helpers.js';

for (const database of testDatabases()) {
  describe(`privacy: pages (${database.name})`, () => {
    let t: TestApp;
    test('setup', async () => {
      t = await buildTestApp(database);
    });

    test('the ICT-coördinator ticks publishers, gets receipts and downloads one; launches follow', async () => {
      const { school, publisher } = await schoolAndPublisher(t, { agreement: 'standard' });
      const unsigned = await addPublisher(t, 'Uitgeverij Zonder Overeenkomst');
      const ict = await signedInCoordinator(t, school);
      const base = `/beheer/scholen/${school.id}/uitgeverijen`;
      const page = await ict.get(base);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`href="${base}"`), 'the main menu leads the ICT-coördinator there');
      assert.match(page.body, /<h1>Uitgeverijen van /);
      assert.ok(page.body.includes(publisher.name));
      assert.match(page.body, new RegExp(`Ja \\(VO-${publisher.slug}\\); deelprofiel: Standaard`));
      assert.match(page.body, /Geen: het bestuur moet eerst een verwerkersovereenkomst/);

      const saved = await ict.post(base, { uitgeverij: String(publisher.id) });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${base}?opgeslagen=1`);
      assert.deepEqual(await t.capabilities.privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id }), {
        agreementId: (await t.capabilities.privacy.agreements.active({ boardId: school.boardId }, publisher.id))!.id,
        profile: 'standard',
      });
      const after = await ict.get(`${base}?opgeslagen=1`);
      assert.match(after.body, /Opgeslagen. Er is één ontvangstbewijs gemaakt./);
      const number = /(OB-\d{6,})/.exec(after.body)?.[1];
      assert.ok(number, 'the receipt is listed');
      assert.match(after.body, new RegExp(`Toestemming gegeven aan ${publisher.name}`));

      const download = await ict.get(`${base}/ontvangstbewijzen/${number}`);
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-disposition']), new RegExp(`attachment; filename="ontvangstbewijs-${number}.txt"`));
      const lines = download.body.split('\r\n');
      const content = lines[lines.indexOf('Inhoud (de controlewaarde is de SHA-256 van deze regel):') + 1];
      const hash = /Controlewaarde \(SHA-256\): ([0-9a-f]{64})/.exec(download.body)?.[1];
      assert.equal(createHash('sha256').update(content, 'utf8').digest('hex'), hash, 'the stated hash covers the stated content');
      assert.match(download.body, /Door: +Ida ICT/);

      // Withdraw (no box ticked) and tick the publisher without an agreement: two receipts.
      const changed = await ict.post(base, { uitgeverij: String(unsigned.id) });
      assert.equal(changed.headers.location, `${base}?opgeslagen=2`);
      await assert.rejects(t.capabilities.privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id }), /ICT-coördinator/);
      await assert.rejects(t.capabilities.privacy.authorizeRelease({ schoolId: school.id, publisherId: unsigned.id }), /bestuur moet die eerst afsluiten/);
      assert.equal((await t.capabilities.privacy.consents.receipts({ schoolId: school.id })).length, 3);
    });

    test('school pages: one school only; the ledger shows names to the school; CSV download', async () => {
      const a = await schoolAndPublisher(t, { agreement: 'minimal', consent: true });
      const b = await schoolAndPublisher(t, { agreement: 'minimal', consent: true });
      const ict = await signedInCoordinator(t, a.school);
      const receiptB = (await t.capabilities.privacy.consents.receipts({ schoolId: b.school.id }))[0];
      for (const path of ['uitgeverijen', 'verstrekkingen', 'verstrekkingen.csv', `uitgeverijen/ontvangstbewijzen/${receiptB.number}`]) {
        assert.equal((await ict.get(`/beheer/scholen/${b.school.id}/${path}`)).statusCode, 403, path);
      }
      assert.equal((await ict.post(`/beheer/scholen/${b.school.id}/uitgeverijen`, {})).statusCode, 403);
      assert.equal((await ict.get(`/beheer/scholen/${a.school.id}/uitgeverijen/ontvangstbewijzen/${receiptB.number}`)).statusCode, 404, "another school's receipt number");
      assert.equal((await ict.get(`/beheer/besturen/${a.school.boardId}/privacy`)).statusCode, 403, 'an ICT-coördinator is not a board admin');

      const ictAccount = await t.db.kysely.selectFrom('staff_accounts').select(['id', 'display_name']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      await t.capabilities.privacy.ledger.record({ schoolId: a.school.id, boardId: a.school.boardId, publisherId: a.publisher.id, subject: { kind: 'staff', id: ictAccount.id }, attributes: ['pseudonym', 'role', 'brin'], channel: 'oidc', recipient: 'client-a', agreementId: a.agreement!.id });
      await t.capabilities.privacy.ledger.record({ schoolId: b.school.id, boardId: b.school.boardId, publisherId: b.publisher.id, subject: { kind: 'staff', id: ictAccount.id }, attributes: ['pseudonym'], channel: 'oidc', recipient: 'client-b', agreementId: b.agreement!.id });

      const ledger = await ict.get(`/beheer/scholen/${a.school.id}/verstrekkingen`);
      assert.equal(ledger.statusCode, 200);
      assert.ok(ledger.body.includes('client-a'));
      assert.ok(!ledger.body.includes('client-b'), "another school's release is not shown");
      assert.ok(ledger.body.includes(`${ictAccount.display_name} (medewerker)`));
      assert.match(ledger.body, /pseudoniem, rol, BRIN/);

      const csv = await ict.get(`/beheer/scholen/${a.school.id}/verstrekkingen.csv?van=2000-01-01`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), new RegExp(`verstrekkingen-${a.school.brin}${a.school.locationCode}\\.csv`));
      const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(rows.length, 2);
      assert.match(rows[1], new RegExp(`;client-a;oidc;medewerker;${ictAccount.display_name};pseudonym role brin;VO-${a.publisher.slug};[0-9a-f]{64}$`));
      const none = await ict.get(`/beheer/scholen/${a.school.id}/verstrekkingen.csv?tot=2000-01-01`);
      assert.equal(none.body.replace(/^\uFEFF/, '').trim().split('\r\n').length, 1, 'a period before any release: only the header');

      const anonymous = new TestBrowser(t.app);
      assert.equal((await anonymous.get(`/beheer/scholen/${a.school.id}/verstrekkingen`)).statusCode, 303);
    });

    test('the board admin sees his board (agreements, ledger without names, receipts), not another board', async () => {
      const mine = await schoolAndPublisher(t, { agreement: 'with_eck', consent: true });
      const other = await schoolAndPublisher(t, { agreement: 'standard', consent: true });
      const email = uniqueEmail('bestuur');
      await t.capabilities.staffAccounts.members.addBoardAdmin('operator:test', mine.school.boardId, { email, displayName: 'Bea Bestuur' });
      const admin = await activateAndSignIn(t, email);
      await t.capabilities.privacy.ledger.record({ schoolId: mine.school.id, boardId: mine.school.boardId, publisherId: mine.publisher.id, subject: { kind: 'pupil', id: 424242 }, attributes: ['pseudonym', 'eckId'], channel: 'saml', recipient: 'https://sp.mine.example', agreementId: mine.agreement!.id });

      const page = await admin.get(`/beheer/besturen/${mine.school.boardId}/privacy`);
      assert.equal(page.statusCode, 200, page.body);
      assert.ok((await admin.get('/account')).body.includes(`href="/beheer/besturen/${mine.school.boardId}/privacy"`), 'the main menu leads the board admin there');
      assert.ok(page.body.includes(`VO-${mine.publisher.slug}`));
      assert.match(page.body, /Met ECK iD/);
      assert.ok(page.body.includes('https://sp.mine.example'));
      assert.ok(page.body.includes(`${mine.school.brin}${mine.school.locationCode}`));
      assert.ok(page.body.includes('Toestemming gegeven aan'));
      assert.ok(!page.body.includes(other.publisher.name));
      const csv = await admin.get(`/beheer/besturen/${mine.school.boardId}/verstrekkingen.csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /;leerling;pseudonym eckId;/);
      assert.equal((await admin.get(`/beheer/besturen/${other.school.boardId}/privacy`)).statusCode, 403);
      assert.equal((await admin.get(`/beheer/besturen/${other.school.boardId}/verstrekkingen.csv`)).statusCode, 403);
      // As manager of his board's schools he may also open the school's page.
      assert.equal((await admin.get(`/beheer/scholen/${mine.school.id}/uitgeverijen`)).statusCode, 200);
    });

    test('the operator records and ends agreements on the web; reads consent but does not give it', async () => {
      const { school, publisher } = await schoolAndPublisher(t);
      const operator = await signInAsOperator(t);
      const list = await operator.get('/beheer/verwerkersovereenkomsten');
      assert.equal(list.statusCode, 200);
      const bad = await operator.post('/beheer/verwerkersovereenkomsten', { board: String(school.boardId), publisher: String(publisher.id), profile: 'alles' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Onbekend deelprofiel/);
      const set = await operator.post('/beheer/verwerkersovereenkomsten', { board: String(school.boardId), publisher: String(publisher.id), profile: 'minimal', reference: 'VO-WEB-1', signedOn: '2026-09-01' });
      assert.equal(set.statusCode, 303);
      const agreement = (await t.capabilities.privacy.agreements.active({ boardId: school.boardId }, publisher.id))!;
      assert.equal(agreement.reference, 'VO-WEB-1');
      assert.equal(agreement.startedBy, 'operator:Testbeheer');
      const shown = await operator.get('/beheer/verwerkersovereenkomsten?melding=vastgelegd');
      assert.match(shown.body, /De verwerkersovereenkomst is vastgelegd/);
      assert.ok(shown.body.includes('VO-WEB-1'));

      const consentPage = await operator.get(`/beheer/scholen/${school.id}/uitgeverijen`);
      assert.equal(consentPage.statusCode, 200);
      assert.match(consentPage.body, /alleen de ICT-coördinator van de school of een bestuursbeheerder kan ze wijzigen/);
      const refused = await operator.post(`/beheer/scholen/${school.id}/uitgeverijen`, { uitgeverij: String(publisher.id) });
      assert.equal(refused.statusCode, 403);
      assert.equal((await t.capabilities.privacy.consents.receipts({ schoolId: school.id })).length, 0);

      const ended = await operator.post(`/beheer/verwerkersovereenkomsten/${agreement.id}/beeindigen`);
      assert.equal(ended.statusCode, 303);
      assert.equal(await t.capabilities.privacy.agreements.active({ boardId: school.boardId }, publisher.id), null);
    });

    test('teardown', async () => {
      await t.close();
    });
  });
}
