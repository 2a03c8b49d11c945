/**
 * Undo of an import whose added pupils have since got data of their own (docs/edexml-import.md,
 * "Wat er gebeurt met gegevens van toegevoegde leerlingen"): a pupil who logged in is removed with
 * her credentials; a pupil the disclosure ledger names is kept, inactive, and the ledger stays
 * whole; a reference nobody foresaw refuses the whole undo with a Dutch message, changing nothing.
 * Through the composed app (real pupil login, privacy ledger, pages), on SQLite and PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildTestApp, createTestSchool, signInAsOperator, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { stableRoster } from '../helpers/rosters.js';
import { writeEdexml, type GeneratedRoster } from '../../src/roster/generator/index.js';
import type { School } from '../../src/organisations/index.js';
import { uniqueDevice, uniqueIpv4 } from '../accounts/pupil-fixtures.js';
import { addPublisher, OPERATOR } from '../privacy/helpers.js';
import { rejectsWith, snapshot } from './import-fixtures.js';

async function applied(t: TestApp, school: School, roster: GeneratedRoster) {
  const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'test', content: writeEdexml(roster), fileName: null });
  assert.equal(summary.status, 'applied');
  return summary;
}

/** A school with a first import, and a second export that adds pupils `keys` in a new group. */
async function schoolWithNewcomers(t: TestApp, keys: string[]) {
  const school = await createTestSchool(t.capabilities);
  const first = stableRoster(school, { seed: 11, pupils: 24 });
  await applied(t, school, first);
  const before = await snapshot(t.db.kysely, school.id);
  const next = structuredClone(first);
  next.groups.push({ key: 'NIEUW', kind: 'group', name: 'Groep 8c', yearGroup: '8', description: null, line: 0 });
  for (const key of keys) next.pupils.push({ ...structuredClone(next.pupils[0]), key, eckid: null, lastName: `Nieuw ${key}`, groupKey: 'NIEUW', subgroupKeys: [] });
  const second = await applied(t, school, next);
  assert.equal(second.counts.pupils.added, keys.length);
  const idOf = async (key: string) =>
    Number((await t.db.kysely.selectFrom('pupils').select('id').where('school_id', '=', school.id).where('las_key', '=', key).executeTakeFirstOrThrow()).id);
  return { school, scope: { schoolId: school.id }, next, importId: second.importId!, before, ids: await Promise.all(keys.map(idOf)) };
}

/** Picture code and login card set by the school, then a login with each through the real pupil login. */
async function loggedIn(t: TestApp, scope: { schoolId: number }, pupilId: number) {
  const access = t.capabilities.pupilAccess;
  const code = await access.admin.resetPictureCode('test', scope, pupilId);
  const [card] = await access.admin.issueCards('test', scope, [pupilId]);
  const attempt = { schoolId: scope.schoolId, pupilId, deviceId: uniqueDevice('undo'), ip: uniqueIpv4() };
  assert.equal((await access.login.loginWithCode({ ...attempt, method: 'picture', value: code })).result, 'ok');
  assert.equal((await access.login.loginWithCard({ token: card.token, deviceId: attempt.deviceId, ip: attempt.ip })).result, 'ok');
  return { code, card, attempt };
}

/** A disclosure of this pupil to a publisher, recorded by the privacy ledger service. */
async function disclosed(t: TestApp, school: School, pupilId: number) {
  const publisher = await addPublisher(t);
  const agreement = await t.capabilities.privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: publisher.id, profile: 'standard', reference: `VO-${publisher.slug}` });
  await t.capabilities.privacy.ledger.record({
    schoolId: school.id, boardId: school.boardId, publisherId: publisher.id, subject: { kind: 'pupil', id: pupilId },
    attributes: ['pseudonym', 'role', 'brin', 'givenName'], channel: 'oidc', recipient: `client-${publisher.slug}`, agreementId: agreement.id,
  });
}

