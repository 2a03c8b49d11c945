/**
 * Undo restores the state before an import exactly; only the import applied last can be
 * undone; an apply that fails halfway leaves the database as it was; imports racing on one
 * school apply one after the other; school A's scope never reaches school B.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from '../helpers/databases.js';
import { listSchoolAudit } from '../../src/audit/index.js';
import type { Db } from '../../src/db/index.js';
import type { GeneratedRoster } from '../../src/roster/generator/index.js';
import { fileOf, logSize, openImportFixture, rejectsWith, request, rosterFor, snapshot, type ImportFixture } from './import-fixtures.js';


/** A later export of the same school with every kind of change. */
function laterExport(first: GeneratedRoster): GeneratedRoster {
  const next = structuredClone(first);
  const stamgroepen = next.groups.filter((g) => g.kind === 'group');
  const [renamed, mover, clustered, rekeyed] = next.pupils;
  renamed.nickname = 'Fenna';
  mover.groupKey = stamgroepen.find((g) => g.key !== mover.groupKey)!.key;
  clustered.subgroupKeys = [];
  if (rekeyed.eckid) rekeyed.key = `${rekeyed.key}-n`;
  next.pupils.splice(4, 3); // leavers
  next.groups.push({ key: 'NIEUW', kind: 'group', name: 'Groep 8c', yearGroup: '8', description: null, line: 0 });
  next.pupils.push({ ...structuredClone(next.pupils[5]), key: 'newcomer-1', eckid: null, lastName: 'Nieuwkomer', groupKey: 'NIEUW', subgroupKeys: [] });
  next.staff[0].email = 'nieuw.adres@school.nl';
  next.staff[1].groups = [{ key: 'NIEUW', kind: 'group' }];
  next.staff.splice(2, 1);
  return next;
}

/** Makes every insert into staff_groups for one school fail: a real failure late in the apply. */
async function failStaffGroupInserts(db: Db, schoolId: number): Promise<() => Promise<void>> {
  const name = sql.raw(`lp_test_fail_${schoolId}`);
  const id = sql.raw(String(schoolId));
  if (db.dialect === 'sqlite') {
    await sql`create trigger ${name} before insert on staff_groups when new.school_id = ${id} begin select raise(abort, 'forced failure'); end`.execute(db.kysely);
    return async () => void (await sql`drop trigger ${name}`.execute(db.kysely));
  }
  await sql`create function ${name}() returns trigger language plpgsql as $$ begin if new.school_id = ${id} then raise exception 'forced failure'; end if; return new; end $$`.execute(db.kysely);
  await sql`create trigger ${name} before insert on staff_groups for each row execute function ${name}()`.execute(db.kysely);
  return async () => {
    await sql`drop trigger ${name} on staff_groups`.execute(db.kysely);
    await sql`drop function ${name}()`.execute(db.kysely);
  };
}

