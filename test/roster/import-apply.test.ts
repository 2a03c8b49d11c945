/**
 * Applying EDEXML files to a school: counts, idempotence, every kind of change, matching by
 * ECK iD, and refusals that change nothing but the import log. On every test database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, uniqueSchoolCode } from '../helpers/databases.js';
import { fileOf, logSize, openImportFixture, request, rosterFor, snapshot, type ImportFixture } from './import-fixtures.js';

for (const database of testDatabases()) {
  describe(`roster import (${database.name})`, () => {
    let fx: ImportFixture;
    before(async () => (fx = await openImportFixture(database)));
    after(() => fx.close());

    test('a first import adds every pupil, group, teacher and vestiging, and is logged', async () => {
      const school = await fx.createSchool();
      const roster = rosterFor(school);
      const summary = await fx.roster.importEdexml(request(fileOf(roster)));
      assert.equal(summary.status, 'applied');
      assert.deepEqual(summary.school, { id: school.id, brin: school.brin, locationCode: school.locationCode, name: `School ${school.brin}` });
      assert.equal(summary.schoolYear, '2026-2027');
      assert.deepEqual(summary.counts.pupils, { added: roster.pupils.length, updated: 0, deactivated: 0, unchanged: 0, moved: 0 });
      assert.deepEqual(summary.counts.groups, { added: roster.groups.length, updated: 0, deactivated: 0, unchanged: 0 });
      assert.deepEqual(summary.counts.staff, { added: roster.staff.length, updated: 0, deactivated: 0, unchanged: 0 });
      assert.deepEqual(summary.counts.locations, { added: roster.locations.length, updated: 0, deactivated: 0, unchanged: 0 });
      assert.equal(summary.changes.pupils.length, roster.pupils.length);
      assert.ok(!JSON.stringify(summary).includes('ketenid'), 'no ECK iD value in the summary');

      const state = await snapshot(fx.db.kysely, school.id);
      assert.equal(state.pupils.length, roster.pupils.length);
      assert.ok(state.pupils.every((row) => row.created_import_id === summary.importId && row.active === 1));
      const withEckid = roster.pupils.filter((p) => p.eckid !== null).length;
      assert.equal(state.pupils.filter((row) => row.eckid !== null).length, withEckid, 'the ECK iD is stored');
      assert.equal(state.subgroups.length, roster.pupils.reduce((n, p) => n + p.subgroupKeys.length, 0));
      assert.equal(state.staffGroups.length, roster.staff.reduce((n, s) => n + s.groups.length, 0));

      const [record] = await fx.roster.listImports({ schoolId: school.id });
      assert.equal(record.id, summary.importId);
      assert.deepEqual([record.status, record.source, record.actor, record.fileName, record.canUndo], ['applied', 'upload', 'test:coordinator', 'export.xml', true]);
      assert.equal(record.fileSha256, summary.fileSha256);
      assert.match(record.fileSha256, /^[0-9a-f]{64}$/);
      assert.deepEqual(record.counts, summary.counts);
      assert.ok(record.appliedAt);

      const overview = await fx.roster.rosterOverview({ schoolId: school.id });
      assert.equal(overview.schoolYear, '2026-2027');
      assert.deepEqual([overview.activePupils, overview.inactivePupils, overview.activeStaff], [roster.pupils.length, 0, roster.staff.length]);
      assert.equal(overview.groups.length, roster.groups.length);
      const inGroups = overview.groups.filter((g) => g.kind === 'group').reduce((n, g) => n + g.pupils, 0);
      assert.equal(inGroups, roster.pupils.length);
    });

    test('importing the same file again changes nothing and writes only the log entry', async () => {
      const school = await fx.createSchool();
      const content = fileOf(rosterFor(school));
      await fx.roster.importEdexml(request(content));
      const before = await snapshot(fx.db.kysely, school.id);
      const logBefore = await logSize(fx.db.kysely, school.id);
      const again = await fx.roster.importEdexml(request(content, { source: 'push', actor: 'las-token:1' }));
      assert.equal(again.status, 'applied');
      for (const kind of ['pupils', 'groups', 'staff', 'locations'] as const) {
        assert.equal(again.counts[kind].added + again.counts[kind].updated + again.counts[kind].deactivated, 0, kind);
      }
      assert.equal(again.counts.pupils.unchanged, before.pupils.length);
      assert.deepEqual(await snapshot(fx.db.kysely, school.id), before);
      assert.deepEqual(await logSize(fx.db.kysely, school.id), { runs: logBefore.runs + 1, audit: logBefore.audit });
    });

    test('renames, moves, subgroup changes and leavers are applied; a leaver is deactivated, not deleted, and can return', async () => {
      const school = await fx.createSchool();
      const first = rosterFor(school);
      await fx.roster.importEdexml(request(fileOf(first)));
      const stamgroepen = first.groups.filter((g) => g.kind === 'group').map((g) => g.key);
      const subgroup = first.groups.find((g) => g.kind === 'subgroup')!;
      const next = structuredClone(first);
      const [renamed, mover, clustered, leaver] = next.pupils;
      renamed.lastName = 'Zomerdijk';
      mover.groupKey = stamgroepen.find((key) => key !== mover.groupKey)!;
      clustered.subgroupKeys = clustered.subgroupKeys.includes(subgroup.key) ? clustered.subgroupKeys.filter((k) => k !== subgroup.key) : [...clustered.subgroupKeys, subgroup.key];
      next.pupils = next.pupils.filter((p) => p !== leaver);

      const changed = await fx.roster.importEdexml(request(fileOf(next)));
      assert.equal(changed.status, 'applied');
      assert.deepEqual(changed.counts.pupils, { added: 0, updated: 3, deactivated: 1, unchanged: first.pupils.length - 4, moved: 1 });
      const byKey = new Map(changed.changes.pupils.map((c) => [c.lasKey, c]));
      assert.deepEqual(byKey.get(renamed.key)?.fields, ['achternaam']);
      assert.equal(byKey.get(mover.key)?.kind, 'moved');
      assert.deepEqual(byKey.get(clustered.key)?.fields, ['samengestelde groepen']);
      assert.equal(byKey.get(leaver.key)?.kind, 'deactivated');

      const state = await snapshot(fx.db.kysely, school.id);
      const row = (key: string) => state.pupils.find((p) => p.las_key === key)!;
      assert.equal(row(renamed.key).last_name, 'Zomerdijk');
      const moverGroup = state.groups.find((g) => g.id === row(mover.key).group_id)!;
      assert.equal(moverGroup.las_key, mover.groupKey);
      const subgroupRow = state.groups.find((g) => g.las_key === subgroup.key)!;
      const isMember = state.subgroups.some((m) => m.pupil_id === row(clustered.key).id && m.group_id === subgroupRow.id);
      assert.equal(isMember, clustered.subgroupKeys.includes(subgroup.key));
      assert.equal(row(leaver.key).active, 0, 'the leaver is still there');
      assert.ok(row(leaver.key).deactivated_at);

      const back = await fx.roster.importEdexml(request(fileOf(first)));
      assert.equal(back.changes.pupils.find((c) => c.lasKey === leaver.key)?.kind, 'reactivated');
      const returned = (await snapshot(fx.db.kysely, school.id)).pupils.find((p) => p.las_key === leaver.key)!;
      assert.deepEqual([returned.id, returned.active, returned.deactivated_at], [row(leaver.key).id, 1, null]);
    });

    test('a pupil whose LAS key changed is recognised by ECK iD and keeps its record', async () => {
      const school = await fx.createSchool();
      const first = rosterFor(school);
      await fx.roster.importEdexml(request(fileOf(first)));
      const next = structuredClone(first);
      const rekeyed = next.pupils.find((p) => p.eckid !== null)!;
      const oldKey = rekeyed.key;
      rekeyed.key = `${oldKey}-nieuw`;
      const before = (await snapshot(fx.db.kysely, school.id)).pupils.find((p) => p.las_key === oldKey)!;

      const summary = await fx.roster.importEdexml(request(fileOf(next)));
      assert.deepEqual([summary.counts.pupils.added, summary.counts.pupils.updated, summary.counts.pupils.deactivated], [0, 1, 0]);
      assert.deepEqual(summary.changes.pupils[0].fields, ['LAS-sleutel']);
      const after = (await snapshot(fx.db.kysely, school.id)).pupils.find((p) => p.id === before.id)!;
      assert.equal(after.las_key, rekeyed.key);
    });

    test('a broken file is refused and logged; nothing else changes; a dry run logs nothing', async () => {
      const school = await fx.createSchool();
      await fx.roster.importEdexml(request(fileOf(rosterFor(school))));
      const before = await snapshot(fx.db.kysely, school.id);
      const logBefore = await logSize(fx.db.kysely, school.id);
      const good = fileOf(rosterFor(school));
      const truncated = good.subarray(0, Math.floor(good.length / 2));

      const refused = await fx.roster.importEdexml(request(truncated, { schoolId: school.id }));
      assert.equal(refused.status, 'refused');
      assert.ok(refused.errors.length > 0);
      assert.equal(typeof refused.importId, 'number');
      assert.deepEqual(await snapshot(fx.db.kysely, school.id), before);
      const record = await fx.roster.getImport({ schoolId: school.id }, refused.importId!);
      assert.deepEqual([record.status, record.canUndo, record.fileBytes], ['refused', false, truncated.length]);
      assert.deepEqual(record.problems.filter((p) => p.severity === 'error'), refused.errors);

      const dry = await fx.roster.importEdexml(request(truncated, { schoolId: school.id, mode: 'dry_run' }));
      assert.deepEqual([dry.status, dry.importId], ['refused', null]);
      assert.deepEqual(await logSize(fx.db.kysely, school.id), { runs: logBefore.runs + 1, audit: logBefore.audit });
    });

    test('a file for a school Leerpoort does not know is refused with a message saying so', async () => {
      // A freshly drawn code that no school was created with.
      const unknown = { id: 0, ...uniqueSchoolCode() };
      const summary = await fx.roster.importEdexml(request(fileOf(rosterFor(unknown))));
      assert.equal(summary.status, 'refused');
      assert.equal(summary.errors[0].code, 'roster.school_not_found');
      assert.match(summary.errors[0].message, new RegExp(`${unknown.brin}${unknown.locationCode}.*bestaat niet.*eerst aanmaken`));
      const logged = await fx.db.kysely.selectFrom('import_runs').select(['school_id', 'status']).where('id', '=', summary.importId!).executeTakeFirstOrThrow();
      assert.deepEqual(logged, { school_id: null, status: 'refused' });
    });

    test('a file for another school than the one acting is refused and logged for the acting school; the other is untouched', async () => {
      const [mine, other] = [await fx.createSchool(), await fx.createSchool()];
      await fx.roster.importEdexml(request(fileOf(rosterFor(other))));
      const otherBefore = await snapshot(fx.db.kysely, other.id);
      const summary = await fx.roster.importEdexml(request(fileOf(rosterFor(other)), { schoolId: mine.id }));
      assert.equal(summary.status, 'refused');
      assert.equal(summary.errors[0].code, 'roster.school_mismatch');
      assert.equal(summary.school?.id, mine.id);
      assert.deepEqual(await snapshot(fx.db.kysely, other.id), otherBefore);
      assert.equal((await snapshot(fx.db.kysely, mine.id)).pupils.length, 0);
      assert.deepEqual((await fx.roster.listImports({ schoolId: mine.id })).map((r) => r.status), ['refused']);
    });

    test('a file for an inactive school is refused', async () => {
      const school = await fx.createSchool();
      await fx.db.kysely.updateTable('schools').set({ active: 0 }).where('id', '=', school.id).execute();
      const summary = await fx.roster.importEdexml(request(fileOf(rosterFor(school))));
      assert.equal(summary.status, 'refused');
      assert.equal(summary.errors[0].code, 'roster.school_inactive');
      assert.equal((await snapshot(fx.db.kysely, school.id)).pupils.length, 0);
    });
  });
}