/** Counted per school: other tests append to the same chain at the same time. */
const ledgerEntriesOf = async (t: TestApp, schoolId: number) =>
  Number((await t.db.kysely.selectFrom('disclosure_ledger').select((eb) => eb.fn.countAll().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow()).n);

const credentialCount = async (t: TestApp, pupilId: number) =>
  Number((await t.db.kysely.selectFrom('pupil_credentials').select((eb) => eb.fn.countAll().as('n')).where('pupil_id', '=', pupilId).executeTakeFirstOrThrow()).n);

for (const database of testDatabases()) {
  test(`undo of an import whose added pupils got data of their own (${database.name})`, async (t) => {
    const app = await buildTestApp(database);
    t.after(() => app.close());

    await t.test('a pupil who logged in since: removed with her picture code and card; the rest as before the import', async () => {
      const { scope, importId, before, ids: [pupilId] } = await schoolWithNewcomers(app, ['ingelogd-1']);
      const { card, attempt } = await loggedIn(app, scope, pupilId);
      assert.equal(await credentialCount(app, pupilId), 1);

      const undone = await app.capabilities.roster.undoImport(scope, importId, 'test:ict');
      assert.deepEqual([undone.status, undone.keptPupils], ['reverted', 0]);
      assert.deepEqual(await snapshot(app.db.kysely, scope.schoolId), before, 'exactly as before the import');
      assert.equal(await credentialCount(app, pupilId), 0, 'her credentials went with her');
      assert.equal((await app.capabilities.pupilAccess.login.loginWithCard({ token: card.token, deviceId: attempt.deviceId, ip: attempt.ip })).result, 'unknown', 'her card no longer logs in');
    });

    await t.test('a pupil named in the disclosure ledger: kept inactive, ledger whole; the page says so', async () => {
      const { school, scope, importId, next, ids: [namedId, otherId] } = await schoolWithNewcomers(app, ['verstrekt-1', 'ingelogd-2']);
      const { code, attempt } = await loggedIn(app, scope, namedId);
      await loggedIn(app, scope, otherId);
      await disclosed(app, school, namedId);

      const operator = await signInAsOperator(app);
      const page = `/beheer/scholen/${school.id}/imports/${importId}`;
      await operator.get(`${page}/ongedaan-maken`);
      const undone = await operator.post(`${page}/ongedaan-maken`);
      assert.equal(undone.statusCode, 303, undone.body);
      assert.equal(undone.headers.location, `${page}?melding=ongedaan-bewaard`);
      assert.match((await operator.get(undone.headers.location as string)).body, /niet verwijderd maar gedeactiveerd/);

      const kept = await app.db.kysely.selectFrom('pupils').selectAll().where('id', '=', namedId).executeTakeFirstOrThrow();
      assert.deepEqual([kept.active, kept.group_id, kept.location_id, kept.created_import_id], [0, null, null, null]);
      assert.ok(kept.deactivated_at);
      assert.equal(await app.db.kysely.selectFrom('pupils').select('id').where('id', '=', otherId).executeTakeFirst(), undefined, 'the other newcomer is removed');
      assert.equal(await app.db.kysely.selectFrom('groups').select('id').where('school_id', '=', school.id).where('las_key', '=', 'NIEUW').executeTakeFirst(), undefined, 'the added group is removed');
      assert.equal((await app.capabilities.pupilAccess.login.loginWithCode({ ...attempt, method: 'picture', value: code })).result === 'ok', false, 'an inactive pupil does not log in');
      assert.ok((await app.capabilities.privacy.ledger.verify()).ok, 'the chain is whole');
      assert.equal(await ledgerEntriesOf(app, school.id), 1, 'the entry is still there');
      const audit = await app.db.kysely.selectFrom('audit_log').select('details').where('school_id', '=', school.id).where('action', '=', 'roster.import.reverted').executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(String(audit.details)).keptInactivePupilIds, [namedId]);

      // The LAS sends her again: the same record comes back, so the ledger keeps pointing at her.
      const again = await applied(app, school, next);
      assert.equal(again.counts.pupils.added, 1, 'only the removed newcomer is new again');
      const back = await app.db.kysely.selectFrom('pupils').select(['active']).where('id', '=', namedId).executeTakeFirstOrThrow();
      assert.equal(back.active, 1);
    });

    await t.test('a reference nobody foresaw: the whole undo is refused in Dutch and nothing changes', async () => {
      const { school, scope, importId, ids: [pupilId] } = await schoolWithNewcomers(app, ['onvoorzien-1']);
      await loggedIn(app, scope, pupilId);
      const table = sql.table(`lp_test_ref_${randomBytes(4).toString('hex')}`);
      await sql`create table ${table} (pupil_id bigint not null references pupils(id))`.execute(app.db.kysely);
      try {
        await sql`insert into ${table} (pupil_id) values (${pupilId})`.execute(app.db.kysely);
        const before = await snapshot(app.db.kysely, school.id);

        await rejectsWith(app.capabilities.roster.undoImport(scope, importId, 'test:ict'), 'roster.undo_blocked', /Er is niets gewijzigd/);
        assert.deepEqual(await snapshot(app.db.kysely, school.id), before, 'nothing changed');
        assert.equal(await credentialCount(app, pupilId), 1);
        assert.equal((await app.capabilities.roster.getImport(scope, importId)).status, 'applied');

        const operator = await signInAsOperator(app);
        const page = `/beheer/scholen/${school.id}/imports/${importId}`;
        await operator.get(`${page}/ongedaan-maken`);
        const refused = await operator.post(`${page}/ongedaan-maken`);
        assert.equal(refused.statusCode, 409);
        assert.match(refused.body, /kan niet ongedaan worden gemaakt/);
        assert.doesNotMatch(refused.body, /FOREIGN KEY|constraint/i);
      } finally {
        await sql`drop table ${table}`.execute(app.db.kysely);
      }
    });
  });
}
