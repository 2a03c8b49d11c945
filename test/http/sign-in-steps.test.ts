/**
 * Sign-in steps (http/session.ts, SIGN_IN_STEP) do not look up the browser's previous session
 * or its person: a staff password login and a pupil's code page and card end that session by
 * its id. The session still ends at every sign-in, and a page that shows who is signed in (a
 * wrong password on the form, an error page) still shows it. With sessions in the database and
 * in Redis (when LEERPOORT_TEST_REDIS is set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, createTestSchool, TestBrowser, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { GOOD_PASSWORD, uniqueEmail } from '../accounts/staff-helpers.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
const variants = testDatabases().flatMap((database) => [{ database, env: {} as Record<string, string>, name: 'database' }, ...(redisUrl ? [{ database, env: { REDIS_URL: redisUrl }, name: 'Redis' }] : [])]);

/** An active teacher with a password, signed in by nobody yet. */
async function activeTeacher(t: TestApp, schoolId: number, displayName: string) {
  const email = uniqueEmail('leerkracht');
  await t.capabilities.staffAccounts.members.addToSchool('test', { schoolId }, { email, displayName, role: 'teacher' });
  const mail = await t.db.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', email).executeTakeFirstOrThrow();
  await t.capabilities.staffAccounts.signIn.setPasswordWithLink('activation', /\/account\/activeren\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1], GOOD_PASSWORD);
  return email;
}

/** Counts the app's session lookups (the per-request resolution calls `sessions.lookup`). */
function countLookups(t: TestApp): { count: () => number } {
  const sessions = t.capabilities.sessions;
  const lookup = sessions.lookup;
  let calls = 0;
  sessions.lookup = async (id) => {
    calls++;
    return lookup(id);
  };
  return { count: () => calls };
}

for (const { database, env, name } of variants) {
  test(`sign-in steps skip the previous session's lookup and still end it (${database.name}, sessions in ${name})`, async (t) => {
    const app = await buildTestApp(database, { STAFF_LOGIN_IP_MAX_FAILURES: '1000000', ...env });
    t.after(() => app.close());
    const lookups = countLookups(app);
    const { school, scope, pupils } = await schoolWithPupils(app, 24);
    const email = await activeTeacher(app, school.id, 'Tessa Teller');

    /** A browser signed in as the teacher, and its session cookie as it was then. */
    async function signedInTeacher() {
      const browser = new TestBrowser(app.app);
      await browser.get('/inloggen');
      assert.equal((await browser.post('/inloggen', { email, password: GOOD_PASSWORD })).statusCode, 303);
      assert.equal((await browser.get('/account')).statusCode, 200);
      return { browser, cookie: browser.cookieHeader() };
    }
    const stillSignedIn = async (cookie: string) => (await app.app.inject({ method: 'GET', url: '/account', headers: { cookie } })).statusCode === 200;

    await t.test('staff password login: no lookup; the previous session ends', async () => {
      const { browser, cookie } = await signedInTeacher();
      await browser.get('/inloggen');
      const before = lookups.count();
      const again = await browser.post('/inloggen', { email, password: GOOD_PASSWORD });
      assert.equal(again.statusCode, 303);
      assert.equal(lookups.count(), before, 'the login POST did not look up the old session');
      assert.equal(await stillSignedIn(cookie), false, 'the old session ended');
      assert.equal(await stillSignedIn(browser.cookieHeader()), true);
    });

    await t.test('a wrong password shows the form with who is still signed in; that session stays', async () => {
      const { browser, cookie } = await signedInTeacher();
      await browser.get('/inloggen');
      const wrong = await browser.post('/inloggen', { email, password: 'niet het goede wachtwoord' });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /Ingelogd als Tessa Teller/);
      assert.equal(await stillSignedIn(cookie), true);
      const noCsrf = await browser.post('/inloggen', { email, password: GOOD_PASSWORD }, { csrf: false });
      assert.equal(noCsrf.statusCode, 403);
      assert.match(noCsrf.body, /Ingelogd als Tessa Teller/, 'the error page shows who is signed in');
      assert.equal(await stillSignedIn(cookie), true);
    });

    await t.test('pupil picture code and QR card: no lookup; the teacher’s session on that device ends', async () => {
      const [pupil, cardPupil] = pupils;
      const code = await app.capabilities.pupilAccess.admin.resetPictureCode('test', scope, pupil.pupilId);
      const { browser, cookie } = await signedInTeacher();
      const path = `/school/${school.instellingRef}/leerling/${pupil.pupilId}`;
      const before = lookups.count();
      assert.equal((await browser.get(path)).statusCode, 200);
      const done = await browser.post(path, { picks: code.slice(0, -1).join('-'), pick: code[code.length - 1] });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/leerling');
      assert.equal(lookups.count(), before, 'the code page and its POST did not look up the old session');
      assert.equal(await stillSignedIn(cookie), false, 'the teacher is signed out on this device');
      assert.equal((await browser.get('/leerling')).statusCode, 200);

      const [card] = await app.capabilities.pupilAccess.admin.issueCards('test', scope, [cardPupil.pupilId]);
      const pupilCookie = browser.cookieHeader();
      const beforeCard = lookups.count();
      assert.equal((await browser.get(`/kaart/${card.token}`)).statusCode, 200);
      assert.equal((await browser.post(`/kaart/${card.token}`)).statusCode, 303);
      assert.equal(lookups.count(), beforeCard, 'the card link and its button did not look up the old session');
      assert.equal((await app.app.inject({ method: 'GET', url: '/leerling', headers: { cookie: pupilCookie } })).statusCode, 303, 'the first pupil is signed out');
      assert.equal((await browser.get('/leerling')).statusCode, 200);
    });

    await t.test('an error page of a sign-in step shows who is signed in', async () => {
      const other = await createTestSchool(app.capabilities, 'Basisschool Elders');
      const { browser } = await signedInTeacher();
      const missing = await browser.get(`/school/${other.instellingRef}/leerling/999999999`);
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Ingelogd als Tessa Teller/);
    });
  });
}
