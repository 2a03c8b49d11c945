/** `leerpoort eck-dekking`: the board agreement, a school's coverage per reason, the daily snapshot. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { writeEdexml } from '../../src/roster/generator/index.js';
import { testDatabases, uniqueBoardNumber, uniqueSchoolCode } from '../helpers/databases.js';
import { runCli, runCliJson, tempDir } from '../cli/run-cli.js';
import { rosterWithStatuses } from './readiness-fixtures.js';

for (const database of testDatabases()) {
  test(`[${database.name}] eck-dekking overeenkomst, school and momentopname`, async () => {
    const cli = { databaseUrl: database.url };
    const number = uniqueBoardNumber();
    const { brin, locationCode } = uniqueSchoolCode();
    await runCliJson(['boards', 'add', '--number', number, '--name', 'Stichting Dekking'], cli);
    await runCliJson(['schools', 'add', '--board', number, '--brin', brin, '--dependance', locationCode, '--name', 'De Dekking'], cli);
    const file = path.join(tempDir(), 'leerlingen.xml');
    fs.writeFileSync(file, writeEdexml(rosterWithStatuses({ brin, locationCode }, 20)));
    const imported = await runCli(['import', 'edexml', file, '--school', brin + locationCode], cli);
    assert.equal(imported.code, 0, imported.stderr + imported.stdout);

    const agreement = await runCli(['eck-dekking', 'overeenkomst', '--bestuur', number, '--getekend', 'nee'], cli);
    assert.equal(agreement.code, 0, agreement.stderr);
    assert.match(agreement.stdout, /Stichting Dekking: overeenkomst met de Nummervoorziening niet getekend\./);
    const shown = await runCli(['eck-dekking', 'school', '--school', brin + locationCode], cli);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^De Dekking: \d+ van 20 leerlingen hebben een ECK iD/);
    assert.match(shown.stdout, /Bestuur heeft geen overeenkomst met de Nummervoorziening/);
    assert.ok(!/ketenid|https?:\/\//.test(shown.stdout), 'no ECK iD in the output');
    const snapshot = await runCli(['eck-dekking', 'momentopname'], cli);
    assert.equal(snapshot.code, 0, snapshot.stderr);
    assert.match(snapshot.stdout, /^Dekking van \d+ school(en)? vastgelegd\./);
    const bad = await runCli(['eck-dekking', 'overeenkomst', '--bestuur', number, '--getekend', 'misschien'], cli);
    assert.notEqual(bad.code, 0);
  });
}