for (const database of testDatabases()) {
  describe(`roster import: undo, rollback, scope (${database.name})`, () => {
    let fx: ImportFixture;
    before(async () => (fx = await openImportFixture(database)));
    after(() => fx.close());

    test('undo of the latest import restores the state before it exactly, then the one before', async () => {
      const school = await fx.createSchool();
      const scope = { schoolId: school.id };
      const first = rosterFor(school);
      const a = await fx.roster.importEdexml(request(fileOf(first)));
      const afterA = await snapshot(fx.db.kysely, school.id);
      const b = await fx.roster.importEdexml(request(fileOf(laterExport(first))));
      const c = b.counts;
      assert.ok(c.pupils.added && c.pupils.updated && c.pupils.moved && c.pupils.deactivated && c.groups.added && c.staff.updated && c.staff.deactivated, JSON.stringify(c));
      assert.notDeepEqual(await snapshot(fx.db.kysely, school.id), afterA);

      const undone = await fx.roster.undoImport(scope, b.importId!, 'test:ict');
      assert.deepEqual([undone.status, undone.revertedBy, undone.canUndo], ['reverted', 'test:ict', false]);
      assert.ok(undone.revertedAt);
      assert.deepEqual(await snapshot(fx.db.kysely, school.id), afterA);
      assert.equal((await listSchoolAudit(fx.db.kysely, scope))[0].action, 'roster.import.reverted');
      assert.equal((await fx.roster.getImport(scope, a.importId!)).canUndo, true);

      await fx.roster.undoImport(scope, a.importId!, 'test:ict');
      const empty = await snapshot(fx.db.kysely, school.id);
      assert.deepEqual(empty, { locations: [], groups: [], pupils: [], staff: [], subgroups: [], staffGroups: [] });
      await rejectsWith(fx.roster.undoImport(scope, a.importId!, 'test:ict'), 'roster.undo_not_possible', /al ongedaan gemaakt/);
    });

    test('only the latest applied import can be undone', async () => {
      const school = await fx.createSchool();
      const scope = { schoolId: school.id };
      const first = rosterFor(school);
      const a = await fx.roster.importEdexml(request(fileOf(first)));
      await fx.roster.importEdexml(request(fileOf(laterExport(first))));
      const before = await snapshot(fx.db.kysely, school.id);
      await rejectsWith(fx.roster.undoImport(scope, a.importId!, 'test:ict'), 'roster.undo_not_possible', /daarna nog een import toegepast/);
      assert.deepEqual(await snapshot(fx.db.kysely, school.id), before);
      assert.equal((await fx.roster.getImport(scope, a.importId!)).status, 'applied', 'the refused undo left the log as it was');

      const refused = await fx.roster.importEdexml(request(Buffer.from('<EDEX>'), { schoolId: school.id }));
      await rejectsWith(fx.roster.undoImport(scope, refused.importId!, 'test:ict'), 'roster.undo_not_possible', /geweigerd/);
      await rejectsWith(fx.roster.undoImport(scope, 999_999_999, 'test:ict'), 'roster.import_not_found');
    });

    test('an apply that fails halfway leaves the database as it was, and the attempt is logged', async () => {
      const school = await fx.createSchool();
      const first = rosterFor(school);
      await fx.roster.importEdexml(request(fileOf(first)));
      const before = await snapshot(fx.db.kysely, school.id);
      const logBefore = await logSize(fx.db.kysely, school.id);
      const restore = await failStaffGroupInserts(fx.db, school.id);
      try {
        await assert.rejects(fx.roster.importEdexml(request(fileOf(laterExport(first)))), /forced failure/);
      } finally {
        await restore();
      }
      assert.deepEqual(await snapshot(fx.db.kysely, school.id), before);
      assert.deepEqual(await logSize(fx.db.kysely, school.id), { runs: logBefore.runs + 1, audit: logBefore.audit });
      const [failed] = await fx.roster.listImports({ schoolId: school.id }, { limit: 1 });
      assert.deepEqual([failed.status, failed.problems[0].code], ['refused', 'roster.apply_failed']);
      // The same file applies once the failure is gone.
      assert.equal((await fx.roster.importEdexml(request(fileOf(laterExport(first))))).status, 'applied');
    });

    test('two imports racing on one school apply one after the other', async () => {
      const school = await fx.createSchool();
      const content = fileOf(rosterFor(school));
      const results = await Promise.all([fx.roster.importEdexml(request(content)), fx.roster.importEdexml(request(content))]);
      const added = results.map((r) => r.counts.pupils.added).sort((x, y) => x - y);
      assert.deepEqual(results.map((r) => r.status), ['applied', 'applied']);
      assert.equal(added[0], 0, 'the second saw the first one\'s pupils');
      assert.equal((await snapshot(fx.db.kysely, school.id)).pupils.length, added[1]);
    });

    test("school A's scope never reads, undoes or changes school B", async () => {
      const [a, b] = [await fx.createSchool(), await fx.createSchool()];
      const importA = await fx.roster.importEdexml(request(fileOf(rosterFor(a)), { schoolId: a.id }));
      await fx.roster.importEdexml(request(fileOf(rosterFor(b)), { schoolId: b.id }));
      const stateB = await snapshot(fx.db.kysely, b.id);
      await rejectsWith(fx.roster.undoImport({ schoolId: b.id }, importA.importId!, 'test:b'), 'roster.import_not_found');
      await rejectsWith(fx.roster.getImport({ schoolId: b.id }, importA.importId!), 'roster.import_not_found');
      assert.ok((await fx.roster.listImports({ schoolId: b.id })).every((record) => record.schoolId === b.id));
      await fx.roster.undoImport({ schoolId: a.id }, importA.importId!, 'test:a');
      assert.deepEqual(await snapshot(fx.db.kysely, b.id), stateB);
      assert.equal((await fx.roster.rosterOverview({ schoolId: a.id })).activePupils, 0);
      assert.equal((await fx.roster.rosterOverview({ schoolId: b.id })).activePupils, stateB.pupils.length);
    });
  });
}
