/**
 * A SECRET_KEY rotation end to end, as docs/operations.md tells the operator: values of every
 * kind sealed under key A through the real services (TOTP set-up, login cards, an OIDC client,
 * OIDC and SAML key rotations, ECK iD requests); then SECRET_KEY=B with SECRET_KEY_PREVIOUS=A:
 * everything keeps working; `leerpoort secrets reseal` (the real command); then only
 * SECRET_KEY=B: everything still works. A value under a key nobody configured is reported and
 * left alone. The OIDC and SAML signing keys are global rows, so this runs in a database of its
 * own: keys sealed under A must not reach other tests, nor theirs this one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { newTotpSecret, totpCode } from '../../src/accounts/staff/totp.js';
import { startSandbox, type RunningSandbox } from '../../src/eckid/sandbox/index.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import type { ResealReport } from '../../src/db/index.js';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import { buildTestApp, createTestSchool, TestBrowser, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { dropIsolated, isolatedDatabase } from '../privacy/helpers.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { GOOD_PASSWORD, signIn, uniqueEmail } from '../accounts/staff-helpers.js';
import { activateAndSignIn } from '../accounts/substitute-helpers.js';
import { runCli } from './run-cli.js';

const key = (name: string) => `sleutel-${name}-${randomBytes(16).toString('hex')}`;
const OIN = '00000001234567890000';

let sandbox: RunningSandbox;
before(async () => { sandbox = await startSandbox({ key: 'secrets-reseal-test' }); });
after(async () => { await sandbox.close(); });

/** Password, then the code page; true when the code signs in. */
async function signsInWithCode(t: TestApp, email: string, secret: string): Promise<boolean> {
  const { browser, response } = await signIn(t, email, GOOD_PASSWORD);
  assert.equal(response.headers.location, '/inloggen/code');
  await browser.get('/inloggen/code');
  const done = await browser.post('/inloggen/code', { code: totpCode(secret, t.clock.now()) });
  return done.statusCode === 303;
}

/** Scans a card on a fresh device; true when that signs the pupil in. */
async function cardSignsIn(t: TestApp, token: string): Promise<boolean> {
  const device = new TestBrowser(t.app);
  await device.get(`/kaart/${token}`);
  const done = await device.post(`/kaart/${token}`);
  return done.statusCode === 303 && done.headers.location === '/leerling';
}

