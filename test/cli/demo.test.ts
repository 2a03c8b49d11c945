/** `leerpoort demo`: demo data through the real import, idempotent, with files to try an upload. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { postgresSkipReason, testDatabases } from '../helpers/databases.js';
import { runCli, runCliJson, tempDir } from './run-cli.js';

interface Counts { added: number; updated: number; deactivated: number; unchanged: number; moved?: number }
interface Report { status: string; counts: { pupils: Counts; groups: Counts; staff: Counts } }

for (const database of testDatabases()) {
  test(`[${database.name}] demo seeds a board with two imported schools once; running it again adds nothing`, async () => {
    const cwd = tempDir();
    const cli = { databaseUrl: database.url, cwd };
    const first = await runCli(['demo'], cli);
    assert.equal(first.code, 0, first.stderr);
    const second = await runCli(['demo'], cli);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /Demogegevens waren er al \(Stichting Demo Onderwijs\); er is niets toegevoegd\./);

    const schools = await runCliJson<Array<{ brin: string; locationCode: string; boardNumber: string }>>(['schools', 'list'], cli);
    const demoSchools = schools.filter((school) => school.boardNumber === '41234').map((school) => school.brin + school.locationCode);
    assert.deepEqual(demoSchools.sort(), ['99XA00', '99XB00']);

    // The demo files are what was imported: re-importing one changes nothing.
    const files = fs.readdirSync(path.join(cwd, 'data', 'demo')).sort();
    assert.deepEqual(files, ['99XA00-de-regenboog-na-de-herfstvakantie.xml', '99XA00-de-regenboog.xml', '99XB00-het-kompas.xml']);
    const same = await runCliJson<Report>(['import', 'edexml', path.join(cwd, 'data', 'demo', '99XA00-de-regenboog.xml'), '--dry-run'], cli);
    assert.deepEqual(same.counts.pupils, { added: 0, updated: 0, deactivated: 0, unchanged: 212, moved: 0 });
    assert.ok(same.counts.groups.unchanged >= 8);
    assert.ok(same.counts.staff.unchanged > 8);

    // The later export shows every kind of change, small enough not to be held.
    const changed = await runCli(['import', 'edexml', path.join(cwd, 'data', 'demo', '99XA00-de-regenboog-na-de-herfstvakantie.xml'), '--dry-run', '--json'], cli);
    assert.equal(changed.code, 0, changed.stderr);
    const pupils = (JSON.parse(changed.stdout) as Report).counts.pupils;
    assert.equal(pupils.added, 4);
    assert.equal(pupils.deactivated, 6);
    assert.equal(pupils.moved, 2);
    assert.equal(pupils.updated, 3, 'two moved, one surname corrected');
  });
}

test('demo --reset never drops a PostgreSQL database', { skip: postgresSkipReason ?? false }, async () => {
  const result = await runCli(['demo', '--reset'], { databaseUrl: process.env.LEERPOORT_TEST_PG ?? '' });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Opnieuw beginnen met --reset kan alleen met de ingebouwde SQLite-database/);
});

test('demo is refused in production; demo --reset starts the SQLite database over', async () => {
  const cli = { databaseUrl: testDatabases()[0].url, cwd: tempDir() };
  const production = await runCli(['demo'], { ...cli, env: { LEERPOORT_ENV: 'production', COOKIE_SECRET: 'x'.repeat(40), PUPIL_SECRET_KEY: 'y'.repeat(40), SECRET_KEY: 'k'.repeat(40), PSEUDONYM_KEY: 'p'.repeat(40) } });
  assert.equal(production.code, 1);
  assert.match(production.stderr, /Demogegevens horen niet in een productieomgeving/);

  assert.equal((await runCli(['boards', 'add', '--number', '777', '--name', 'Eigen bestuur'], cli)).code, 0);
  const reset = await runCli(['demo', '--reset'], cli);
  assert.equal(reset.code, 0, reset.stderr);
  assert.match(reset.stdout, /gewist/);
  const boards = await runCliJson<Array<{ number: string }>>(['boards', 'list'], cli);
  assert.deepEqual(boards.map((board) => board.number), ['41234']);
});
