/**
 * A pupil the roster takes away is signed out of Leerpoort at once, not when her session
 * expires: an import that deactivates her, undoing the import that added her, and the same
 * import run as `leerpoort import edexml` in its own process. She signs in the way a pupil does
 * (her login card) in two browsers; afterwards both get a login page instead of "Mijn
 * lesmateriaal", while a classmate stays signed in. Sessions in the database and, when
 * LEERPOORT_TEST_REDIS is set, in Redis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, createTestSchool, TestBrowser, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { stableRoster } from '../helpers/rosters.js';
import { writeEdexml, type GeneratedRoster } from '../../src/roster/generator/index.js';
import { runCli, tempDir } from '../cli/run-cli.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;

/** The pupil signs in with her login card, as on a class iPad; the portal greets her. */
async function signedInPupil(t: TestApp, schoolId: number, pupilId: number): Promise<TestBrowser> {
  const [card] = await t.capabilities.pupilAccess.admin.issueCards('test', { schoolId }, [pupilId]);
  const browser = new TestBrowser(t.app);
  await browser.get(`/kaart/${card.token}`);
  assert.equal((await browser.post(`/kaart/${card.token}`)).statusCode, 303, 'the card signs her in');
  assert.match((await browser.get('/leerling')).body, /Hallo /, 'she sees her portal');
  return browser;
}

/** Her next request to the portal is sent to a login page, and the store holds none of her sessions. */
async function assertSignedOut(t: TestApp, pupilId: number, browsers: TestBrowser[]) {
  for (const browser of browsers) {
    const portal = await browser.get('/leerling');
    assert.equal(portal.statusCode, 303, 'the portal sends her away');
    assert.doesNotMatch(portal.body, /Hallo /);
  }
  assert.equal(await t.capabilities.sessions.endAllFor({ kind: 'pupil', pupilId }), 0, 'her sessions were already ended, not merely refused');
}

async function assertSignedIn(browser: TestBrowser) {
  const portal = await browser.get('/leerling');
  assert.equal(portal.statusCode, 200, 'a pupil still in the roster stays signed in');
  assert.match(portal.body, /Hallo /);
}

/** The roster without these pupils' LAS keys. */
function without(roster: GeneratedRoster, keys: string[]): GeneratedRoster {
  return { ...roster, pupils: roster.pupils.filter((pupil) => !keys.includes(pupil.key)) };
}

async function apply(t: TestApp, schoolId: number, roster: GeneratedRoster) {
  const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId, actor: 'test', content: writeEdexml(roster), fileName: null });
  assert.equal(summary.status, 'applied', JSON.stringify(summary.errors));
  return summary;
}

async function pupilIdOf(t: TestApp, schoolId: number, lasKey: string): Promise<number> {
  const row = await t.db.kysely.selectFrom('pupils').select('id').where('school_id', '=', schoolId).where('las_key', '=', lasKey).executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A school whose roster is applied; its first two pupils (by LAS key) with their ids. */
async function schoolWithRoster(t: TestApp, name: string) {
  const school = await createTestSchool(t.capabilities, name);
  const roster = stableRoster(school, { seed: 23, pupils: 12 });
  await apply(t, school.id, roster);
  const [leaving, staying] = roster.pupils;
  return { school, roster, leaving: { key: leaving.key, id: await pupilIdOf(t, school.id, leaving.key) }, staying: await pupilIdOf(t, school.id, staying.key) };
}

for (const database of testDatabases()) {
  for (const store of ['database', 'redis'] as const) {
    const skip = store === 'redis' && !redisUrl ? 'LEERPOORT_TEST_REDIS is not set: sessions in Redis are not tested' : false;
    const env: Record<string, string> = store === 'redis' ? { REDIS_URL: redisUrl! } : {};
    test(`a pupil the roster takes away is signed out of Leerpoort (${database.name}, sessions in ${store})`, { skip }, async (t) => {
      // Every card login here comes from the same address; a shared Redis also counts other test files' logins.
      const app = await buildTestApp(database, { PUPIL_IP_MAX_PER_MINUTE: '1000000', ...env });
      t.after(() => app.close());
      assert.equal(app.capabilities.sessions.backend, store);

      await t.test('an import that deactivates her', async () => {
        const { school, roster, leaving, staying } = await schoolWithRoster(app, 'Basisschool Het Vertrek');
        const devices = [await signedInPupil(app, school.id, leaving.id), await signedInPupil(app, school.id, leaving.id)];
        const classmate = await signedInPupil(app, school.id, staying);

        const summary = await apply(app, school.id, without(roster, [leaving.key]));
        assert.equal(summary.counts.pupils.deactivated, 1);

        await assertSignedOut(app, leaving.id, devices);
        await assertSignedIn(classmate);
      });

      await t.test('undoing the import that added her', async () => {
        const school = await createTestSchool(app.capabilities, 'Basisschool De Terugweg');
        const roster = stableRoster(school, { seed: 29, pupils: 12 });
        const newcomer = roster.pupils[0].key;
        await apply(app, school.id, without(roster, [newcomer]));
        const added = await apply(app, school.id, roster);
        assert.equal(added.counts.pupils.added, 1);
        const pupilId = await pupilIdOf(app, school.id, newcomer);
        const device = await signedInPupil(app, school.id, pupilId);
        const classmate = await signedInPupil(app, school.id, await pupilIdOf(app, school.id, roster.pupils[1].key));

        const undone = await app.capabilities.roster.undoImport({ schoolId: school.id }, added.importId!, 'test');
        assert.equal(undone.keptPupils, 0, 'she is removed, not kept inactive');

        await assertSignedOut(app, pupilId, [device]);
        await assertSignedIn(classmate);
      });

      // A command that kept a Redis connection open would never end: fail instead of waiting forever.
      await t.test('`leerpoort import edexml` in its own process', { timeout: 60_000 }, async () => {
        const { school, roster, leaving, staying } = await schoolWithRoster(app, 'Basisschool De Opdrachtregel');
        const device = await signedInPupil(app, school.id, leaving.id);
        const classmate = await signedInPupil(app, school.id, staying);
        const file = path.join(tempDir(), 'zonder-haar.xml');
        fs.writeFileSync(file, writeEdexml(without(roster, [leaving.key])));

        const cli = await runCli(['import', 'edexml', file, '--school', school.brin + school.locationCode, '--json'], { databaseUrl: database.url, env });
        assert.equal(cli.code, 0, cli.stderr);
        assert.equal(JSON.parse(cli.stdout).counts.pupils.deactivated, 1);

        await assertSignedOut(app, leaving.id, [device]);
        await assertSignedIn(classmate);
      });
    });
  }
}
