/**
 * The teacher's group overview (as the operator until staff login lands): pupils with lock
 * state and unlock, home login toggle, reset codes shown once, login cards as a PDF (embedded
 * DejaVu font, names as text, checked with pdftotext when installed), voiding cards; network
 * settings; ECK iD only as present/missing.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, signInAsOperator, TestBrowser } from '../helpers/app.js';
import { displayName } from '../../src/accounts/pupils/index.js';
import { schoolWithPupils, uniqueDevice, uniqueIpv4 } from '../accounts/pupil-fixtures.js';

function pdftotextAvailable(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-cards-')), 'cards.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

for (const database of testDatabases()) {
  describe(`group overview (${database.name})`, () => {
    test('overview shows lock state; unlock, home login, picture, reset shown once; no ECK iD values', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, scope, group, pupils, roster } = await schoolWithPupils(t, 40);
        const access = t.capabilities.pupilAccess;
        const pupil = pupils[0];
        await access.admin.resetPincode('test', scope, pupil.pupilId);
        const attempt = { schoolId: scope.schoolId, pupilId: pupil.pupilId, deviceId: uniqueDevice('x'), ip: uniqueIpv4(), method: 'pin' as const, value: '0' };
        for (let i = 0; i < 5; i++) await access.login.loginWithCode(attempt);

        const browser = await signInAsOperator(t);
        const list = await browser.get(`/beheer/scholen/${school.id}/groepen`);
        assert.equal(list.statusCode, 200);
        assert.ok(list.body.includes(`/beheer/scholen/${school.id}/groepen/${group.id}`));
        const base = `/beheer/scholen/${school.id}/groepen/${group.id}`;
        const overview = await browser.get(base);
        assert.equal(overview.statusCode, 200);
        assert.match(overview.body, /op slot tot \d\d:\d\d/);
        assert.match(overview.body, /aanwezig|ontbreekt/);
        for (const p of roster.pupils) if (p.eckid) assert.ok(!overview.body.includes(p.eckid), 'no ECK iD value on the page');

        const pupilPath = `${base}/leerlingen/${pupil.pupilId}`;
        assert.equal((await browser.post(`${pupilPath}/ontgrendelen`)).statusCode, 303);
        assert.equal((await access.credential(scope, pupil.pupilId))?.locked_until, null);
        const after = await browser.get(`${base}?gedaan=unlocked`);
        assert.doesNotMatch(after.body, /op slot tot/);
        assert.match(after.body, /De leerling is ontgrendeld/);

        await browser.post(`${pupilPath}/thuisinlog`, { aan: '1' });
        assert.equal((await access.credential(scope, pupil.pupilId))?.home_login, 1);
        await browser.post(`${pupilPath}/plaatje`, { picture: 'olifant' });
        assert.equal((await access.credential(scope, pupil.pupilId))?.picture, 'olifant');
        const badPicture = await browser.post(`${pupilPath}/plaatje`, { picture: 'draak' });
        assert.equal(badPicture.statusCode, 400);
        assert.equal((await access.credential(scope, pupil.pupilId))?.picture, 'olifant', 'bad input changes nothing');

        const shown = await browser.post(`${pupilPath}/plaatjescode`);
        assert.equal(shown.statusCode, 200);
        assert.match(shown.body, /maar één keer getoond/);
        const pinPage = await browser.post(`${pupilPath}/pincode`);
        const pin = /<strong>(\d{5})<\/strong>/.exec(pinPage.body)![1];
        const login = await access.login.loginWithCode({ ...attempt, deviceId: uniqueDevice('y'), value: pin });
        assert.equal(login.result, 'ok', 'the pincode shown once works');

        for (let i = 0; i < 5; i++) await access.login.loginWithCode({ ...attempt, deviceId: uniqueDevice('z') });
        assert.match((await browser.get(base)).body, /op slot tot/);
        t.clock.advance(6);
        assert.doesNotMatch((await browser.get(base)).body, /op slot tot/, 'a lock that ran out is not shown');

        const foreign = await browser.post(`/beheer/scholen/${school.id}/groepen/${group.id}/leerlingen/999999999/ontgrendelen`);
        assert.equal(foreign.statusCode, 404, 'a pupil outside the group cannot be touched');
      } finally {
        await t.close();
      }
    });

    test('login cards PDF for the group; names with diacritics; voiding stops the cards', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, scope, group, pupils } = await schoolWithPupils(t, 40);
        // Names the card must print as written (set on the roster rows the overview reads).
        const special = ['Yılmaz', 'Zoë', 'Nguyễn'];
        for (const [index, nickname] of special.entries()) {
          await t.db.kysely.updateTable('pupils').set({ nickname }).where('school_id', '=', scope.schoolId).where('id', '=', pupils[index].pupilId).execute();
        }
        const browser = await signInAsOperator(t);
        const base = `/beheer/scholen/${school.id}/groepen/${group.id}`;
        await browser.get(base);
        const pdf = await browser.post(`${base}/kaarten`);
        assert.equal(pdf.statusCode, 200);
        assert.equal(pdf.headers['content-type'], 'application/pdf');
        const bytes = pdf.rawPayload;
        assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
        assert.match(bytes.toString('latin1'), /\/FontFile2/, 'a TrueType font is embedded');
        assert.match(bytes.toString('latin1'), /DejaVuSans/);
        const cards = await t.db.kysely.selectFrom('pupil_credentials').select(['pupil_id', 'card_token_hash']).where('school_id', '=', scope.schoolId).execute();
        assert.equal(cards.filter((c) => c.card_token_hash).length, pupils.length, 'every pupil of the group has a card');
        if (pdftotextAvailable()) {
          const text = pdfText(bytes).replace(/\s+/g, ' '); // names may wrap on a card
          for (const name of special) assert.ok(text.includes(name), `${name} is printed as written`);
          assert.ok(text.includes(displayName(pupils[3])), 'other names too');
        }

        assert.equal((await browser.post(`${base}/kaarten/intrekken`)).statusCode, 303);
        const voided = await t.db.kysely.selectFrom('pupil_credentials').select('card_token_hash').where('school_id', '=', scope.schoolId).execute();
        assert.ok(voided.every((c) => c.card_token_hash === null));
      } finally {
        await t.close();
      }
    });

    test("a teacher's groups come from the roster memberships of the staff rows linked to the account", async () => {
      const t = await buildTestApp(database);
      try {
        const { scope } = await schoolWithPupils(t, 40);
        const db = t.db.kysely;
        const membership = await db.selectFrom('staff_groups').select(['staff_id', 'group_id']).where('school_id', '=', scope.schoolId).executeTakeFirstOrThrow();
        const expected = (await db.selectFrom('staff_groups').select('group_id').where('school_id', '=', scope.schoolId).where('staff_id', '=', membership.staff_id).execute()).map((r) => Number(r.group_id));
        const now = new Date().toISOString();
        const account = await db
          .insertInto('staff_accounts')
          .values({ email: `juf-${scope.schoolId}-${Date.now()}@school.test`, display_name: 'Juf', password_hash: null, status: 'active', totp_secret: null, created_at: now, activated_at: now, last_login_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        const accountId = Number(account.id);
        assert.deepEqual(await t.capabilities.pupilAccess.taughtGroupIds(scope, accountId), [], 'no teacher role yet');
        await db
          .insertInto('staff_account_roles')
          .values({ account_id: accountId, role: 'teacher', school_id: scope.schoolId, board_id: null, group_id: null, staff_id: membership.staff_id, source: 'roster', created_by: 'test', created_at: now })
          .execute();
        assert.deepEqual((await t.capabilities.pupilAccess.taughtGroupIds(scope, accountId)).sort(), expected.sort());
        assert.deepEqual(await t.capabilities.pupilAccess.taughtGroupIds({ schoolId: scope.schoolId + 100000 }, accountId), [], 'another school: nothing');
      } finally {
        await t.close();
      }
    });

    test('only people of the school see the overview; network settings validate ranges', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, group } = await schoolWithPupils(t, 8);
        const anonymous = new TestBrowser(t.app);
        const refused = await anonymous.get(`/beheer/scholen/${school.id}/groepen/${group.id}`);
        assert.notEqual(refused.statusCode, 200);
        const browser = await signInAsOperator(t);
        const settings = await browser.get(`/beheer/scholen/${school.id}/netwerk`);
        assert.match(settings.body, /Er zijn geen IP-adressen ingesteld/);
        const bad = await browser.post(`/beheer/scholen/${school.id}/netwerk`, { ranges: '10.0.0.0/33' });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.body, /10\.0\.0\.0\/33/);
        const good = await browser.post(`/beheer/scholen/${school.id}/netwerk`, { ranges: '10.0.0.0/8\n2001:db8::/32' });
        assert.equal(good.statusCode, 200);
        assert.match(good.body, /2001:db8::\/32/);
        const token = await browser.post(`/beheer/scholen/${school.id}/netwerk/sleutel`);
        assert.match(token.body, /lpip_[A-Za-z0-9_-]{20,}/);
      } finally {
        await t.close();
      }
    });
  });
}
