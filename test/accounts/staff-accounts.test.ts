import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totpCode } from '../../src/accounts/staff/index.js';
import { hashToken } from '../../src/lib/tokens.js';
import { buildTestApp, createTestSchool, signInAsOperator, TestBrowser } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestSmtpServer } from '../helpers/smtp.js';
import { choosePassword, GOOD_PASSWORD, importRoster, linkFromMail, signIn, uniqueEmail } from './staff-helpers.js';

/** A page for signed-in people sends everyone else to the sign-in page. */
const isSignedOut = (response: { statusCode: number; headers: Record<string, unknown> }) => response.statusCode === 303 && response.headers.location === '/inloggen';

for (const database of testDatabases()) {
  test(`staff accounts (${database.name})`, async (t) => {
    const smtp = await startTestSmtpServer();
    // Every test signs in from 127.0.0.1; the per-IP limit would count failures of earlier runs on a shared database.
    const app = await buildTestApp(database, { SMTP_URL: smtp.url, STAFF_LOGIN_IP_MAX_FAILURES: '1000000' });
    t.after(async () => {
      await app.close();
      await smtp.close();
    });
    const school = await createTestSchool(app.capabilities, 'Basisschool De Vlinder');
    const otherSchool = await createTestSchool(app.capabilities, 'Basisschool Het Anker');
    const operator = await signInAsOperator(app);

    /** The operator adds the school's first ICT-coördinator, who activates by mail. */
    async function activeIctCoordinator(forSchool = school) {
      const email = uniqueEmail('ict');
      await operator.get(`/beheer/scholen/${forSchool.id}/medewerkers`);
      const added = await operator.post(`/beheer/scholen/${forSchool.id}/medewerkers`, { displayName: 'Ilse Coördinator', email: email.toUpperCase(), role: 'schoolAdmin' });
      assert.equal(added.statusCode, 303, added.body);
      const { browser, done } = await choosePassword(app, await linkFromMail(smtp, email, /activeren/));
      assert.equal(done.statusCode, 303, done.body);
      assert.equal(done.headers.location, '/account');
      return { email, browser };
    }

    await t.test('invite → mail → link → password → signed in', async () => {
      const { browser } = await activeIctCoordinator();
      const account = await browser.get('/account');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Ilse Coördinator/);
      assert.match(account.body, /ICT-coördinator/);
      assert.match(account.body, /Basisschool De Vlinder/);
      const schoolPage = await browser.get(`/beheer/scholen/${school.id}`);
      assert.equal(schoolPage.statusCode, 200, 'the ICT-coördinator may use the roster pages of the own school');
    });

    await t.test('an activation link works once and refuses weak passwords with a Dutch message', async () => {
      const email = uniqueEmail('leerkracht');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email, displayName: 'Lotte Leerkracht', role: 'teacher' });
      const path = await linkFromMail(smtp, email, /activeren/);
      const browser = new TestBrowser(app.app);
      await browser.get(path);
      const short = await browser.post(path, { password: 'kort' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /minstens 12 tekens/);
      const common = await browser.post(path, { password: 'wachtwoord123' });
      assert.match(common.body, /veel gebruikt/);
      assert.equal((await browser.post(path, { password: GOOD_PASSWORD })).statusCode, 303);
      const again = await new TestBrowser(app.app).get(path);
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /al gebruikt of verlopen/);
    });

    await t.test('sign-in: right password, wrong password and unknown address give one generic answer', async () => {
      const { email } = await activeIctCoordinator();
      const wrong = await signIn(app, email, 'niet het goede wachtwoord');
      const unknown = await signIn(app, uniqueEmail('niemand'), 'niet het goede wachtwoord');
      assert.equal(wrong.response.statusCode, 401);
      assert.equal(unknown.response.statusCode, 401);
      const message = 'Het e-mailadres of het wachtwoord klopt niet.';
      assert.ok(wrong.response.body.includes(message) && unknown.response.body.includes(message));
      assert.ok(wrong.response.body.includes('E-mailadres') && wrong.response.body.includes('Wachtwoord') && wrong.response.body.includes('>Inloggen</button>'));

      const before = new TestBrowser(app.app);
      await before.get('/inloggen');
      assert.equal((await before.post('/inloggen', { email, password: GOOD_PASSWORD }, { csrf: false })).statusCode, 403, 'the form needs its CSRF token');
      const plantedCookie = before.cookieHeader();
      const account = () => app.db.kysely.selectFrom('staff_accounts').select(['id', 'last_login_at']).where('email', '=', email).executeTakeFirstOrThrow();
      await app.db.kysely.updateTable('staff_accounts').set({ last_login_at: null }).where('email', '=', email).execute();
      const typos = () => app.db.kysely.selectFrom('attempt_buckets').select('count').where('key', '=', `signin:email:${hashToken(email)}`).execute();
      assert.equal((await typos()).length, 1, 'the wrong password counted');
      const right = await signIn(app, email.toUpperCase(), GOOD_PASSWORD, before);
      assert.equal(right.response.statusCode, 303);
      assert.equal(right.response.headers.location, '/account');
      assert.notEqual(before.cookieHeader(), plantedCookie, 'the session is rotated at sign-in');
      assert.equal((await right.browser.get('/account')).statusCode, 200);
      // The sign-in's writes: its audit entry and the last-login time; and the address's typo is forgiven.
      const { id, last_login_at } = await account();
      assert.ok(last_login_at, 'last login recorded');
      const audited = await app.db.kysely.selectFrom('audit_log').select('details').where('actor', '=', `staff:${id}`).where('action', '=', 'staff.signed_in').execute();
      assert.deepEqual(audited.map((a) => JSON.parse(a.details)), [{ totp: false }]);
      assert.equal((await typos()).length, 0);
    });

    await t.test('repeated wrong passwords are throttled per address', async () => {
      const { email } = await activeIctCoordinator();
      for (let i = 0; i < 10; i++) assert.equal((await signIn(app, email, `fout-wachtwoord-${i}`)).response.statusCode, 401);
      const blocked = await signIn(app, email, GOOD_PASSWORD);
      assert.equal(blocked.response.statusCode, 429);
      assert.match(blocked.response.body, /Wacht een kwartier/);
      // The window slides: failures count for 15 to 16.5 minutes (a window and at most one tenth).
      app.clock.advance(16.5);
      try {
        assert.equal((await signIn(app, email, GOOD_PASSWORD)).response.statusCode, 303);
      } finally {
        app.clock.advance(-16.5);
      }
    });

    await t.test('password reset by mail link: same answer for every address, single use, 1 hour', async () => {
      const { email, browser: oldSession } = await activeIctCoordinator();
      const forgot = new TestBrowser(app.app);
      await forgot.get('/wachtwoord-vergeten');
      const known = await forgot.post('/wachtwoord-vergeten', { email });
      const unknown = await forgot.post('/wachtwoord-vergeten', { email: uniqueEmail('onbekend') });
      assert.equal(known.statusCode, 303);
      assert.equal(known.headers.location, unknown.headers.location);
      const path = await linkFromMail(smtp, email, /wachtwoord/i);

      const newPassword = 'groene kikker springt in de sloot';
      const { done } = await choosePassword(app, path, newPassword);
      assert.equal(done.statusCode, 303);
      assert.ok(isSignedOut(await oldSession.get('/account')), 'a reset ends the sessions that knew the old password');
      assert.equal((await new TestBrowser(app.app).get(path)).statusCode, 400, 'the link works once');
      assert.equal((await signIn(app, email, GOOD_PASSWORD)).response.statusCode, 401);
      assert.equal((await signIn(app, email, newPassword)).response.statusCode, 303);

      await forgot.get('/wachtwoord-vergeten');
      await forgot.post('/wachtwoord-vergeten', { email });
      const late = await linkFromMail(smtp, email, /wachtwoord/i);
      app.clock.advance(61);
      try {
        assert.equal((await new TestBrowser(app.app).get(late)).statusCode, 400, 'a reset link expires after an hour');
      } finally {
        app.clock.advance(-61);
      }
    });

    await t.test('TOTP: enable with a code, then sign-in asks for it', async () => {
      const { email, browser } = await activeIctCoordinator();
      await browser.get('/account');
      await browser.post('/account/tweestapsverificatie');
      const setup = await browser.get('/account');
      const secret = /<code>([A-Z2-7]{32})<\/code>/.exec(setup.body)?.[1];
      assert.ok(secret, 'the base32 secret is shown during set-up');
      assert.match(setup.body, /otpauth:\/\/totp\/Leerpoort/);
      const wrongCode = await browser.post('/account/tweestapsverificatie/bevestigen', { code: '000000' === totpCode(secret, app.clock.now()) ? '111111' : '000000' });
      assert.equal(wrongCode.statusCode, 401);
      const enabled = await browser.post('/account/tweestapsverificatie/bevestigen', { code: totpCode(secret, app.clock.now()) });
      assert.equal(enabled.statusCode, 303);
      assert.doesNotMatch((await browser.get('/account')).body, new RegExp(secret), 'the secret is never shown again');

      // The code that switched it on is used up; the authenticator shows the next one 30 s later.
      app.clock.advance(0.5);
      const login = await signIn(app, email, GOOD_PASSWORD);
      assert.equal(login.response.headers.location, '/inloggen/code');
      assert.ok(isSignedOut(await login.browser.get('/account')), 'no session before the code');
      await login.browser.get('/inloggen/code');
      assert.equal((await login.browser.post('/inloggen/code', { code: 'abcdef' })).statusCode, 401);
      const done = await login.browser.post('/inloggen/code', { code: totpCode(secret, app.clock.now()) });
      assert.equal(done.statusCode, 303);
      const account = await login.browser.get('/account');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Tweestapsverificatie staat aan/);

      assert.equal((await login.browser.post('/account/tweestapsverificatie/uitzetten', { code: 'abcdef' })).statusCode, 401, 'switching off needs a current code');
      app.clock.advance(0.5);
      const off = await login.browser.post('/account/tweestapsverificatie/uitzetten', { code: totpCode(secret, app.clock.now()) });
      assert.equal(off.statusCode, 303);
      assert.equal((await signIn(app, email, GOOD_PASSWORD)).response.headers.location, '/account', 'no code asked any more');
    });

    await t.test('roster invitations: one identity at two schools, roles from EDEX codes', async () => {
      const { browser: ict } = await activeIctCoordinator();
      const { browser: otherIct } = await activeIctCoordinator(otherSchool);
      const shared = uniqueEmail('duobaan');
      // Added by hand before the roster import: the roster later links the same role to its row.
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email: shared, displayName: 'Dana Duobaan', role: 'teacher' });
      await linkFromMail(smtp, shared, /activeren/);
      const rosterA = await importRoster(app, school, (r) => (r.staff[0].email = shared.toUpperCase()));
      await importRoster(app, otherSchool, (r) => (r.staff[0].email = shared));

      await ict.get(`/beheer/scholen/${school.id}/medewerkers`);
      const sent = await ict.post(`/beheer/scholen/${school.id}/medewerkers/uitnodigen`);
      assert.equal(sent.statusCode, 303);
      const ib = rosterA.staff.find((s) => s.roles.includes('IB'))!;
      const director = rosterA.staff.find((s) => s.roles.includes('DIR'))!;
      const activation = await linkFromMail(smtp, shared, /activeren/);
      await linkFromMail(smtp, ib.email!, /activeren/);
      assert.ok(!smtp.received.some((m) => m.envelope.to.includes(director.email!.toLowerCase())), 'a role without pupils (DIR) gets no account');

      await otherIct.get(`/beheer/scholen/${otherSchool.id}/medewerkers`);
      await otherIct.post(`/beheer/scholen/${otherSchool.id}/medewerkers/uitnodigen`);
      const second = await linkFromMail(smtp, shared, /activeren/);
      assert.equal((await new TestBrowser(app.app).get(activation)).statusCode, 400, 'a new invitation replaces the older link');
      await choosePassword(app, second);

      const accounts = await app.db.kysely.selectFrom('staff_accounts').select('id').where('email', '=', shared).execute();
      assert.equal(accounts.length, 1, 'one e-mail address is one identity');
      const roles = await app.db.kysely.selectFrom('staff_account_roles').select(['school_id', 'role', 'staff_id']).where('account_id', '=', accounts[0].id).execute();
      assert.deepEqual(new Set(roles.map((r) => Number(r.school_id))), new Set([school.id, otherSchool.id]));
      assert.equal(roles.length, 2);
      assert.ok(roles.every((r) => r.role === 'teacher' && r.staff_id !== null), 'both roles are linked to their roster rows');
      const list = await ict.get(`/beheer/scholen/${school.id}/medewerkers`);
      assert.match(list.body, /Intern begeleider/);
    });

    await t.test('tenant scope: an ICT-coördinator of school A gets 403 at school B', async () => {
      const { browser } = await activeIctCoordinator();
      for (const path of [`/beheer/scholen/${otherSchool.id}`, `/beheer/scholen/${otherSchool.id}/medewerkers`, `/beheer/scholen/${otherSchool.id}/imports/1`]) {
        assert.equal((await browser.get(path)).statusCode, 403, path);
      }
      await browser.get('/account');
      assert.equal((await browser.post(`/beheer/scholen/${otherSchool.id}/medewerkers`, { displayName: 'X', email: uniqueEmail('x'), role: 'schoolAdmin' })).statusCode, 403);
      assert.equal((await browser.get('/beheer')).statusCode, 403, 'the platform pages are for the operator');
      const teacher = uniqueEmail('leraar');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email: teacher, displayName: 'Tim', role: 'teacher' });
      const { browser: teacherBrowser } = await choosePassword(app, await linkFromMail(smtp, teacher, /activeren/));
      assert.equal((await teacherBrowser.get(`/beheer/scholen/${school.id}`)).statusCode, 403, 'a teacher does not manage the school');
    });

    await t.test('a board admin manages every school of the board', async () => {
      const email = uniqueEmail('bestuur');
      await app.capabilities.staffAccounts.members.addBoardAdmin('operator:test', school.boardId, { email, displayName: 'Bea Bestuur' });
      const { browser } = await choosePassword(app, await linkFromMail(smtp, email, /activeren/));
      assert.equal((await browser.get(`/beheer/scholen/${school.id}/medewerkers`)).statusCode, 200);
      assert.equal((await browser.get(`/beheer/scholen/${otherSchool.id}/medewerkers`)).statusCode, otherSchool.boardId === school.boardId ? 200 : 403);
    });

    await t.test('log out everywhere ends every session of the account', async () => {
      const { email, browser: first } = await activeIctCoordinator();
      const { browser: second } = await signIn(app, email, GOOD_PASSWORD);
      await first.get('/account');
      const out = await first.post('/account/overal-uitloggen');
      assert.equal(out.statusCode, 303);
      assert.ok(isSignedOut(await first.get('/account')));
      assert.ok(isSignedOut(await second.get('/account')));
      const audit = await app.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'staff.logged_out_everywhere').execute();
      assert.ok(audit.length >= 1);
    });
  });
}
