/** `leerpoort publishers`, `products` and `licences`, run as a real process against a real database. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { testDatabases, uniqueBoardNumber, uniqueSchoolCode } from '../helpers/databases.js';
import { hasStackTrace, runCli, runCliJson, tempDir } from './run-cli.js';

for (const database of testDatabases()) {
  const cli = { databaseUrl: database.url };

  test(`[${database.name}] publishers, products and licences from the command line`, async () => {
    const slug = `uitgever-${randomBytes(4).toString('hex')}`;
    const added = await runCli(['publishers', 'add', '--slug', slug, '--name', 'Uitgeverij Test'], cli);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, new RegExp(`Uitgeverij ${slug} "Uitgeverij Test" is toegevoegd`));
    const listed = await runCliJson<Array<{ slug: string; sector: string }>>(['publishers', 'list'], cli);
    assert.equal(listed.find((p) => p.slug === slug)?.sector, slug);

    const dir = tempDir();
    const icon = path.join(dir, 'icoon.svg');
    fs.writeFileSync(icon, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4"/></svg>');
    const product = await runCliJson<{ id: number; tags: string[]; iconUrl: string; protocol: string }>(
      ['products', 'add', '--publisher', slug, '--code', 'rekenrijk', '--name', 'Rekenrijk', '--launch-url', 'https://rekenrijk.example/start', '--protocol', 'oidc', '--tag', 'toetsApplicatie', '--icon-file', icon],
      cli,
    );
    assert.deepEqual(product.tags, ['toetsApplicatie']);
    assert.match(product.iconUrl, /^data:image\/svg\+xml;base64,/);
    const saml = await runCli(['products', 'add', '--publisher', slug, '--code', 'taal', '--name', 'Taal', '--launch-url', 'https://taal.example/', '--protocol', 'saml'], cli);
    assert.equal(saml.code, 1);
    assert.match(saml.stderr, /entityID/);
    assert.equal(hasStackTrace(saml.stderr), false);
    const badTag = await runCli(['products', 'add', '--publisher', slug, '--code', 'x', '--name', 'X', '--launch-url', 'https://x.example/', '--protocol', 'oidc', '--tag', 'docent'], cli);
    assert.equal(badTag.code, 1);
    assert.match(badTag.stderr, /Het label "docent" is onbekend/);
    const products = await runCliJson<Array<{ id: number }>>(['products', 'list', '--publisher', slug], cli);
    assert.deepEqual(products.map((p) => p.id), [product.id]);

    const target = await runCli(['publishers', 'add-target', '--publisher', slug, '--url', 'https://rekenrijk.example/les/'], cli);
    assert.equal(target.code, 0, target.stderr);
    assert.match((await runCli(['publishers', 'targets', '--publisher', slug], cli)).stdout, /https:\/\/rekenrijk\.example\/les\//);

    const number = uniqueBoardNumber();
    const { brin, locationCode } = uniqueSchoolCode();
    await runCliJson(['boards', 'add', '--number', number, '--name', 'Stichting Licenties'], cli);
    await runCliJson(['schools', 'add', '--board', number, '--brin', brin, '--dependance', locationCode, '--name', 'OBS Het Kompas'], cli);
    const school = `${brin}${locationCode}`;
    const granted = await runCli(['licences', 'grant', '--school', school, '--product', `${slug}/rekenrijk`, '--year', '2026-2027'], cli);
    assert.equal(granted.code, 0, granted.stderr);
    assert.match(granted.stdout, /"Rekenrijk" is toegekend aan OBS Het Kompas voor schooljaar 2026-2027/);
    const eck = await runCliJson<{ id: number; created: boolean }>(['licences', 'grant', '--school', school, '--product', String(product.id), '--year', '2026-2027', '--eckid', 'https://ECK-iD.nl/ID/Leerling/abc'], cli);
    assert.equal(eck.created, true);
    const again = await runCli(['licences', 'grant', '--school', school, '--product', String(product.id), '--year', '2026-2027', '--eckid', 'https://ECK-iD.nl/ID/Leerling/abc'], cli);
    assert.match(again.stdout, /bestond al/);
    const nobody = await runCli(['licences', 'grant', '--school', school, '--product', String(product.id), '--staff', 'niemand@example.nl'], cli);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /niet gevonden/);
    const twoHolders = await runCli(['licences', 'grant', '--school', school, '--product', String(product.id), '--pupil', '1', '--eckid', 'x'], cli);
    assert.equal(twoHolders.code, 1);
    assert.match(twoHolders.stderr, /Kies precies één licentiehouder/);

    const list = await runCliJson<Array<{ id: number; schoolYear: string; cancellationDeadline: string; holder: { kind: string } }>>(['licences', 'list', '--school', school], cli);
    assert.equal(list.length, 2);
    assert.ok(list.every((l) => l.schoolYear === '2026-2027' && l.cancellationDeadline === '2027-06-30'));
    const revoked = await runCli(['licences', 'revoke', '--school', school, '--id', String(eck.id)], cli);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match((await runCli(['licences', 'list', '--school', school], cli)).stdout, /ingetrokken/);
    const twice = await runCli(['licences', 'revoke', '--school', school, '--id', String(eck.id)], cli);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /niet gevonden of al ingetrokken/);
  });
}
