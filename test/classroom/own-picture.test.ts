/**
 * A pupil picks her own leerlingplaatje on /leerling/plaatje (keyboard: one button per picture,
 * named by the picture); the teacher can still set it on the group overview afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PICTURES } from '../../src/accounts/pupils/index.js';
import { buildTestApp, signInAsOperator, TestBrowser } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';

for (const database of testDatabases()) {
  test(`a pupil picks her own leerlingplaatje (${database.name})`, async (t) => {
    const app = await buildTestApp(database);
    t.after(() => app.close());
    const { school, scope, group, pupils } = await schoolWithPupils(app, 12);
    const pupil = pupils[0];
    const pin = await app.capabilities.pupilAccess.admin.resetPincode('test', scope, pupil.pupilId);
    const browser = new TestBrowser(app.app);
    assert.equal((await browser.get('/leerling/plaatje')).statusCode, 303, 'signed out: to a login page');
    const loginPath = `/school/${school.instellingRef}/leerling/${pupil.pupilId}?met=pincode`;
    await browser.get(loginPath);
    assert.equal((await browser.post(loginPath, { pincode: pin })).headers.location, '/leerling');

    const page = await browser.get('/leerling/plaatje');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="nl"/);
    assert.match(page.body, /<h1>Kies je plaatje<\/h1>/);
    const buttons = [...page.body.matchAll(/<button type="submit" name="picture" value="([a-z]+)"[^>]*aria-pressed="(true|false)"[^>]*><img src="\/assets\/pictures\/\1\.svg" alt="([^"]+)"/g)];
    assert.equal(buttons.length, PICTURES.length, 'every shipped picture is a button with its name as alt text');
    const current = app.capabilities.pupilAccess.admin.defaultPicture(pupil.pupilId);
    assert.deepEqual(buttons.filter((b) => b[2] === 'true').map((b) => b[1]), [current], 'the current picture is marked pressed');
    const choice = PICTURES.find((p) => p.id !== current)!;

    assert.equal((await browser.post('/leerling/plaatje', { picture: choice.id }, { csrf: false })).statusCode, 403, 'CSRF token required');
    assert.equal((await browser.post('/leerling/plaatje', { picture: 'draak' })).statusCode, 400, 'only shipped pictures');
    const chosen = await browser.post('/leerling/plaatje', { picture: choice.id });
    assert.equal(chosen.statusCode, 303);
    assert.equal(chosen.headers.location, '/leerling/plaatje?gekozen=1');
    const after = await browser.get('/leerling/plaatje?gekozen=1');
    assert.match(after.body, new RegExp(`Gelukt! Je plaatje is nu: ${choice.name}`));
    assert.match(after.body, new RegExp(`value="${choice.id}" class="tile current" aria-pressed="true"`));
    assert.equal((await app.capabilities.pupilAccess.credential(scope, pupil.pupilId))?.picture, choice.id);
    const names = await new TestBrowser(app.app).get(`/school/${school.instellingRef}/groep/${group.id}`);
    assert.match(names.body, new RegExp(`/assets/pictures/${choice.id}\\.svg`), 'the login page shows the new picture');
    const audit = await app.db.kysely.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'pupil.picture.set').where('school_id', '=', school.id).execute();
    assert.deepEqual(audit.map((a) => a.actor), [`pupil:${pupil.pupilId}`]);

    // The teacher (here the operator on the group overview) can still set it.
    const operator = await signInAsOperator(app);
    await operator.get(`/beheer/scholen/${school.id}/groepen/${group.id}`);
    const set = await operator.post(`/beheer/scholen/${school.id}/groepen/${group.id}/leerlingen/${pupil.pupilId}/plaatje`, { picture: 'olifant' });
    assert.equal(set.statusCode, 303);
    assert.match((await browser.get('/leerling/plaatje')).body, /Je plaatje is nu: Olifant/);
    assert.equal((await operator.get('/leerling/plaatje')).statusCode, 403, 'the page is for pupils');
  });
}
