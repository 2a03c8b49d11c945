/**
 * The ECK status arrives with the roster (Leerpoort's toevoegingen blocks), is stored per
 * pupil and school, and turns into reasons, coverage and a daily snapshot.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { writeEdexml } from '../../src/roster/generator/index.js';
import { readEdexml } from '../../src/roster/edexml/index.js';
import { buildTestApp, createTestSchool, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import type { School } from '../../src/organisations/index.js';
import { importFile, rosterWithStatuses } from './readiness-fixtures.js';

async function reasonsByKey(t: TestApp, school: School) {
  const report = await t.capabilities.eckidReadiness.schoolReadiness(school.id);
  const keys = new Map((await t.db.kysely.selectFrom('pupils').select(['id', 'las_key']).where('school_id', '=', school.id).execute()).map((row) => [Number(row.id), row.las_key]));
  return { report, byKey: new Map(report.pupils.map((pupil) => [keys.get(pupil.pupilId)!, pupil.reason])) };
}

test('the reader takes the blocks in and the writer writes them back the same', async () => {
  const roster = rosterWithStatuses({ brin: '12AB', locationCode: '00' });
  const read = await readEdexml(writeEdexml(roster));
  assert.ok(read.ok, JSON.stringify(!read.ok && read.errors));
  assert.deepEqual(read.roster.school.eckStatus, roster.school.eckStatus);
  for (const [i, pupil] of roster.pupils.entries()) assert.deepEqual(read.roster.pupils[i].eckStatus, pupil.eckStatus, pupil.key);
});

test('a wrong value in a block is refused with the element named', async () => {
  const roster = rosterWithStatuses({ brin: '12AB', locationCode: '00' });
  const xml = writeEdexml(roster).toString('utf8').replace('<duo_uitwisseling>uitgewisseld</duo_uitwisseling>', '<duo_uitwisseling>misschien</duo_uitwisseling>');
  const read = await readEdexml(Buffer.from(xml));
  assert.equal(read.ok, false);
  assert.ok(!read.ok && read.errors.some((problem) => problem.code === 'edexml.invalid_value' && problem.message.includes('duo_uitwisseling')), JSON.stringify(!read.ok && read.errors));
});

for (const database of testDatabases()) {
  describe(`ECK status from the roster (${database.name})`, () => {
    test('stored per pupil and school; reasons, coverage and a snapshot follow; the board agreement applies to all', async () => {
      const t = await buildTestApp(database);
      try {
        const school = await createTestSchool(t.capabilities);
        const roster = rosterWithStatuses(school);
        await importFile(t, school, roster);
        const without = roster.pupils.filter((pupil) => pupil.eckid === null);
        const { report, byKey } = await reasonsByKey(t, school);
        assert.equal(report.schoolFacts.lasProduct, 'parnassys');
        assert.equal(report.schoolFacts.lasInstructed, true);
        assert.equal(byKey.get(without[0].key)?.code, 'registered_not_enrolled');
        assert.equal(byKey.get(without[1].key)?.code, 'duo_error');
        assert.match(byKey.get(without[1].key)!.label, /BSN komt niet overeen met de geboortedatum/);
        assert.equal(byKey.get(without[2].key)?.code, 'duo_feedback_not_fetched');
        assert.equal(byKey.get(without[3].key)?.code, 'unfunded_not_exchanged');
        assert.equal(byKey.get(without[4].key)?.code, 'unknown');
        for (const pupil of roster.pupils.filter((p) => p.eckid !== null)) assert.equal(byKey.get(pupil.key), null);

        const c = report.coverage;
        assert.equal(c.pupils, roster.pupils.length);
        assert.equal(c.withEckid, roster.pupils.length - without.length);
        assert.equal(c.byReason.registered_not_enrolled, 1);
        assert.equal(c.byReason.unknown, without.length - 4);
        assert.equal(report.trend.length, 1, 'the import took today\'s snapshot');
        assert.equal(report.trend[0].coverage.withEckid, c.withEckid);
        assert.deepEqual(report.trend[0].coverage, c, 'the snapshot (counted in SQL) equals the page (pupil by pupil)');

        // The board has no agreement: that is now the reason for every pupil without an ECK iD.
        await t.capabilities.eckidReadiness.setBoardAgreement('test', school.boardId, false);
        const after = await reasonsByKey(t, school);
        for (const pupil of without) assert.equal(after.byKey.get(pupil.key)?.code, 'no_agreement');
        assert.equal(after.report.trend.at(-1)?.coverage.byReason.no_agreement, without.length);
        await t.capabilities.eckidReadiness.setBoardAgreement('test', school.boardId, true);

        // A file without blocks leaves the statuses alone; a file with blocks replaces them.
        const plain = rosterWithStatuses(school);
        delete plain.school.eckStatus;
        for (const pupil of plain.pupils) delete pupil.eckStatus;
        await importFile(t, school, plain);
        assert.equal((await reasonsByKey(t, school)).byKey.get(without[0].key)?.code, 'registered_not_enrolled');
        const changed = rosterWithStatuses(school);
        changed.pupils.find((p) => p.key === without[0].key)!.eckStatus = { enrolment: 'ingeschreven', funded: 'ja', duoExchange: 'uitgewisseld', duoMessage: null };
        changed.school.eckStatus = { lasProduct: 'ESIS', eckidInstruction: 'nee', fundedSchoolType: 'ja' };
        await importFile(t, school, changed);
        const last = await reasonsByKey(t, school);
        assert.equal(last.byKey.get(without[0].key)?.code, 'las_not_instructed');
        assert.match(last.byKey.get(without[0].key)!.action, /^ESIS:/);
        assert.equal(last.report.trend.length, 1, 'one snapshot per day');
      } finally {
        await t.close();
      }
    });
  });
}
