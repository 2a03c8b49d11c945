/** `leerpoort las-tokens`: a key is shown once, listed without its secret, and can be revoked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, uniqueBoardNumber, uniqueSchoolCode } from '../helpers/databases.js';
import { runCli, runCliJson } from './run-cli.js';

interface TokenInfo { id: number; label: string; createdBy: string; revokedAt: string | null }

for (const database of testDatabases()) {
  test(`[${database.name}] las-tokens create, list and revoke`, async () => {
    const cli = { databaseUrl: database.url, env: { PUBLIC_URL: 'https://leerpoort.example.nl' } };
    const number = uniqueBoardNumber();
    const { brin, locationCode } = uniqueSchoolCode();
    const code = brin + locationCode;
    await runCliJson(['boards', 'add', '--number', number, '--name', 'Stichting Sleutels'], cli);
    const school = await runCliJson<{ instellingRef: string }>(['schools', 'add', '--board', number, '--brin', brin, '--dependance', locationCode, '--name', 'De Sleutel'], cli);

    const created = await runCli(['las-tokens', 'create', '--school', code, '--label', 'ParnasSys'], cli);
    assert.equal(created.code, 0, created.stderr);
    const token = /^Sleutel: (\S+)$/m.exec(created.stdout)?.[1];
    assert.ok(token && token.length >= 43, created.stdout);
    assert.match(created.stdout, new RegExp(`^Adres:\\s+https://leerpoort\\.example\\.nl/api/v1/schools/${school.instellingRef}/edexml$`, 'm'));

    const listed = await runCli(['las-tokens', 'list', '--school', code], cli);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /ParnasSys/);
    assert.equal(listed.stdout.includes(token), false, 'the secret is shown only once');

    const [info] = await runCliJson<TokenInfo[]>(['las-tokens', 'list', '--school', code], cli);
    assert.equal(info.revokedAt, null);
    assert.match(info.createdBy, /^cli:/);
    const revoked = await runCli(['las-tokens', 'revoke', '--school', code, '--id', String(info.id)], cli);
    assert.equal(revoked.code, 0, revoked.stderr);
    const [after] = await runCliJson<TokenInfo[]>(['las-tokens', 'list', '--school', code], cli);
    assert.notEqual(after.revokedAt, null);
  });
}
