/** `leerpoort boards`, `schools`, `migrate`, `login-link` and usage errors, run as a real process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, uniqueBoardNumber, uniqueSchoolCode } from '../helpers/databases.js';
import { hasStackTrace, runCli, runCliJson } from './run-cli.js';

for (const database of testDatabases()) {
  const cli = { databaseUrl: database.url };

  test(`[${database.name}] migrate brings the schema up to date, and a second run has nothing to do`, async () => {
    const first = await runCli(['migrate'], cli);
    assert.equal(first.code, 0, first.stderr);
    const second = await runCli(['migrate'], cli);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /al bijgewerkt/);
  });

  test(`[${database.name}] boards add and boards list`, async () => {
    const number = uniqueBoardNumber();
    const added = await runCli(['boards', 'add', '--number', number, '--name', 'Stichting  Primair Test'], cli);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, new RegExp(`Bestuur ${number} "Stichting Primair Test" is toegevoegd`));

    const boards = await runCliJson<Array<{ number: string; name: string }>>(['boards', 'list'], cli);
    assert.deepEqual(boards.filter((board) => board.number === number).map((board) => board.name), ['Stichting Primair Test']);

    const again = await runCli(['boards', 'add', '--number', number, '--name', 'Dubbel'], cli);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`Er bestaat al een bestuur met bestuursnummer ${number}`));
    assert.equal(hasStackTrace(again.stderr), false);
  });

  test(`[${database.name}] schools add with address, schools list shows it with its board`, async () => {
    const number = uniqueBoardNumber();
    const { brin, locationCode } = uniqueSchoolCode();
    await runCliJson(['boards', 'add', '--number', number, '--name', 'Stichting Scholen'], cli);
    const school = await runCliJson<{ brin: string; locationCode: string; instellingRef: string; address: { postcode: string } }>(
      ['schools', 'add', '--board', number, '--brin', brin.toLowerCase(), '--dependance', locationCode, '--name', 'OBS De Linde',
        '--street', 'Lindelaan', '--house-number', '4', '--postcode', '1234 ab', '--city', 'Zwolle'],
      cli,
    );
    assert.equal(school.brin, brin);
    assert.equal(school.address.postcode, '1234AB');
    assert.match(school.instellingRef, /^[a-z2-9]{16}$/);

    const listed = await runCliJson<Array<{ brin: string; locationCode: string; name: string; boardNumber: string }>>(['schools', 'list'], cli);
    const row = listed.find((s) => s.brin === brin && s.locationCode === locationCode);
    assert.deepEqual(row && { name: row.name, boardNumber: row.boardNumber }, { name: 'OBS De Linde', boardNumber: number });

    const text = await runCli(['schools', 'list'], cli);
    assert.match(text.stdout, new RegExp(`${brin}${locationCode}\\s+OBS De Linde\\s+${number} Stichting Scholen\\s+Zwolle\\s+ja`));
  });

  test(`[${database.name}] schools add refuses a bad BRIN and an unknown board in Dutch, storing nothing`, async () => {
    const number = uniqueBoardNumber();
    await runCliJson(['boards', 'add', '--number', number, '--name', 'Stichting Fout'], cli);
    const badBrin = await runCli(['schools', 'add', '--board', number, '--brin', '1ABC', '--name', 'Fout'], cli);
    assert.notEqual(badBrin.code, 0);
    assert.match(badBrin.stderr, /De BRIN-code "1ABC" is ongeldig: verwacht twee cijfers en twee hoofdletters/);
    assert.equal(hasStackTrace(badBrin.stderr), false);

    const { brin } = uniqueSchoolCode();
    const noBoard = await runCli(['schools', 'add', '--board', '999999999', '--brin', brin, '--name', 'Wees'], cli);
    assert.notEqual(noBoard.code, 0);
    assert.match(noBoard.stderr, /Er is geen bestuur met bestuursnummer 999999999/);

    const listed = await runCliJson<Array<{ boardNumber: string }>>(['schools', 'list'], cli);
    assert.equal(listed.filter((s) => s.boardNumber === number).length, 0);
  });

  test(`[${database.name}] login-link prints a one-time link under the public URL`, async () => {
    const result = await runCli(['login-link', '--label', 'Testbeheer'], { ...cli, env: { PUBLIC_URL: 'https://leerpoort.example.nl/' } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\s+https:\/\/leerpoort\.example\.nl\/inloggen\/link\/[A-Za-z0-9_-]{43}$/m);
  });
}

test('usage errors and an unreachable database are reported in Dutch with exit code 1', async () => {
  const cli = { databaseUrl: testDatabases()[0].url };
  const missing = await runCli(['boards', 'add', '--name', 'Zonder nummer'], cli);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /De verplichte optie --number <bestuursnummer> ontbreekt\./);

  const unknown = await runCli(['besturen'], cli);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Onbekend commando besturen\./);

  const badId = await runCli(['las-tokens', 'revoke', '--school', '12AB00', '--id', 'abc'], cli);
  assert.equal(badId.code, 1);
  assert.match(badId.stderr, /Ongeldige waarde bij --id <id>: verwacht een positief geheel getal\./);

  const unreachable = await runCli(['boards', 'list'], { databaseUrl: 'postgres://postgres@127.0.0.1:1/leerpoort' });
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /^De database is niet bereikbaar: .*ECONNREFUSED.*\. Controleer DATABASE_URL\.$/m);
  assert.equal(hasStackTrace(unreachable.stderr), false);

  const help = await runCli(['--help'], cli);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /import/);
});
