/**
 * The LAS push endpoint: `POST /api/v1/schools/{instellingRef}/edexml` with a per-school
 * bearer token. Unauthenticated, wrong-school and revoked tokens get 401 before anything is
 * read; a valid push applies (200), is held by the guard (202) or refused (422); oversize
 * bodies get 413. Answers are problem+json for errors and never carry the change list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, createTestSchool, type TestApp } from '../helpers/app.js';
import type { School } from '../../src/organisations/index.js';
import { fileOf, rosterFor, withoutLastPupils } from './edexml-files.js';

function push(t: TestApp, school: Pick<School, 'instellingRef'>, body: Buffer | string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/schools/${school.instellingRef}/edexml`,
    headers: { 'content-type': 'application/xml', ...headers },
    payload: body,
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function assertProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
  assert.equal(response.statusCode, status);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const problem = response.json() as { status: number; code: string; detail: string; title: string; type: string };
  assert.equal(problem.status, status);
  assert.equal(problem.code, code);
  assert.ok(problem.detail.length > 0 && problem.title.length > 0 && problem.type.endsWith(code));
  return problem;
}

for (const database of testDatabases()) {
  describe(`[${database.name}] LAS push endpoint`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(database);
    });
    after(() => t.close());

    test('without a valid token: 401 problem+json, nothing read', async () => {
      const school = await createTestSchool(t.capabilities);
      const other = await createTestSchool(t.capabilities);
      const file = fileOf(rosterFor(school));
      const { token: otherToken } = await t.capabilities.lasTokens.create({ schoolId: other.id }, 'test', 'Ander LAS');

      const none = await push(t, school, file);
      assertProblem(none, 401, 'roster.token_invalid');
      assert.match(String(none.headers['www-authenticate']), /^Bearer/);
      assertProblem(await push(t, school, file, { authorization: 'Basic dXNlcjpwYXNz' }), 401, 'roster.token_invalid');
      assertProblem(await push(t, school, file, bearer('lp_las_verkeerd')), 401, 'roster.token_invalid');
      assertProblem(await push(t, school, file, bearer(otherToken)), 401, 'roster.token_invalid');

      const { token, info } = await t.capabilities.lasTokens.create({ schoolId: school.id }, 'test', 'ParnasSys');
      await t.capabilities.lasTokens.revoke({ schoolId: school.id }, info.id, 'test');
      assertProblem(await push(t, school, file, bearer(token)), 401, 'roster.token_invalid');
      assert.equal((await t.capabilities.roster.listImports({ schoolId: school.id })).length, 0, 'nothing was imported or logged');
    });

    test('a valid push is applied (200); a truncated export is held (202); a broken one refused (422)', async () => {
      const school = await createTestSchool(t.capabilities);
      const roster = rosterFor(school, { pupils: 20 });
      const { token } = await t.capabilities.lasTokens.create({ schoolId: school.id }, 'test', 'ParnasSys');

      const applied = await push(t, school, fileOf(roster), bearer(token));
      assert.equal(applied.statusCode, 200, applied.body);
      const summary = applied.json() as Record<string, unknown> & { status: string; importId: number; counts: { pupils: { added: number } } };
      assert.equal(summary.status, 'applied');
      assert.equal(summary.counts.pupils.added, 20);
      assert.equal('changes' in summary, false, 'the per-person change list is not sent');
      assert.equal(applied.body.includes(roster.pupils[0].lastName ?? '\u0000'), false, 'no names in the answer');
      assert.equal((await t.capabilities.roster.rosterOverview({ schoolId: school.id })).activePupils, 20);
      const [logged] = await t.capabilities.roster.listImports({ schoolId: school.id });
      assert.equal(logged.source, 'push');
      assert.match(logged.actor, /^las-token:\d+$/);
      const [info] = await t.capabilities.lasTokens.list({ schoolId: school.id });
      assert.notEqual(info.lastUsedAt, null);

      const again = await push(t, school, fileOf(roster), bearer(token));
      assert.equal(again.statusCode, 200);
      assert.equal((again.json() as typeof summary).counts.pupils.added, 0, 'the same file twice changes nothing');

      const held = await push(t, school, fileOf(withoutLastPupils(roster, 15)), bearer(token));
      assert.equal(held.statusCode, 202, held.body);
      const heldSummary = held.json() as { status: string; guard: { tripped: boolean; wouldDeactivate: number } };
      assert.equal(heldSummary.status, 'held');
      assert.deepEqual([heldSummary.guard.tripped, heldSummary.guard.wouldDeactivate], [true, 15]);
      assert.equal((await t.capabilities.roster.rosterOverview({ schoolId: school.id })).activePupils, 20, 'held, not applied');

      const broken = fileOf(roster).toString('utf8').replace(/<brincode>[^<]*<\/brincode>/, '<brincode>XX</brincode>');
      const refused = await push(t, school, broken, bearer(token));
      const problem = assertProblem(refused, 422, 'roster.file_refused') as unknown as { errors: Array<{ code: string; message: string; line: number }>; importId: number };
      assert.ok(problem.errors.length > 0);
      assert.ok(problem.errors.every((error) => error.code && error.message));
      assert.equal(typeof problem.importId, 'number');
    });

    test('a file for another school is refused (422) with the mismatch message', async () => {
      const school = await createTestSchool(t.capabilities);
      const other = await createTestSchool(t.capabilities);
      const { token } = await t.capabilities.lasTokens.create({ schoolId: school.id }, 'test', 'ESIS');
      const response = await push(t, school, fileOf(rosterFor(other)), bearer(token));
      const problem = assertProblem(response, 422, 'roster.file_refused') as unknown as { errors: Array<{ code: string; message: string }> };
      assert.equal(problem.errors[0].code, 'roster.school_mismatch');
      assert.ok(problem.errors[0].message.includes(`${other.brin}${other.locationCode}`));
      assert.equal((await t.capabilities.roster.rosterOverview({ schoolId: other.id })).activePupils, 0);
    });

    test('content types: text/xml and octet-stream are accepted, others get 415', async () => {
      const school = await createTestSchool(t.capabilities);
      const { token } = await t.capabilities.lasTokens.create({ schoolId: school.id }, 'test', 'Dotcom');
      const file = fileOf(rosterFor(school, { pupils: 5 }));
      assert.equal((await push(t, school, file, { ...bearer(token), 'content-type': 'text/xml; charset=utf-8' })).statusCode, 200);
      assert.equal((await push(t, school, file, { ...bearer(token), 'content-type': 'application/octet-stream' })).statusCode, 200);
      assertProblem(await push(t, school, '{"a":1}', { ...bearer(token), 'content-type': 'application/json' }), 415, 'request.unsupported_media_type');
      assertProblem(await push(t, school, 'a=1', { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' }), 415, 'request.unsupported_media_type');
      assertProblem(await push(t, school, '', bearer(token)), 400, 'request.invalid');
    });

    test('a body over the size limit gets 413 request.too_large', async () => {
      const small = await buildTestApp(database, { IMPORT_MAX_BYTES: '4096' });
      try {
        const school = await createTestSchool(small.capabilities);
        const { token } = await small.capabilities.lasTokens.create({ schoolId: school.id }, 'test', 'Topicus');
        const file = fileOf(rosterFor(school, { pupils: 30 }));
        assert.ok(file.length > 4096);
        const response = await push(small, school, file, bearer(token));
        const problem = assertProblem(response, 413, 'request.too_large');
        assert.match(problem.detail, /4 kB/);
        assert.equal((await small.capabilities.roster.listImports({ schoolId: school.id })).length, 0);
      } finally {
        await small.close();
      }
    });
  });
}