/** The token endpoint authenticates the client (then refuses the made-up code) or not. */
async function clientAuthenticates(t: TestApp, clientId: string, secret: string): Promise<boolean> {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  const answer = await t.app.inject({
    method: 'POST', url: '/oidc/token',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=authorization_code&code=nep&redirect_uri=https%3A%2F%2Fklik.example%2Fcb&code_verifier=${'a'.repeat(43)}`,
  });
  const error = answer.json().error;
  assert.ok(error === 'invalid_grant' || error === 'invalid_client', error);
  return error === 'invalid_grant';
}

for (const database of testDatabases()) {
  test(`SECRET_KEY rotation: previous key, reseal, new key only (${database.name})`, { timeout: 300_000 }, async (t) => {
    const isolated = await isolatedDatabase(database);
    t.after(() => dropIsolated(database, isolated));
    const [keyA, keyB, keyUnknown] = [key('A'), key('B'), key('onbekend')];
    const common = { STAFF_LOGIN_IP_MAX_FAILURES: '1000000', NUMMERVOORZIENING_URL: sandbox.url, NUMMERVOORZIENING_OIN: OIN, ECKID_HPGN_CONCURRENCY: '2' };
    const cli = (args: string[], env: Record<string, string>) => runCli(['secrets', 'reseal', ...args], { databaseUrl: isolated.url, env });
    const sealedColumns = async (t: TestApp) => JSON.stringify(await Promise.all([
      t.db.kysely.selectFrom('staff_accounts').select(['id', 'totp_secret']).orderBy('id').execute(),
      t.db.kysely.selectFrom('pupil_credentials').select(['pupil_id', 'card_token_sealed']).orderBy('pupil_id').execute(),
      t.db.kysely.selectFrom('oidc_signing_keys').select(['id', 'private_jwk_sealed']).orderBy('id').execute(),
      t.db.kysely.selectFrom('oidc_clients').select(['id', 'secret_sealed']).orderBy('id').execute(),
      t.db.kysely.selectFrom('saml_idp_keys').select(['id', 'private_key_sealed']).orderBy('id').execute(),
      t.db.kysely.selectFrom('eckid_requests').select(['id', 'sealed_pgn', 'sealed_hpgn']).orderBy('id').execute(),
    ]));

    // ---- Under key A: one value of every kind, through the services that use them.
    const a = await buildTestApp(isolated, { ...common, SECRET_KEY: keyA });
    const school = await createTestSchool(a.capabilities, 'Basisschool De Sleutelbos');
    const addCoordinator = async () => {
      const email = uniqueEmail('ict');
      await a.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email, displayName: 'Ida ICT', role: 'schoolAdmin' });
      return { email, browser: await activateAndSignIn(a, email) };
    };
    const totp = await addCoordinator();
    await totp.browser.get('/account');
    await totp.browser.post('/account/tweestapsverificatie');
    const totpSecret = /<code>([A-Z2-7]{32})<\/code>/.exec((await totp.browser.get('/account')).body)![1];
    assert.equal((await totp.browser.post('/account/tweestapsverificatie/bevestigen', { code: totpCode(totpSecret, a.clock.now()) })).statusCode, 303);
    // A plaintext secret from before sealing (migration 008), and one sealed under a key nobody configured.
    const legacy = await addCoordinator();
    const legacySecret = newTotpSecret();
    await a.db.kysely.updateTable('staff_accounts').set({ totp_secret: legacySecret, totp_enabled: 1 }).where('email', '=', legacy.email).execute();
    const untouched = await addCoordinator();
    const untouchedSecret = newTotpSecret();
    await a.db.kysely.updateTable('staff_accounts').set({ totp_secret: untouchedSecret, totp_enabled: 1 }).where('email', '=', untouched.email).execute();
    const lost = await addCoordinator();
    const lostSealed = createSecretBox(keyUnknown).seal(newTotpSecret(), 'staff.totp');
    const { id: lostId } = await a.db.kysely.updateTable('staff_accounts').set({ totp_secret: lostSealed, totp_enabled: 1 }).where('email', '=', lost.email).returning('id').executeTakeFirstOrThrow();

    const pupils = await schoolWithPupils(a, 40);
    const cardPupils = pupils.pupils.slice(0, 2).map((p) => p.pupilId);
    const cards = await a.capabilities.pupilAccess.admin.issueCards('test', pupils.scope, cardPupils);

    const slug = `uitgever-${randomBytes(4).toString('hex')}`;
    await a.capabilities.catalogue.publishers.add('test', { slug, name: 'Uitgeverij Sleutel' });
    const client = await a.capabilities.oidcClients.add('test', { publisherSlug: slug, redirectUris: ['https://klik.example/cb'], profile: 'minimal' });
    await a.capabilities.oidc.keys.jwks();
    await a.capabilities.oidc.keys.rotate('test');
    await a.capabilities.saml.keys.active();
    await a.capabilities.saml.keys.rotate();

    const eckSchool = await createTestSchool(a.capabilities, 'Basisschool Het Nummer');
    await a.capabilities.eckidRequests.setRequestsEnabled({ schoolId: eckSchool.id, boardId: eckSchool.boardId }, true, 'test');
    const roster = generateSchoolRoster({ seed: 91, brin: eckSchool.brin, locationCode: eckSchool.locationCode, pupils: 3, withEckidShare: 0 });
    const withBsn = roster.pupils.filter((pupil) => pupil.bsn).length;
    assert.ok(withBsn > 0);
    await a.capabilities.roster.importEdexml({ content: writeEdexml(roster), fileName: 'export.xml', source: 'upload', actor: 'test', mode: 'apply', schoolId: eckSchool.id });
    assert.equal((await a.capabilities.eckidRequests.progress(eckSchool.id)).waiting, withBsn, 'requests wait with the number sealed (no job workers here)');
    await a.close();

    // ---- SECRET_KEY=B, SECRET_KEY_PREVIOUS=A: servers restarted with both keys keep working.
    const rotating = { ...common, SECRET_KEY: keyB, SECRET_KEY_PREVIOUS: keyA };
    const b = await buildTestApp(isolated, rotating);
    try {
      b.clock.advance(2);
      assert.ok(await signsInWithCode(b, totp.email, totpSecret), 'TOTP sealed under A');
      assert.ok(await signsInWithCode(b, legacy.email, legacySecret), 'plaintext TOTP (sealed now, under B)');
      const reprinted = await b.capabilities.pupilAccess.admin.reprintCards('test', pupils.scope, cardPupils);
      assert.deepEqual(reprinted, { cards, needReissue: [] }, 'card copies sealed under A reprint');
      assert.ok(await cardSignsIn(b, cards[0].token));
      assert.ok(await clientAuthenticates(b, client.clientId, client.clientSecret), 'client secret sealed under A');
      assert.equal(((await b.app.inject({ url: '/oidc/jwks' })).json().keys as unknown[]).length, 2, 'both OIDC keys open');
      assert.match((await b.capabilities.saml.keys.active()).privateKeyPem, /BEGIN PRIVATE KEY/);
      // New values are sealed under B already.
      const [third] = await b.capabilities.pupilAccess.admin.issueCards('test', pupils.scope, [pupils.pupils[2].pupilId]);
      cardPupils.push(third.pupilId);
      cards.push(third);

      const before = await sealedColumns(b);
      const dry = await cli(['--dry-run', '--json'], rotating);
      assert.equal(dry.code, 4, dry.stderr);
      const dryReport = JSON.parse(dry.stdout) as ResealReport & { error: string };
      assert.equal(dryReport.error, 'secrets.unreadable_values');
      assert.equal(await sealedColumns(b), before, '--dry-run changes nothing');
      const counts = (report: ResealReport) => Object.fromEntries(report.kinds.map((k) => [k.kind, [k.current, k.resealed, k.sealedPlaintext, k.unreadable]]));
      // [already current, under previous, plaintext, unreadable]: one legacy TOTP was sealed under B when it signed in.
      const expected = {
        'staff.totp': [1, 1, 1, 1], 'pupils.card': [1, 2, 0, 0], 'oidc.signing-key': [0, 2, 0, 0], 'oidc.client-secret': [0, 1, 0, 0],
        'saml.idp-signing-key': [0, 2, 0, 0], 'eckid.pgn': [0, withBsn, 0, 0], 'eckid.hpgn': [0, 0, 0, 0],
      };
      assert.deepEqual(counts(dryReport), expected);

      const text = await cli([], rotating);
      assert.equal(text.code, 4, text.stderr);
      assert.match(text.stdout, /opnieuw versleuteld/);
      assert.match(text.stdout, /TOTP-geheimen van medewerkers\s+1\s+1\s+1\s+0\s+1/);
      assert.match(text.stdout, new RegExp(`staff\\.totp\\s+staff_accounts\\s+${lostId}`), 'the unreadable value is listed');
      assert.match(text.stderr, /Er gaan 1 versleutelde waarde\(n\) met geen van de ingestelde sleutels .* open\. Die zijn niet veranderd.*\(foutcode secrets\.unreadable_values\)/);

      const again = await cli(['--json'], rotating);
      assert.equal(again.code, 4);
      const current = Object.fromEntries(Object.entries(expected).map(([kind, [c, r, p, u]]) => [kind, [c + r + p, 0, 0, u]]));
      assert.deepEqual(counts(JSON.parse(again.stdout) as ResealReport), current, 'a second run has nothing left to do');
      const audit = await b.db.kysely.selectFrom('audit_log').select('details').where('action', '=', 'secrets.resealed').execute();
      assert.equal(audit.length, 2, 'each real run is audited, the dry run is not');

      // Servers still running with both keys are unaffected by the reseal.
      b.clock.advance(1);
      assert.ok(await signsInWithCode(b, totp.email, totpSecret));
      assert.ok(await clientAuthenticates(b, client.clientId, client.clientSecret));
    } finally {
      await b.close();
    }

    // ---- Only SECRET_KEY=B: everything opens without the previous key.
    const c = await buildTestApp(isolated, { ...common, SECRET_KEY: keyB, JOB_WORKERS: 'on' });
    try {
      c.clock.advance(4);
      assert.ok(await signsInWithCode(c, totp.email, totpSecret));
      assert.ok(await signsInWithCode(c, legacy.email, legacySecret));
      assert.ok(await signsInWithCode(c, untouched.email, untouchedSecret), 'the plaintext secret the reseal sealed');
      const stored = await c.db.kysely.selectFrom('staff_accounts').select('totp_secret').where('email', '=', untouched.email).executeTakeFirstOrThrow();
      assert.match(stored.totp_secret!, /^sb1\./);
      assert.deepEqual(await c.capabilities.pupilAccess.admin.reprintCards('test', pupils.scope, cardPupils), { cards, needReissue: [] });
      for (const card of cards) assert.ok(await cardSignsIn(c, card.token));
      assert.ok(await clientAuthenticates(c, client.clientId, client.clientSecret));
      assert.ok(!(await clientAuthenticates(c, client.clientId, 'fout')));
      assert.equal(((await c.app.inject({ url: '/oidc/jwks' })).json().keys as unknown[]).length, 2);
      assert.match((await c.capabilities.saml.keys.active()).privateKeyPem, /BEGIN PRIVATE KEY/);
      const unchanged = await c.db.kysely.selectFrom('staff_accounts').select('totp_secret').where('id', '=', lostId).executeTakeFirstOrThrow();
      assert.equal(unchanged.totp_secret, lostSealed, 'the unreadable value was left alone');
      // The job workers open the re-sealed numbers and get each pupil an ECK iD.
      const deadline = Date.now() + 120_000;
      while ((await c.capabilities.eckidRequests.progress(eckSchool.id)).done < withBsn) {
        assert.ok(Date.now() < deadline, 'ECK iD requests finished in time');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal((await c.capabilities.eckidRequests.progress(eckSchool.id)).failed, 0);
    } finally {
      await c.close();
    }
  });
}
