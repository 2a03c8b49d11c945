/**
 * The pupil's way in over HTTP: school search, group, name, picture code tapped one picture at a
 * time, portal, logout back to the school; pincode; wrong codes and the kind lock message;
 * names hidden outside the school network; QR card confirm; the IP tool endpoint.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, TestBrowser } from '../helpers/app.js';
import { displayName } from '../../src/accounts/pupils/index.js';
import { schoolWithPupils } from './pupil-fixtures.js';

const LOCKED = 'Je bent even op slot. Vraag je juf of meester om hulp.';

for (const database of testDatabases()) {
  describe(`pupil login pages (${database.name})`, () => {
    test('search → group → name → picture code → portal → logout', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, scope, group, pupils } = await schoolWithPupils(t, 40);
        const pupil = pupils[0];
        const code = await t.capabilities.pupilAccess.admin.resetPictureCode('test', scope, pupil.pupilId);
        const browser = new TestBrowser(t.app);

        const search = await browser.get(`/scholen/zoeken?q=${encodeURIComponent(school.brin)}`);
        assert.equal(search.statusCode, 200);
        assert.ok(search.body.includes(`/school/${school.instellingRef}`));

        const groups = await browser.get(`/school/${school.instellingRef}`);
        assert.equal(groups.statusCode, 200);
        assert.ok(groups.body.includes(`/school/${school.instellingRef}/groep/${group.id}`));
        assert.ok(browser.hasCookie('leerpoort_apparaat'), 'the device gets its own id');

        const names = await browser.get(`/school/${school.instellingRef}/groep/${group.id}`);
        assert.ok(names.body.includes(displayName(pupil).replace(/'/g, '&#39;')), 'names are listed inside the network');

        const path = `/school/${school.instellingRef}/leerling/${pupil.pupilId}`;
        const grid = await browser.get(path);
        assert.match(grid.body, /aria-label="Kat"/);
        let picks = '';
        for (const [index, pick] of code.entries()) {
          const step = await browser.post(path, { picks, pick });
          if (index < 3) {
            assert.equal(step.statusCode, 200);
            assert.match(step.body, new RegExp(`${index + 1} van 4 plaatjes gekozen`));
            picks = /name="picks" value="([^"]*)"/.exec(step.body)![1];
          } else {
            assert.equal(step.statusCode, 303);
            assert.equal(step.headers.location, '/leerling');
          }
        }
        const portal = await browser.get('/leerling');
        assert.equal(portal.statusCode, 200);
        assert.match(portal.body, /Hallo /);
        const out = await browser.post('/leerling/uitloggen');
        assert.equal(out.statusCode, 303);
        assert.equal(out.headers.location, `/school/${school.instellingRef}`);
        assert.equal((await browser.get('/leerling')).statusCode, 303, 'signed out: sent to a login page');
      } finally {
        await t.close();
      }
    });

    test('pincode; five wrong codes lock with a kind message; names hidden outside the network', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, scope, group, pupils } = await schoolWithPupils(t, 40);
        const pupil = pupils[1];
        const pin = await t.capabilities.pupilAccess.admin.resetPincode('test', scope, pupil.pupilId);
        const browser = new TestBrowser(t.app);
        const path = `/school/${school.instellingRef}/leerling/${pupil.pupilId}`;
        await browser.get(`${path}?met=pincode`);
        const wrongPin = pin === '12345' ? '54321' : '12345';
        for (let i = 0; i < 4; i++) {
          const wrong = await browser.post(`${path}?met=pincode`, { pincode: wrongPin });
          assert.equal(wrong.statusCode, 401);
          assert.match(wrong.body, /Dat was niet goed. Probeer het nog eens./);
        }
        const locked = await browser.post(`${path}?met=pincode`, { pincode: wrongPin });
        assert.equal(locked.statusCode, 423);
        assert.ok(locked.body.includes(LOCKED));
        await t.capabilities.pupilAccess.admin.unlock('test', scope, pupil.pupilId);
        const ok = await browser.post(`${path}?met=pincode`, { pincode: pin });
        assert.equal(ok.statusCode, 303);

        await t.capabilities.pupilAccess.admin.setSchoolRanges('test', scope, '192.0.2.0/24');
        const stranger = new TestBrowser(t.app);
        const outside = await stranger.get(`/school/${school.instellingRef}`);
        assert.equal(outside.statusCode, 403);
        assert.match(outside.body, /Inloggen kan alleen op school/);
        const names = await stranger.get(`/school/${school.instellingRef}/groep/${group.id}`);
        assert.equal(names.statusCode, 403);
        assert.ok(!names.body.includes(displayName(pupil)), 'no names outside the network');
      } finally {
        await t.close();
      }
    });

    test('QR card: the link shows a confirm button and does not log in by itself; the button does', async () => {
      const t = await buildTestApp(database);
      try {
        const { scope, pupils } = await schoolWithPupils(t, 40);
        const [card] = await t.capabilities.pupilAccess.admin.issueCards('test', scope, [pupils[2].pupilId]);
        const browser = new TestBrowser(t.app);
        const confirm = await browser.get(`/kaart/${card.token}`);
        assert.equal(confirm.statusCode, 200);
        assert.match(confirm.body, /Ja, log mij in/);
        assert.equal((await browser.get('/leerling')).statusCode, 303, 'opening the link alone does not log in');
        const done = await browser.post(`/kaart/${card.token}`);
        assert.equal(done.statusCode, 303);
        assert.equal((await browser.get('/leerling')).statusCode, 200);
        const unknown = await new TestBrowser(t.app).get('/kaart/not-a-card');
        assert.equal(unknown.statusCode, 404);
        assert.match(unknown.body, /werkt niet meer/);
      } finally {
        await t.close();
      }
    });

    test('code page and card read school, ranges and pupil together: several ranges, outside refused, other schools’ pupils not found', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, scope, pupils } = await schoolWithPupils(t, 12);
        const other = await schoolWithPupils(t, 4);
        const [pupil, cardPupil] = pupils;
        const code = await t.capabilities.pupilAccess.admin.resetPictureCode('test', scope, pupil.pupilId);
        const [card] = await t.capabilities.pupilAccess.admin.issueCards('test', scope, [cardPupil.pupilId]);
        const path = `/school/${school.instellingRef}/leerling/${pupil.pupilId}`;
        const tapCode = async (browser: TestBrowser) => {
          await browser.get(path);
          return browser.post(path, { picks: code.slice(0, -1).join('-'), pick: code[code.length - 1] });
        };
        // Several ranges, one of them ours (inject's address is 127.0.0.1): one row per range, the same pupil in each.
        await t.capabilities.pupilAccess.admin.setSchoolRanges('test', scope, '192.0.2.0/24, 127.0.0.0/8, 2001:db8::/32');
        const inside = new TestBrowser(t.app);
        assert.match((await inside.get(path)).body, /aria-label="Kat"/);
        assert.equal((await tapCode(inside)).statusCode, 303);
        const cardBrowser = new TestBrowser(t.app);
        await cardBrowser.get(`/kaart/${card.token}`);
        assert.equal((await cardBrowser.post(`/kaart/${card.token}`)).statusCode, 303);
        const elsewhere = await inside.get(`/school/${school.instellingRef}/leerling/${other.pupils[0].pupilId}`);
        assert.equal(elsewhere.statusCode, 404, 'a pupil of another school is not found through this school');
        assert.equal((await inside.get(`/school/${school.instellingRef}/leerling/abc`)).statusCode, 404);
        assert.equal((await inside.get(`/school/${other.school.instellingRef}/leerling/${pupil.pupilId}`)).statusCode, 404);
        assert.equal((await inside.get(`/school/geen-school/leerling/${pupil.pupilId}`)).statusCode, 404);

        await t.capabilities.pupilAccess.admin.setSchoolRanges('test', scope, '192.0.2.0/24, 198.51.100.0/24');
        const outside = new TestBrowser(t.app);
        const page = await outside.get(path);
        assert.equal(page.statusCode, 403);
        assert.match(page.body, /Inloggen kan alleen op school/);
        assert.equal((await outside.get(`/school/${school.instellingRef}/leerling/abc`)).statusCode, 403, 'the network is judged before the id');
        const outsideCard = new TestBrowser(t.app);
        await outsideCard.get(`/kaart/${card.token}`);
        const refused = await outsideCard.post(`/kaart/${card.token}`);
        assert.equal(refused.statusCode, 403);
        assert.match(refused.body, /Inloggen kan alleen op school/);
        await t.capabilities.pupilAccess.admin.setHomeLogin('test', scope, cardPupil.pupilId, true);
        assert.equal((await outsideCard.post(`/kaart/${card.token}`)).statusCode, 303, 'home login allows the card outside');
      } finally {
        await t.close();
      }
    });

    test('IP tool: bearer token sets the address from the request or the ip field', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, scope } = await schoolWithPupils(t, 4);
        const token = await t.capabilities.pupilAccess.admin.newIpToken('test', scope);
        const url = `/api/v1/schools/${school.instellingRef}/ip`;
        const refused = await t.app.inject({ method: 'POST', url, headers: { authorization: 'Bearer wrong' } });
        assert.equal(refused.statusCode, 401);
        const own = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` } });
        assert.equal(own.statusCode, 200, own.body);
        assert.equal(own.json().address, '127.0.0.1/32');
        const given = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: { ip: '2001:db8::7' } });
        assert.equal(given.json().address, '2001:db8::7/128');
        const bad = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: { ip: 'x' } });
        assert.equal(bad.statusCode, 400);
        const ranges = await t.capabilities.pupilAccess.admin.schoolRanges(scope);
        assert.deepEqual(ranges.map((r) => r.cidr), ['2001:db8::7/128'], 'bad input changed nothing');
      } finally {
        await t.close();
      }
    });
  });
}
