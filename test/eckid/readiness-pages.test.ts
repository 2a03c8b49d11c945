/**
 * What people see: the ECK iD value appears on no page and in no download a school, board or
 * teacher can reach (a crawler follows every link and greps every answer); they see
 * "aanwezig"/"ontbreekt" and the reason. The board admin records the agreement; the LAS status
 * API updates the reasons; a pupil without ECK iD still logs in.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, createTestSchool, signInAsOperator, TestBrowser, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { choosePassword, GOOD_PASSWORD, rosterTeacher, signIn, uniqueEmail } from '../accounts/staff-helpers.js';
import { importFile, rosterWithStatuses } from './readiness-fixtures.js';
import { activateAndSignIn, signedInCoordinator } from '../accounts/substitute-helpers.js';

/**
 * Follows every same-site link (href and src) from the start pages that stays inside `allowed`,
 * and collects every answer (HTML, CSV, SVG, anything) for the caller to grep.
 */
async function crawl(browser: TestBrowser, start: string[], allowed: (path: string) => boolean, limit = 250) {
  const seen = new Set<string>();
  const queue = [...start];
  const answers: { path: string; status: number; type: string; body: string }[] = [];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await browser.get(path);
    answers.push({ path, status: response.statusCode, type: String(response.headers['content-type'] ?? ''), body: response.body });
    for (const match of response.body.matchAll(/(?:href|src)="([^"#]+)/g)) {
      const next = match[1].replace(/&amp;/g, '&');
      if (next.startsWith('/') && !next.startsWith('//') && !seen.has(next) && allowed(next)) queue.push(next);
    }
  }
  return answers;
}

function assertNoEckid(answers: { path: string; body: string }[], eckids: string[]) {
  // The generated ECK iDs end in a long hex part: grep for that too, in case a page shortened the URL.
  const needles = eckids.flatMap((eckid) => [eckid, eckid.slice(-40)]);
  for (const answer of answers) {
    for (const needle of needles) assert.ok(!answer.body.includes(needle), `${answer.path} shows an ECK iD (${needle})`);
  }
}

async function schoolWithStatuses(t: TestApp) {
  const school = await createTestSchool(t.capabilities);
  const roster = rosterWithStatuses(school, 40);
  for (const member of roster.staff) member.email = uniqueEmail(member.key.toLowerCase());
  await importFile(t, school, roster);
  const eckids = [...roster.pupils, ...roster.staff].map((person) => person.eckid).filter((eckid): eckid is string => eckid !== null);
  assert.ok(eckids.length > 10, 'the roster carries ECK iDs');
  return { school, roster, eckids };
}

