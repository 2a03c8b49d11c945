/**
 * TOTP at rest and in use: the secret is stored sealed with the secret box (never as base32),
 * a secret stored in plaintext before the change keeps working and gets sealed, and a code is
 * accepted once — the same code again, or an older code after a newer one, is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTotpSecret, totpCode } from '../../src/accounts/staff/totp.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { buildTestApp, createTestSchool, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { GOOD_PASSWORD, signIn, uniqueEmail } from './staff-helpers.js';
import { activateAndSignIn } from './substitute-helpers.js';

for (const database of testDatabases()) {
  test(`TOTP secrets sealed, codes used once (${database.name})`, async (t) => {
    const app = await buildTestApp(database, { STAFF_LOGIN_IP_MAX_FAILURES: '1000000' });
    t.after(() => app.close());
    const school = await createTestSchool(app.capabilities, 'Basisschool De Sleutel');
    const box = createSecretBox(app.config.secretKey);
    const column = async (email: string) =>
      app.db.kysely.selectFrom('staff_accounts').select(['id', 'totp_secret', 'totp_last_step']).where('email', '=', email).executeTakeFirstOrThrow();

    async function coordinator() {
      const email = uniqueEmail('ict');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email, displayName: 'Ida ICT', role: 'schoolAdmin' });
      return { email, browser: await activateAndSignIn(app, email) };
    }

    /** Password, then the code page; answers the response to the code. */
    async function signInWithCode(t: TestApp, email: string, code: string) {
      const { browser, response } = await signIn(t, email, GOOD_PASSWORD);
      assert.equal(response.headers.location, '/inloggen/code');
      await browser.get('/inloggen/code');
      return browser.post('/inloggen/code', { code });
    }

    await t.test('set-up stores the secret sealed; the account page still shows it during set-up', async () => {
      const { email, browser } = await coordinator();
      await browser.get('/account');
      await browser.post('/account/tweestapsverificatie');
      const page = await browser.get('/account');
      const secret = /<code>([A-Z2-7]{32})<\/code>/.exec(page.body)?.[1];
      assert.ok(secret);
      const stored = (await column(email)).totp_secret!;
      assert.match(stored, /^sb1\./);
      assert.ok(!stored.includes(secret), 'the base32 secret is not in the database');
      assert.equal(box.open(stored, 'staff.totp'), secret, 'sealed for the purpose staff.totp');
      assert.throws(() => box.open(stored, 'pupils.card'), 'a sealed value does not open for another purpose');

      const confirmCode = totpCode(secret, app.clock.now());
      assert.equal((await browser.post('/account/tweestapsverificatie/bevestigen', { code: confirmCode })).statusCode, 303);
      assert.equal((await signInWithCode(app, email, confirmCode)).statusCode, 401, 'the code that switched it on cannot sign in');
    });

    await t.test('a code signs in once; the same code again and an older code are refused', async () => {
      const { email, browser } = await coordinator();
      await browser.get('/account');
      await browser.post('/account/tweestapsverificatie');
      const secret = /<code>([A-Z2-7]{32})<\/code>/.exec((await browser.get('/account')).body)![1];
      await browser.post('/account/tweestapsverificatie/bevestigen', { code: totpCode(secret, app.clock.now()) });

      app.clock.advance(1);
      const older = totpCode(secret, new Date(app.clock.now().getTime() - 30_000));
      const code = totpCode(secret, app.clock.now());
      const first = await signInWithCode(app, email, code);
      assert.equal(first.statusCode, 303, first.body);
      assert.equal(first.headers.location, '/account');
      const stepAfterFirst = (await column(email)).totp_last_step;
      assert.equal(stepAfterFirst, Math.floor(app.clock.now().getTime() / 30_000));

      const replay = await signInWithCode(app, email, code);
      assert.equal(replay.statusCode, 401, 'the same code within its window is refused');
      assert.match(replay.body, /De code klopt niet/);
      if (older !== code) assert.equal((await signInWithCode(app, email, older)).statusCode, 401, 'an earlier step after a later one is refused');

      app.clock.advance(0.5);
      assert.equal((await signInWithCode(app, email, totpCode(secret, app.clock.now()))).statusCode, 303, 'the next step works');
      const audit = await app.db.kysely.selectFrom('audit_log').select('action').where('actor', '=', `staff:${(await column(email)).id}`).where('action', '=', 'staff.signed_in').execute();
      assert.equal(audit.length, 3, 'activation sign-in plus two code sign-ins, the replay not among them');
    });

    await t.test('two sign-ins with one code at the same moment: exactly one gets in', async () => {
      const { email, browser } = await coordinator();
      await browser.get('/account');
      await browser.post('/account/tweestapsverificatie');
      const secret = /<code>([A-Z2-7]{32})<\/code>/.exec((await browser.get('/account')).body)![1];
      await browser.post('/account/tweestapsverificatie/bevestigen', { code: totpCode(secret, app.clock.now()) });
      app.clock.advance(1);
      const first = await signIn(app, email, GOOD_PASSWORD);
      const second = await signIn(app, email, GOOD_PASSWORD);
      await first.browser.get('/inloggen/code');
      await second.browser.get('/inloggen/code');
      const code = totpCode(secret, app.clock.now());
      const answers = await Promise.all([first.browser.post('/inloggen/code', { code }), second.browser.post('/inloggen/code', { code })]);
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [303, 401]);
    });

    await t.test('a plaintext secret from before the change keeps working and is sealed when read', async () => {
      const { email } = await coordinator();
      const secret = newTotpSecret();
      const { id } = await column(email);
      await app.db.kysely.updateTable('staff_accounts').set({ totp_secret: secret, totp_enabled: 1, totp_last_step: null }).where('id', '=', id).execute();

      const done = await signInWithCode(app, email, totpCode(secret, app.clock.now()));
      assert.equal(done.statusCode, 303, done.body);
      const stored = (await column(email)).totp_secret!;
      assert.match(stored, /^sb1\./, 're-sealed on first use');
      assert.equal(box.open(stored, 'staff.totp'), secret);
      app.clock.advance(0.5);
      assert.equal((await signInWithCode(app, email, totpCode(secret, app.clock.now()))).statusCode, 303, 'and keeps working sealed');
    });
  });
}
