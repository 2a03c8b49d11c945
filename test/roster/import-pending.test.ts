/**
 * Files that wait for a person: the guard holding a file that would deactivate too many
 * pupils, previews that are confirmed or discarded, and dry runs that store nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { listSchoolAudit } from '../../src/audit/index.js';
import { fileOf, logSize, openImportFixture, rejectsWith, request, rosterFor, snapshot, type ImportFixture } from './import-fixtures.js';


for (const database of testDatabases()) {
  describe(`roster import: guard, preview, confirm (${database.name})`, () => {
    let fx: ImportFixture;
    before(async () => (fx = await openImportFixture(database)));
    after(() => fx.close());

    test('a truncated export is held instead of applied; confirming applies it', async () => {
      const school = await fx.createSchool();
      const full = rosterFor(school);
      await fx.roster.importEdexml(request(fileOf(full)));
      const before = await snapshot(fx.db.kysely, school.id);
      const truncated = { ...full, pupils: full.pupils.slice(0, Math.floor(full.pupils.length / 2)) };

      const held = await fx.roster.importEdexml(request(fileOf(truncated)));
      assert.equal(held.status, 'held');
      assert.deepEqual(held.guard, { activePupils: full.pupils.length, wouldDeactivate: full.pupils.length - truncated.pupils.length, limit: 0.3, tripped: true });
      assert.deepEqual(await snapshot(fx.db.kysely, school.id), before, 'nothing applied');
      assert.equal((await listSchoolAudit(fx.db.kysely, { schoolId: school.id }))[0].action, 'roster.import.held');

      const preview = await fx.roster.pendingPreview({ schoolId: school.id }, held.importId!);
      assert.deepEqual([preview.status, preview.counts], ['held', held.counts]);

      const confirmed = await fx.roster.confirmImport({ schoolId: school.id }, held.importId!, 'test:ict');
      assert.equal(confirmed.status, 'applied');
      assert.equal(confirmed.counts.pupils.deactivated, full.pupils.length - truncated.pupils.length);
      const after = await snapshot(fx.db.kysely, school.id);
      assert.equal(after.pupils.filter((p) => p.active === 1).length, truncated.pupils.length);
      const record = await fx.roster.getImport({ schoolId: school.id }, held.importId!);
      assert.deepEqual([record.status, record.canUndo], ['applied', true]);
      assert.equal(await fx.db.kysely.selectFrom('pending_imports').select('import_id').where('import_id', '=', held.importId!).executeTakeFirst(), undefined);
      const audit = await listSchoolAudit(fx.db.kysely, { schoolId: school.id });
      assert.deepEqual([audit[0].action, audit[0].actor], ['roster.import.applied', 'test:ict']);
      await rejectsWith(fx.roster.confirmImport({ schoolId: school.id }, held.importId!, 'test:ict'), 'roster.import_not_pending');
    });

    test('an empty-ish export with confirmLargeChange is applied at once', async () => {
      const school = await fx.createSchool();
      const full = rosterFor(school);
      await fx.roster.importEdexml(request(fileOf(full)));
      const summary = await fx.roster.importEdexml(request(fileOf({ ...full, pupils: full.pupils.slice(0, 1) }), { confirmLargeChange: true }));
      assert.equal(summary.status, 'applied');
      assert.equal(summary.guard?.tripped, true);
      assert.equal(summary.counts.pupils.deactivated, full.pupils.length - 1);
    });

    test('a preview changes nothing; confirming re-diffs against the data of that moment', async () => {
      const school = await fx.createSchool();
      const first = rosterFor(school);
      const preview = await fx.roster.importEdexml(request(fileOf(first), { mode: 'preview' }));
      assert.equal(preview.status, 'preview');
      assert.equal(preview.counts.pupils.added, first.pupils.length);
      assert.equal((await snapshot(fx.db.kysely, school.id)).pupils.length, 0);

      // Meanwhile half the pupils arrive through another import: the confirmation adds only the rest.
      await fx.roster.importEdexml(request(fileOf({ ...first, pupils: first.pupils.slice(0, 20) })));
      const again = await fx.roster.pendingPreview({ schoolId: school.id }, preview.importId!);
      assert.equal(again.counts.pupils.added, first.pupils.length - 20);
      const confirmed = await fx.roster.confirmImport({ schoolId: school.id }, preview.importId!, 'test:ict');
      assert.deepEqual([confirmed.status, confirmed.counts.pupils.added, confirmed.counts.pupils.unchanged], ['applied', first.pupils.length - 20, 20]);
      assert.equal((await snapshot(fx.db.kysely, school.id)).pupils.length, first.pupils.length);
      const records = await fx.roster.listImports({ schoolId: school.id });
      assert.deepEqual(records.map((r) => [r.id, r.status, r.canUndo]), [
        [records[0].id, 'applied', false],
        [preview.importId, 'applied', true],
      ], 'the confirmed preview was applied last, so it is the one that can be undone');
    });

    test('a discarded preview is gone and can be neither confirmed nor discarded again', async () => {
      const school = await fx.createSchool();
      const preview = await fx.roster.importEdexml(request(fileOf(rosterFor(school)), { mode: 'preview' }));
      await fx.roster.discardImport({ schoolId: school.id }, preview.importId!, 'test:ict');
      assert.equal((await fx.roster.getImport({ schoolId: school.id }, preview.importId!)).status, 'discarded');
      assert.equal((await listSchoolAudit(fx.db.kysely, { schoolId: school.id }))[0].action, 'roster.import.discarded');
      assert.equal((await snapshot(fx.db.kysely, school.id)).pupils.length, 0);
      await rejectsWith(fx.roster.confirmImport({ schoolId: school.id }, preview.importId!, 'test:ict'), 'roster.import_not_pending');
      await rejectsWith(fx.roster.discardImport({ schoolId: school.id }, preview.importId!, 'test:ict'), 'roster.import_not_pending');
      await rejectsWith(fx.roster.pendingPreview({ schoolId: school.id }, preview.importId!), 'roster.import_not_pending');
    });

    test('a kept file of school A cannot be seen, confirmed or discarded with the scope of school B', async () => {
      const [a, b] = [await fx.createSchool(), await fx.createSchool()];
      const preview = await fx.roster.importEdexml(request(fileOf(rosterFor(a)), { mode: 'preview' }));
      await rejectsWith(fx.roster.pendingPreview({ schoolId: b.id }, preview.importId!), 'roster.import_not_found');
      await rejectsWith(fx.roster.confirmImport({ schoolId: b.id }, preview.importId!, 'test:other'), 'roster.import_not_found');
      await rejectsWith(fx.roster.discardImport({ schoolId: b.id }, preview.importId!, 'test:other'), 'roster.import_not_found');
      await rejectsWith(fx.roster.getImport({ schoolId: b.id }, preview.importId!), 'roster.import_not_found');
      assert.equal((await fx.roster.getImport({ schoolId: a.id }, preview.importId!)).status, 'preview');
    });

    test('a dry run reports the diff and the guard but stores nothing at all', async () => {
      const school = await fx.createSchool();
      const full = rosterFor(school);
      await fx.roster.importEdexml(request(fileOf(full)));
      const logBefore = await logSize(fx.db.kysely, school.id);
      const dry = await fx.roster.importEdexml(request(fileOf({ ...full, pupils: full.pupils.slice(0, 5) }), { mode: 'dry_run', source: 'cli' }));
      assert.deepEqual([dry.status, dry.importId, dry.guard?.tripped, dry.counts.pupils.deactivated], ['dry_run', null, true, full.pupils.length - 5]);
      assert.deepEqual(await logSize(fx.db.kysely, school.id), logBefore);
      assert.equal((await snapshot(fx.db.kysely, school.id)).pupils.filter((p) => p.active === 1).length, full.pupils.length);
    });
  });
}