for (const database of testDatabases()) {
  describe(`ECK iD readiness pages (${database.name})`, () => {
    test('no page or download shows an ECK iD; people see aanwezig/ontbreekt and the reason', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, roster, eckids } = await schoolWithStatuses(t);
        const operator = await signInAsOperator(t);
        const schoolBase = `/beheer/scholen/${school.id}`;
        const boardBase = `/beheer/besturen/${school.boardId}`;
        const answers = await crawl(operator, ['/beheer', schoolBase, `${schoolBase}/eck-id`, `${boardBase}/eck-id`, `${schoolBase}/groepen`],
          (path) => path.startsWith(schoolBase) || path.startsWith(boardBase) || path.startsWith('/beheer/besturen'));
        const paths = answers.map((answer) => answer.path);
        for (const needed of [`${schoolBase}/eck-id/ontbrekend.csv`, `${boardBase}/eck-id/ontbrekend.csv`]) assert.ok(paths.includes(needed), `the crawl reached ${needed}`);
        assert.ok(paths.some((path) => /\/groepen\/\d+$/.test(path)), 'the crawl reached a group overview');
        assert.ok(paths.some((path) => /\/imports\/\d+$/.test(path)), 'the crawl reached an import');
        assert.ok(answers.length > 10, `${answers.length} answers`);
        assertNoEckid(answers, eckids);

        const page = answers.find((answer) => answer.path === `${schoolBase}/eck-id`)!;
        assert.equal(page.status, 200);
        assert.match(page.body, /Aangemeld, niet ingeschreven \(1\)/);
        assert.match(page.body, /DUO meldt een fout: BSN komt niet overeen met de geboortedatum/);
        assert.match(page.body, /<svg[^>]*role="img"/);
        assert.match(page.body, /<caption>Dekking per dag/);
        const csv = answers.find((answer) => answer.path === `${schoolBase}/eck-id/ontbrekend.csv`)!;
        assert.match(csv.type, /^text\/csv/);
        const missing = roster.pupils.filter((pupil) => pupil.eckid === null);
        assert.equal(csv.body.trim().split('\r\n').length, 1 + missing.length, 'a header and one line per pupil without ECK iD');
        assert.match(csv.body, /"aangemeld, niet ingeschreven"/);

        const overview = answers.find((answer) => /\/groepen\/\d+$/.test(answer.path))!;
        assert.match(overview.body, /aanwezig|ECK iD ontbreekt: /);

        // The teacher: her own pages, the group overview with the reason per pupil.
        const scope = { schoolId: school.id };
        await t.capabilities.staffAccounts.members.inviteFromRoster('test', scope);
        const teacher = await rosterTeacher(t, school.id);
        const mail = await t.db.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', teacher.email).executeTakeFirstOrThrow();
        await choosePassword(t, /https?:\/\/[^/\s]+(\/account\/activeren\/[^\s)]+)/.exec(mail.text ?? '')![1]);
        const { browser } = await signIn(t, teacher.email, GOOD_PASSWORD);
        const teacherAnswers = await crawl(browser, ['/account', `${schoolBase}/groepen`, `${schoolBase}/groepen/${teacher.groupId}`],
          (path) => path.startsWith(schoolBase) || path.startsWith('/account') || path.startsWith('/lesmateriaal'));
        assertNoEckid(teacherAnswers, eckids);
        assert.equal((await browser.get(`${schoolBase}/eck-id`)).statusCode, 403, 'the school page is for the ICT-coördinator and the board');
        const reasons = await t.capabilities.eckidReadiness.groupReasonLabels(scope, teacher.groupId);
        const groupPage = teacherAnswers.find((answer) => answer.path === `${schoolBase}/groepen/${teacher.groupId}`)!;
        assert.equal(groupPage.status, 200);
        for (const label of reasons.values()) assert.ok(groupPage.body.includes(`ECK iD ontbreekt: ${label.replace(/'/g, '&#39;')}`), `reason shown: ${label}`);
      } finally {
        await t.close();
      }
    });

    test('board page: the board admin records the agreement; coverage per school; status API changes the reasons', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, roster } = await schoolWithStatuses(t);
        const operator = await signInAsOperator(t);
        const boardPath = `/beheer/besturen/${school.boardId}/eck-id`;
        const page = await operator.get(boardPath);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Overeenkomst bestuur met de Nummervoorziening<\/dt>\s*<dd>onbekend/);
        const saved = await operator.post(`${boardPath}/overeenkomst`, { overeenkomst: 'nee' });
        assert.equal(saved.statusCode, 303);
        const after = await operator.get(`${boardPath}?opgeslagen=1`);
        assert.match(after.body, /Opgeslagen\./);
        assert.match(after.body, /Bestuur heeft geen overeenkomst met de Nummervoorziening \(\d+\)/);
        assert.ok(after.body.includes(`/beheer/scholen/${school.id}/eck-id`), 'links to the school page');
        assert.equal((await operator.post(`${boardPath}/overeenkomst`, { overeenkomst: 'nee' }, { csrf: false })).statusCode, 403, 'CSRF is checked');
        assert.equal((await new TestBrowser(t.app).get(boardPath)).statusCode, 303, 'signed out: to the login page');
        await operator.post(`${boardPath}/overeenkomst`, { overeenkomst: 'ja' });

        // The LAS status channel: one pupil moves from aangemeld to "feedback not fetched".
        const { token } = await t.capabilities.lasTokens.create({ schoolId: school.id }, 'test', 'ParnasSys');
        const target = roster.pupils.filter((pupil) => pupil.eckid === null)[0];
        const push = (payload: unknown, bearer = token) => t.app.inject({
          method: 'POST', url: `/api/v1/schools/${school.instellingRef}/eck-status`, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload),
        });
        const answer = await push({ school: { las_product: 'ParnasSys', eckid_opdracht: 'ja' }, leerlingen: [{ key: target.key, inschrijvingsstatus: 'ingeschreven', bekostigd: 'ja', duo_uitwisseling: 'uitgewisseld' }, { key: 'bestaat-niet' }] });
        assert.equal(answer.statusCode, 200, answer.body);
        const json = answer.json() as { opgeslagen: number; onbekendeLeerlingen: string[]; dekking: { leerlingen: number } };
        assert.equal(json.opgeslagen, 1);
        assert.deepEqual(json.onbekendeLeerlingen, ['bestaat-niet']);
        assert.equal(json.dekking.leerlingen, roster.pupils.length);
        const report = await t.capabilities.eckidReadiness.schoolReadiness(school.id);
        assert.equal(report.coverage.byReason.duo_feedback_not_fetched, 1, 'only the pushed status is left');
        assert.equal((await push({ leerlingen: [{ key: target.key, duo_uitwisseling: 'misschien' }] })).statusCode, 400);
        assert.equal((await push({ leerlingen: [] }, 'lp_las_wrong')).statusCode, 401);
      } finally {
        await t.close();
      }
    });

    test('who sees what: board admin (own board only), ICT-coördinator (own school, not the board)', async () => {
      const t = await buildTestApp(database);
      try {
        const { school } = await schoolWithStatuses(t);
        const other = await createTestSchool(t.capabilities, 'OBS Elders');
        const email = uniqueEmail('bestuur');
        await t.capabilities.staffAccounts.members.addBoardAdmin('test', school.boardId, { email, displayName: 'Bea Bestuur' });
        const boardAdmin = await activateAndSignIn(t, email);
        const account = await boardAdmin.get('/account');
        assert.ok(account.body.includes(`/beheer/besturen/${school.boardId}/eck-id`), 'the account page links to the board page');
        assert.equal((await boardAdmin.get(`/beheer/besturen/${school.boardId}/eck-id`)).statusCode, 200);
        assert.equal((await boardAdmin.get(`/beheer/scholen/${school.id}/eck-id`)).statusCode, 200, 'and to its schools');
        assert.equal((await boardAdmin.post(`/beheer/besturen/${school.boardId}/eck-id/overeenkomst`, { overeenkomst: 'ja' })).statusCode, 303);
        assert.equal((await t.capabilities.eckidReadiness.boardReadiness(school.boardId)).boardFacts.numberServiceAgreement, true);
        assert.equal((await boardAdmin.get(`/beheer/besturen/${other.boardId}/eck-id`)).statusCode, 403, 'another board');
        assert.equal((await boardAdmin.get(`/beheer/scholen/${other.id}/eck-id/ontbrekend.csv`)).statusCode, 403, 'another board\'s school');
        assert.equal((await boardAdmin.post(`/beheer/besturen/${other.boardId}/eck-id/overeenkomst`, { overeenkomst: 'nee' })).statusCode, 403);

        const ict = await signedInCoordinator(t, school);
        assert.equal((await ict.get(`/beheer/scholen/${school.id}/eck-id`)).statusCode, 200);
        assert.equal((await ict.get(`/beheer/scholen/${school.id}/eck-id/ontbrekend.csv`)).statusCode, 200);
        assert.equal((await ict.get(`/beheer/besturen/${school.boardId}/eck-id`)).statusCode, 403, 'the board page is for the board');
        assert.equal((await ict.get(`/beheer/scholen/${other.id}/eck-id`)).statusCode, 403);
      } finally {
        await t.close();
      }
    });

    test('a pupil without an ECK iD logs in with a pincode like any other', async () => {
      const t = await buildTestApp(database);
      try {
        const { school } = await schoolWithStatuses(t);
        const row = await t.db.kysely.selectFrom('pupils').select(['id', 'eckid']).where('school_id', '=', school.id).where('eckid', 'is', null).executeTakeFirstOrThrow();
        const pupilId = Number(row.id);
        const pin = await t.capabilities.pupilAccess.admin.resetPincode('test', { schoolId: school.id }, pupilId);
        const browser = new TestBrowser(t.app);
        const path = `/school/${school.instellingRef}/leerling/${pupilId}`;
        await browser.get(`${path}?met=pincode`);
        const ok = await browser.post(`${path}?met=pincode`, { pincode: pin });
        assert.equal(ok.statusCode, 303, ok.body);
        assert.equal(ok.headers.location, '/leerling');
        const portal = await browser.get('/leerling');
        assert.equal(portal.statusCode, 200);
        assert.match(portal.body, /Hallo /);

        // A pupil with an ECK iD: nothing the pupil can reach shows it either.
        const withEckid = await t.db.kysely.selectFrom('pupils').select(['id', 'eckid']).where('school_id', '=', school.id).where('eckid', 'is not', null).executeTakeFirstOrThrow();
        const pin2 = await t.capabilities.pupilAccess.admin.resetPincode('test', { schoolId: school.id }, Number(withEckid.id));
        const other = new TestBrowser(t.app);
        const path2 = `/school/${school.instellingRef}/leerling/${withEckid.id}`;
        await other.get(`${path2}?met=pincode`);
        assert.equal((await other.post(`${path2}?met=pincode`, { pincode: pin2 })).statusCode, 303);
        const pupilAnswers = await crawl(other, ['/leerling'], (p) => p.startsWith('/leerling') || p.startsWith('/school/'));
        assert.ok(pupilAnswers.some((answer) => answer.path === '/leerling' && answer.status === 200));
        assertNoEckid(pupilAnswers, [withEckid.eckid!]);
      } finally {
        await t.close();
      }
    });
  });
}
