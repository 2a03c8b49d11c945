/**
 * Login cards printed again without voiding: the token is kept sealed (secret box, purpose
 * 'pupils.card') next to its keyed hash, so a reprint carries the same token and cards already
 * handed out keep working. Voiding still ends a card; a card issued before sealed copies were
 * kept shows "opnieuw uitgeven nodig" and is not reprinted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { buildTestApp, signInAsOperator, TestBrowser, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';

/** Scans a card on a fresh device and presses "Ja, log mij in"; true when that signs in. */
async function cardSignsIn(t: TestApp, token: string): Promise<boolean> {
  const device = new TestBrowser(t.app);
  await device.get(`/kaart/${token}`);
  const done = await device.post(`/kaart/${token}`);
  return done.statusCode === 303 && done.headers.location === '/leerling';
}

for (const database of testDatabases()) {
  test(`login cards reprinted without voiding (${database.name})`, async (t) => {
    const app = await buildTestApp(database);
    t.after(() => app.close());
    const { school, scope, group, pupils } = await schoolWithPupils(app, 40);
    const admin = app.capabilities.pupilAccess.admin;
    const [first, second, third] = pupils;
    const issued = await admin.issueCards('test', scope, [first.pupilId, second.pupilId, third.pupilId]);
    const box = createSecretBox(app.config.secretKey);
    const credential = (pupilId: number) => app.db.kysely.selectFrom('pupil_credentials').selectAll().where('pupil_id', '=', pupilId).executeTakeFirstOrThrow();

    await t.test('the token is stored sealed for pupils.card, never in the clear', async () => {
      const row = await credential(first.pupilId);
      assert.match(row.card_token_sealed!, /^sb1\./);
      assert.ok(!row.card_token_sealed!.includes(issued[0].token));
      assert.equal(box.open(row.card_token_sealed!, 'pupils.card'), issued[0].token);
    });

    await t.test('reprinting gives the same tokens; the cards keep working', async () => {
      const again = await admin.reprintCards('test', scope, [first.pupilId, second.pupilId]);
      assert.deepEqual(again.cards, issued.slice(0, 2));
      assert.deepEqual(again.needReissue, []);

      const operator = await signInAsOperator(app);
      const base = `/beheer/scholen/${school.id}/groepen/${group.id}`;
      const overview = await operator.get(base);
      assert.match(overview.body, new RegExp(`action="${base}/kaarten/opnieuw"`));
      assert.equal((await operator.post(`${base}/kaarten/opnieuw`, { leerling: String(first.pupilId) }, { csrf: false })).statusCode, 403, 'CSRF token required');
      const pdf = await operator.post(`${base}/kaarten/opnieuw`, { leerling: String(first.pupilId) });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const groupPdf = await operator.post(`${base}/kaarten/opnieuw`);
      assert.equal(groupPdf.headers['content-type'], 'application/pdf', 'the whole group at once');
      for (const card of issued) assert.ok(await cardSignsIn(app, card.token), 'a reprint does not void');
      assert.equal((await credential(first.pupilId)).card_token_hash, (await credential(first.pupilId)).card_token_hash);
      const audit = await app.db.kysely.selectFrom('audit_log').select('action').where('school_id', '=', school.id).where('action', '=', 'pupil.cards.reprinted').execute();
      assert.equal(audit.length, 3);
    });

    await t.test('a card from before sealed copies: "opnieuw uitgeven nodig", not reprinted, still valid', async () => {
      await app.db.kysely.updateTable('pupil_credentials').set({ card_token_sealed: null }).where('pupil_id', '=', second.pupilId).execute();
      const again = await admin.reprintCards('test', scope, [first.pupilId, second.pupilId]);
      assert.deepEqual(again.cards.map((c) => c.pupilId), [first.pupilId]);
      assert.deepEqual(again.needReissue, [second.pupilId]);

      const operator = await signInAsOperator(app);
      const base = `/beheer/scholen/${school.id}/groepen/${group.id}`;
      const overview = await operator.get(base);
      assert.match(overview.body, /opnieuw uitgeven nodig/);
      assert.equal([...overview.body.matchAll(/opnieuw uitgeven nodig\)/g)].length, 1, 'only that pupil');
      const none = await operator.post(`${base}/kaarten/opnieuw`, { leerling: String(second.pupilId) });
      assert.equal(none.statusCode, 303);
      assert.equal(none.headers.location, `${base}?gedaan=reprintNone`);
      assert.match((await operator.get(none.headers.location as string)).body, /nieuwe kaart/);
      assert.ok(await cardSignsIn(app, issued[1].token), 'the old card itself still works');

      // Reissuing gives it a sealed copy again.
      const [reissued] = await admin.issueCards('test', scope, [second.pupilId]);
      assert.deepEqual((await admin.reprintCards('test', scope, [second.pupilId])).cards, [reissued]);
      assert.equal(await cardSignsIn(app, issued[1].token), false, 'the reissued card replaced the old one');
    });

    await t.test('voiding still ends a card, and nothing is left to reprint', async () => {
      await admin.voidCards('test', scope, [third.pupilId]);
      const row = await credential(third.pupilId);
      assert.equal(row.card_token_hash, null);
      assert.equal(row.card_token_sealed, null);
      assert.deepEqual(await admin.reprintCards('test', scope, [third.pupilId]), { cards: [], needReissue: [] });
      assert.equal(await cardSignsIn(app, issued[2].token), false);
    });

    await t.test('an altered sealed copy is not printed', async () => {
      const row = await credential(first.pupilId);
      const other = await credential(second.pupilId);
      // Another pupil's sealed token swapped in: opens, but does not match this card's hash.
      await app.db.kysely.updateTable('pupil_credentials').set({ card_token_sealed: other.card_token_sealed }).where('pupil_id', '=', first.pupilId).execute();
      assert.deepEqual((await admin.reprintCards('test', scope, [first.pupilId])).needReissue, [first.pupilId]);
      await app.db.kysely.updateTable('pupil_credentials').set({ card_token_sealed: `${row.card_token_sealed!.slice(0, -2)}AA` }).where('pupil_id', '=', first.pupilId).execute();
      assert.deepEqual((await admin.reprintCards('test', scope, [first.pupilId])).needReissue, [first.pupilId]);
    });
  });
}
