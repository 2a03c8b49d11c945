/**
 * A real teacher (staff account invited from the roster, activated, signed in with a password)
 * sees and manages only the groups the roster gives her: overview, unlock, cards; another
 * group of the same school is refused.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, createTestSchool } from '../helpers/app.js';
import { choosePassword, GOOD_PASSWORD, importRoster, rosterTeacher, signIn } from '../accounts/staff-helpers.js';
import { uniqueDevice, uniqueIpv4 } from '../accounts/pupil-fixtures.js';

for (const database of testDatabases()) {
  describe(`teacher access to the group overview (${database.name})`, () => {
    test('own group: overview and unlock; other group: refused; group list shows own groups only', async () => {
      const t = await buildTestApp(database);
      try {
        const school = await createTestSchool(t.capabilities);
        const scope = { schoolId: school.id };
        await importRoster(t, school);
        await t.capabilities.staffAccounts.members.inviteFromRoster('test', scope);
        const db = t.db.kysely;
        const teacher = await rosterTeacher(t, school.id);
        const ownGroups = teacher.ownGroupIds;
        const groups = await t.capabilities.pupilAccess.groups(scope);
        const otherGroup = groups.find((g) => !ownGroups.includes(g.id))!;
        const mail = await db.selectFrom('mail_messages').select('text').where('recipient', '=', teacher.email).executeTakeFirstOrThrow();
        const path = /https?:\/\/[^/\s]+(\/account\/activeren\/[^\s)]+)/.exec(mail.text ?? '')![1];
        await choosePassword(t, path);
        const { browser } = await signIn(t, teacher.email, GOOD_PASSWORD);

        const groupId = teacher.groupId;
        const pupils = await t.capabilities.pupilAccess.pupilsOfGroup(scope, groupId);
        const pupil = pupils[0];
        await t.capabilities.pupilAccess.admin.resetPincode('test', scope, pupil.pupilId);
        for (let i = 0; i < 5; i++) {
          await t.capabilities.pupilAccess.login.loginWithCode({ schoolId: school.id, pupilId: pupil.pupilId, deviceId: uniqueDevice('t'), ip: uniqueIpv4(), method: 'pin', value: '0' });
        }

        const base = `/beheer/scholen/${school.id}/groepen`;
        const list = await browser.get(base);
        assert.equal(list.statusCode, 200, list.body);
        for (const id of ownGroups) assert.ok(list.body.includes(`${base}/${id}"`), 'own group listed');
        assert.ok(!list.body.includes(`${base}/${otherGroup.id}"`), 'other groups are not listed');

        const overview = await browser.get(`${base}/${groupId}`);
        assert.equal(overview.statusCode, 200);
        assert.match(overview.body, /op slot tot/);
        const unlock = await browser.post(`${base}/${groupId}/leerlingen/${pupil.pupilId}/ontgrendelen`);
        assert.equal(unlock.statusCode, 303);
        assert.equal((await t.capabilities.pupilAccess.credential(scope, pupil.pupilId))?.locked_until, null);

        assert.equal((await browser.get(`${base}/${otherGroup.id}`)).statusCode, 403);
        const foreignPupil = (await t.capabilities.pupilAccess.pupilsOfGroup(scope, otherGroup.id))[0];
        if (foreignPupil) {
          const refused = await browser.post(`${base}/${otherGroup.id}/leerlingen/${foreignPupil.pupilId}/pincode`);
          assert.equal(refused.statusCode, 403, 'no new codes for pupils of another group');
        }
        assert.equal((await browser.get(`/beheer/scholen/${school.id}/netwerk`)).statusCode, 403, 'network settings are for school managers');
      } finally {
        await t.close();
      }
    });
  });
}
