import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, signInAsOperator, TestBrowser } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { linksIn, startTestSmtpServer } from '../helpers/smtp.js';
import { childAtSchool, linkChild, newParent, parentSignIn } from './parent-helpers.js';
import { GOOD_PASSWORD, linkFromMail, uniqueEmail } from './staff-helpers.js';

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

for (const database of testDatabases()) {
  test(`parents' home login (${database.name})`, async (t) => {
    const smtp = await startTestSmtpServer();
    // Every test runs from 127.0.0.1; the per-IP limits would count earlier runs on a shared database.
    const app = await buildTestApp(database, { SMTP_URL: smtp.url, STAFF_LOGIN_IP_MAX_FAILURES: '1000000', PUPIL_IP_MAX_PER_MINUTE: '1000000' });
    t.after(async () => {
      await app.close();
      await smtp.close();
    });

    await t.test('request → mail → password → two children at two schools → each child opens on /leerling', async () => {
      const email = uniqueEmail('ouder');
      const first = await childAtSchool(app);
      const second = await childAtSchool(app, { index: 1 });
      const parent = await newParent(app, smtp, email);
      const home = await parent.get('/thuis');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Mijn kinderen/);

      const linkedFirst = await linkChild(parent, first, first.pincode);
      assert.equal(linkedFirst.statusCode, 200, linkedFirst.body);
      assert.match(linkedFirst.body, /is gekoppeld/);
      const linkedSecond = await linkChild(parent, second, second.pincode);
      assert.equal(linkedSecond.statusCode, 200, linkedSecond.body);
      const page = await parent.get('/thuis');
      assert.ok(page.body.includes(escaped(first.school.name)) && page.body.includes(escaped(second.school.name)), 'both schools are listed');

      for (const child of [first, second]) {
        const { browser, response } = await parentSignIn(app, email);
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/thuis');
        const opened = await browser.post(`/thuis/kinderen/${child.pupil.pupilId}/openen`);
        assert.equal(opened.statusCode, 303, opened.body);
        assert.equal(opened.headers.location, '/leerling');
        const portal = await browser.get('/leerling');
        assert.equal(portal.statusCode, 200);
        assert.ok(portal.body.includes(escaped(child.firstName)), `the portal greets ${child.firstName}`);
        assert.equal((await browser.get('/thuis')).body.includes('Mijn kinderen'), false, 'the parent session ended when the child opened');
      }
      const session = await app.db.kysely.selectFrom('sessions').select(['shared_device']).where('actor_kind', '=', 'pupil').where('actor_id', '=', second.pupil.pupilId).orderBy('created_at', 'desc').executeTakeFirst();
      assert.equal(Number(session?.shared_device), 0, 'a home device is not a shared device');
    });

    await t.test('wrong pincodes count toward the child\'s lock; the right one is then refused too', async () => {
      const child = await childAtSchool(app);
      const parent = await newParent(app, smtp, uniqueEmail('ouder'));
      const wrongPin = child.pincode === '00000' ? '11111' : '00000';
      for (let i = 0; i < 4; i++) {
        const wrong = await linkChild(parent, child, wrongPin);
        assert.equal(wrong.statusCode, 400);
        assert.match(wrong.body, /combinatie van school, roepnaam en pincode kennen we niet/);
      }
      const fifth = await linkChild(parent, child, wrongPin);
      assert.equal(fifth.statusCode, 423);
      const credential = await app.capabilities.pupilAccess.credential(child.scope, child.pupil.pupilId);
      assert.ok(credential?.locked_until, 'the child is locked, as after wrong codes at school');
      const right = await linkChild(parent, child, child.pincode);
      assert.equal(right.statusCode, 423);
      assert.match(right.body, /te vaak een verkeerde pincode/);
      const links = await app.db.kysely.selectFrom('parent_children').select('pupil_id').where('pupil_id', '=', child.pupil.pupilId).execute();
      assert.equal(links.length, 0, 'nothing was linked');
    });

    await t.test('home login off: linking is refused with a Dutch explanation; switched off later, the child no longer opens', async () => {
      const off = await childAtSchool(app, { homeLogin: false });
      const parent = await newParent(app, smtp, uniqueEmail('ouder'));
      const refused = await linkChild(parent, off, off.pincode);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /thuisinlog staat voor dit kind niet aan/);
      assert.match(refused.body, /school kan de thuisinlog aanzetten/);

      const on = await childAtSchool(app);
      // The roepnaam is compared without regard to case, also for letters beyond ASCII.
      assert.equal((await linkChild(parent, { ...on, firstName: on.firstName.toLocaleUpperCase('nl') }, on.pincode)).statusCode, 200);
      await app.capabilities.pupilAccess.admin.setHomeLogin('test', on.scope, on.pupil.pupilId, false);
      const page = await parent.get('/thuis');
      assert.match(page.body, /De thuisinlog staat uit/);
      const opened = await parent.post(`/thuis/kinderen/${on.pupil.pupilId}/openen`);
      assert.equal(opened.statusCode, 403);
      assert.match(opened.body, /thuisinlog staat voor dit kind niet aan/);

      const unlinked = await parent.post(`/thuis/kinderen/${on.pupil.pupilId}/ontkoppelen`);
      assert.equal(unlinked.statusCode, 200);
      assert.match(unlinked.body, /ontkoppeld/);
      assert.equal((await parent.post(`/thuis/kinderen/${on.pupil.pupilId}/openen`)).statusCode, 404);
    });

    await t.test('the school switches home login on and off for a whole group from the group overview', async () => {
      const child = await childAtSchool(app, { homeLogin: false });
      const groupId = child.group.id;
      const operator = await signInAsOperator(app);
      const overview = await operator.get(`/beheer/scholen/${child.school.id}/groepen/${groupId}`);
      assert.match(overview.body, /Thuisinlog aan voor de hele groep/);
      const homeLogins = async () => {
        const pupils = await app.capabilities.pupilAccess.pupilsOfGroup(child.scope, groupId);
        return pupils.map((p) => p.credential?.home_login ?? 0);
      };
      assert.equal((await operator.post(`/beheer/scholen/${child.school.id}/groepen/${groupId}/thuisinlog`, { aan: '1' })).statusCode, 303);
      assert.ok((await homeLogins()).every((on) => on === 1), 'every pupil of the group has home login on');
      const parent = await newParent(app, smtp, uniqueEmail('ouder'));
      assert.equal((await linkChild(parent, child, child.pincode)).statusCode, 200);
      assert.equal((await operator.post(`/beheer/scholen/${child.school.id}/groepen/${groupId}/thuisinlog`, { aan: '0' })).statusCode, 303);
      assert.ok((await homeLogins()).every((on) => on === 0), 'and off again');
      assert.equal((await parent.post(`/thuis/kinderen/${child.pupil.pupilId}/openen`)).statusCode, 403);
    });

    await t.test('the school invites a parent from the group overview; the parent activates and links the child', async () => {
      const child = await childAtSchool(app);
      const operator = await signInAsOperator(app);
      const base = `/beheer/scholen/${child.school.id}/groepen/${child.group.id}`;
      assert.match((await operator.get(base)).body, /Ouder uitnodigen voor de thuisinlog/);
      const email = uniqueEmail('uitgenodigd');
      const invited = await operator.post(`${base}/thuisinlog/uitnodigen`, { email });
      assert.equal(invited.statusCode, 303, invited.body);
      const mail = await smtp.waitForMessage(email);
      assert.ok(mail.text?.includes(`${child.school.name} nodigt u uit`), mail.text ?? '');
      const link = linksIn(mail).find((l) => l.startsWith('http://leerpoort.test/thuis/activeren/'));
      assert.ok(link, mail.text ?? '');
      const parent = new TestBrowser(app.app);
      const path = new URL(link).pathname;
      await parent.get(path);
      assert.equal((await parent.post(path, { password: GOOD_PASSWORD })).statusCode, 303);
      assert.equal((await linkChild(parent, child, child.pincode)).statusCode, 200);
    });

    await t.test('forgotten password: reset by mail, old password stops working, other sessions end', async () => {
      const email = uniqueEmail('ouder');
      const parent = await newParent(app, smtp, email);
      const { browser } = await parentSignIn(app, email);
      await browser.get('/thuis/wachtwoord-vergeten');
      const asked = await browser.post('/thuis/wachtwoord-vergeten', { email: email.toUpperCase() });
      assert.equal(asked.headers.location, '/thuis/wachtwoord-vergeten?verstuurd=1');
      const path = await linkFromMail(smtp, email, /Nieuw wachtwoord/);
      assert.match(path, /^\/thuis\/nieuw-wachtwoord\//);
      await browser.get(path);
      const newPassword = 'groene kikker springt over de sloot';
      assert.equal((await browser.post(path, { password: newPassword })).statusCode, 303);
      assert.equal((await parentSignIn(app, email, GOOD_PASSWORD)).response.statusCode, 401);
      assert.equal((await parentSignIn(app, email, newPassword)).response.statusCode, 303);
      const stale = await parent.get('/thuis');
      assert.doesNotMatch(stale.body, /Mijn kinderen/, 'the session from before the reset has ended');
    });

    await t.test('no enumeration: known and unknown addresses get the same answer', async () => {
      const known = uniqueEmail('ouder');
      await newParent(app, smtp, known);
      const unknown = uniqueEmail('onbekend');
      const answers = [];
      for (const email of [known, unknown]) {
        const { browser } = await parentSignIn(app, uniqueEmail('x'), 'fout wachtwoord 123');
        await browser.get('/thuis');
        const requested = await browser.post('/thuis/aanvragen', { email });
        const forgot = await browser.post('/thuis/wachtwoord-vergeten', { email });
        const signIn = await parentSignIn(app, email, 'niet het goede wachtwoord');
        answers.push([requested.statusCode, requested.headers.location, forgot.statusCode, forgot.headers.location, signIn.response.statusCode]);
      }
      assert.deepEqual(answers[0], answers[1]);
      assert.match((await smtp.waitForMessage(known)).subject, /Nieuw wachtwoord/, 'the owner of an active home login gets a reset link, not a second account');
      assert.match((await smtp.waitForMessage(unknown)).subject, /thuisinlog/);
    });
  });
}
