/**
 * Registering publishers' OIDC clients: `leerpoort clients add --json` / `clients list` as a
 * real process, `leerpoort keys`, and the operator page /beheer/oidc-clients. The printed
 * secret works at the token endpoint; it is stored sealed, never in the clear.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buildTestApp, signInAsOperator, TestBrowser } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { runCli, runCliJson } from '../cli/run-cli.js';

for (const database of testDatabases()) {
  test(`OIDC clients and keys from the command line (${database.name})`, async () => {
    const cli = { databaseUrl: database.url, env: { PUBLIC_URL: 'https://leerpoort.example' } };
    const slug = `uitgever-${randomBytes(4).toString('hex')}`;
    assert.equal((await runCli(['publishers', 'add', '--slug', slug, '--name', 'Uitgeverij Klik'], cli)).code, 0);

    const created = await runCliJson<{ client_id: string; client_secret: string; issuer: string }>(
      ['clients', 'add', '--publisher', slug, '--redirect-uri', 'https://klik.example/cb', '--redirect-uri', 'https://klik.example/cb2', '--profile', 'standard', '--backchannel-logout-uri', 'https://klik.example/bcl'],
      cli,
    );
    assert.match(created.client_id, new RegExp(`^${slug}-[0-9a-f]{12}$`));
    assert.ok(created.client_secret.length >= 40);
    assert.equal(created.issuer, 'https://leerpoort.example/oidc');

    const listed = await runCliJson<Array<{ clientId: string; redirectUris: string[]; profile: string }>>(['clients', 'list'], cli);
    const mine = listed.find((c) => c.clientId === created.client_id);
    assert.deepEqual(mine?.redirectUris, ['https://klik.example/cb', 'https://klik.example/cb2']);
    assert.equal(mine?.profile, 'standard');
    assert.ok(!JSON.stringify(listed).includes(created.client_secret), 'list shows no secrets');

    const text = await runCli(['clients', 'add', '--publisher', slug, '--redirect-uri', 'https://klik.example/x', '--profile', 'minimal'], cli);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /client_id: +\S+/);
    assert.match(text.stdout, /client_secret: +\S+/);

    const twoHosts = await runCli(['clients', 'add', '--publisher', slug, '--redirect-uri', 'https://a.example/cb', '--redirect-uri', 'https://b.example/cb', '--profile', 'minimal'], cli);
    assert.equal(twoHosts.code, 1);
    assert.match(twoHosts.stderr, /dezelfde host/);
    const badProfile = await runCli(['clients', 'add', '--publisher', slug, '--redirect-uri', 'https://a.example/cb', '--profile', 'alles'], cli);
    assert.equal(badProfile.code, 1);
    assert.match(badProfile.stderr, /Het profiel "alles" is onbekend/);

    const keys = await runCliJson<Array<{ kid: string; status: string }>>(['keys', 'list'], cli);
    assert.ok(keys.some((k) => k.status === 'active'));

    const t = await buildTestApp(database);
    try {
      const row = await t.db.kysely.selectFrom('oidc_clients').select(['secret_sealed']).where('client_id', '=', created.client_id).executeTakeFirstOrThrow();
      assert.ok(!row.secret_sealed.includes(created.client_secret), 'the secret is stored sealed');
      // The secret works at the token endpoint: client authentication passes, the (made-up) code does not.
      const basic = Buffer.from(`${encodeURIComponent(created.client_id)}:${encodeURIComponent(created.client_secret)}`).toString('base64');
      const token = await t.app.inject({ method: 'POST', url: '/oidc/token', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=authorization_code&code=nep&redirect_uri=https%3A%2F%2Fklik.example%2Fcb&code_verifier=' + 'a'.repeat(43) });
      assert.equal(token.json().error, 'invalid_grant');
      const wrong = await t.app.inject({ method: 'POST', url: '/oidc/token', headers: { authorization: `Basic ${Buffer.from(`${created.client_id}:fout`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=authorization_code&code=nep' });
      assert.equal(wrong.json().error, 'invalid_client');
    } finally {
      await t.close();
    }
  });

  test(`OIDC clients on the operator page (${database.name})`, async () => {
    const t = await buildTestApp(database);
    try {
      const slug = `uitgever-${randomBytes(4).toString('hex')}`;
      await t.capabilities.catalogue.publishers.add('test', { slug, name: 'Uitgeverij Pagina' });
      const anonymous = await new TestBrowser(t.app).get('/beheer/oidc-clients');
      assert.equal(anonymous.statusCode, 303, 'not signed in: to the login');
      assert.match(String(anonymous.headers.location), /^\/inloggen/);
      const operator = await signInAsOperator(t);
      const page = await operator.get('/beheer/oidc-clients');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<label for="client-redirectUris">/);

      const bad = await operator.post('/beheer/oidc-clients', { publisher: slug, redirectUris: 'ftp://x.example/cb', profile: 'minimal' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /is ongeldig/);
      assert.match(bad.body, /ftp:\/\/x.example\/cb/, 'input is kept');

      const done = await operator.post('/beheer/oidc-clients', { publisher: slug, redirectUris: 'https://pagina.example/cb\nhttps://pagina.example/cb2', postLogoutRedirectUris: 'https://pagina.example/uit', profile: 'with_eck' });
      assert.equal(done.statusCode, 201);
      const clientId = new RegExp(`<code>(${slug}-[0-9a-f]{12})</code>`).exec(done.body)?.[1];
      assert.ok(clientId);
      const listed = await operator.get('/beheer/oidc-clients');
      assert.match(listed.body, new RegExp(clientId));
      const forged = await operator.post('/beheer/oidc-clients', { publisher: slug, redirectUris: 'https://pagina.example/cb', profile: 'minimal' }, { csrf: false });
      assert.equal(forged.statusCode, 403, 'CSRF is checked');
    } finally {
      await t.close();
    }
  });
}
