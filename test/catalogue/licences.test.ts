/**
 * Licences and tiles on a real roster: a school licence reaches every pupil and teacher, but a
 * teacher/test application only staff; a group licence reaches the pupils of that group (also a
 * samengestelde groep) and its teacher, nobody else; pupil, ECK iD and staff licences reach that
 * one person; last year's licence and a revoked licence reach nobody; the school's list shows
 * the cancellation deadline. Holders from another school are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { rosterTeacher } from '../accounts/staff-helpers.js';
import { activateAndSignIn } from '../accounts/substitute-helpers.js';
import { publisherWithProducts, pupilsOf, rosteredSchool } from './fixtures.js';
import { cancellationDeadline, schoolYearAt, type LicencePerson } from '../../src/catalogue/index.js';

async function names(t: TestApp, person: LicencePerson): Promise<string[]> {
  return (await t.capabilities.catalogue.tilesFor(person)).map((tile) => tile.name.replace('Methode ', '')).sort();
}

for (const database of testDatabases()) {
  test(`licences decide the tiles of pupils and staff (${database.name})`, async () => {
    const t = await buildTestApp(database);
    try {
      const { catalogue } = t.capabilities;
      const school = await rosteredSchool(t);
      const other = await rosteredSchool(t, 'Andere school');
      await t.capabilities.staffAccounts.members.inviteFromRoster('test', { schoolId: school.id });
      const teacher = await rosterTeacher(t, school.id);
      await activateAndSignIn(t, teacher.email);
      const account = await t.db.kysely.selectFrom('staff_accounts').select('id').where('email', '=', teacher.email).executeTakeFirstOrThrow();
      const teacherPerson: LicencePerson = { kind: 'staff', accountId: Number(account.id), schoolId: school.id };

      const pupils = await pupilsOf(t, school.id);
      const inGroup = pupils.find((p) => p.groupId === teacher.groupId)!;
      const outside = pupils.find((p) => p.groupId !== null && !teacher.ownGroupIds.includes(p.groupId) && p.subgroupIds.length === 0 && p.eckid)!;
      const inSubgroup = pupils.find((p) => p.subgroupIds.length > 0 && p.id !== inGroup.id && p.id !== outside.id)!;
      assert.ok(inGroup && outside && inSubgroup, 'the roster has the pupils this test needs');
      const person = (p: { id: number }): LicencePerson => ({ kind: 'pupil', pupilId: p.id, schoolId: school.id });

      const { products } = await publisherWithProducts(t, { all: [], toets: ['toetsApplicatie'], group: [], sub: [], own: [], eck: [], staff: [], old: [] });
      const grant = (productId: number, holder: Parameters<typeof catalogue.licences.grant>[1]['holder'], schoolYear?: string) =>
        catalogue.licences.grant('operator:test', { schoolId: school.id, productId, holder, schoolYear });
      const schoolWide = await grant(products.all.id, { kind: 'school' });
      assert.equal(schoolWide.created, true);
      assert.equal(schoolWide.schoolYear, schoolYearAt(t.clock.now()));
      assert.equal((await grant(products.all.id, { kind: 'school' })).id, schoolWide.id, 'granting twice keeps one licence');
      await grant(products.toets.id, { kind: 'school' });
      await grant(products.group.id, { kind: 'group', groupId: teacher.groupId });
      await grant(products.sub.id, { kind: 'group', groupId: inSubgroup.subgroupIds[0] });
      await grant(products.own.id, { kind: 'pupil', pupilId: inGroup.id });
      await grant(products.eck.id, { kind: 'eckid', eckid: outside.eckid! });
      await grant(products.staff.id, { kind: 'staff', accountId: Number(account.id) });
      const [start] = schoolYearAt(t.clock.now()).split('-').map(Number);
      await grant(products.old.id, { kind: 'school' }, `${start - 1}-${start}`);

      assert.deepEqual(await names(t, person(inGroup)), ['all', 'group', 'own'].concat(inGroup.subgroupIds.includes(inSubgroup.subgroupIds[0]) ? ['sub'] : []).sort());
      assert.deepEqual(await names(t, person(outside)), ['all', 'eck']);
      assert.ok((await names(t, person(inSubgroup))).includes('sub'), 'a samengestelde groep licence reaches its pupils');
      const teacherTiles = await names(t, teacherPerson);
      for (const expected of ['all', 'toets', 'group', 'staff']) assert.ok(teacherTiles.includes(expected), `teacher sees ${expected}: ${teacherTiles}`);
      for (const absent of ['own', 'eck', 'old']) assert.ok(!teacherTiles.includes(absent), `teacher does not see ${absent}`);

      const tiles = await catalogue.tilesFor(person(inGroup));
      const tile = tiles.find((x) => x.productId === products.all.id)!;
      assert.equal(tile.launchPath, `/starten/${products.all.id}?school=${school.id}`);
      assert.equal(await catalogue.isLicensed(person(inGroup), products.own.id), true);
      assert.equal(await catalogue.isLicensed(person(outside), products.own.id), false);
      assert.equal(await catalogue.isLicensed(person(inGroup), products.toets.id), false, 'pupils never launch test applications');
      assert.equal(await catalogue.isLicensed(teacherPerson, products.toets.id), true);
      assert.equal(await catalogue.isLicensed({ kind: 'pupil', pupilId: inGroup.id, schoolId: other.id }, products.all.id), false, 'a pupil counts only at her own school');

      await catalogue.licences.revoke('operator:test', { schoolId: school.id, licenceId: schoolWide.id });
      assert.equal(await catalogue.isLicensed(person(outside), products.all.id), false, 'a revoked licence ends at once');
      await assert.rejects(catalogue.licences.revoke('operator:test', { schoolId: school.id, licenceId: schoolWide.id }), { code: 'catalogue.licence_not_found' });
      await assert.rejects(catalogue.licences.revoke('operator:test', { schoolId: other.id, licenceId: (await grant(products.all.id, { kind: 'school' })).id }), { code: 'catalogue.licence_not_found' });

      const otherPupil = (await pupilsOf(t, other.id))[0];
      await assert.rejects(grant(products.all.id, { kind: 'pupil', pupilId: otherPupil.id }), { code: 'catalogue.licence_holder_not_found' });
      await assert.rejects(grant(products.all.id, { kind: 'school' }, '2026/2028'), { code: 'catalogue.invalid_school_year' });

      const list = await catalogue.licences.listForSchool(school.id);
      const revoked = list.find((l) => l.id === schoolWide.id)!;
      assert.ok(revoked.revokedAt);
      assert.equal(revoked.cancellationDeadline, `${start + 1}-06-30`);
      assert.equal(cancellationDeadline('2026-2027'), '2027-06-30');
      assert.ok(list.some((l) => l.holder.kind === 'group' && l.holder.label.startsWith('Groep ')));
      assert.ok(list.every((l) => l.productName.startsWith('Methode ')));
      assert.equal((await catalogue.licences.listForSchool(other.id)).length, 0, 'another school sees none of these');
    } finally {
      await t.close();
    }
  });
}
