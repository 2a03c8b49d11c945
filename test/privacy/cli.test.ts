/**
 * The operator's commands, run as the real `leerpoort` binary: agreements set/list/end change
 * what authorizeRelease answers; `ledger verify` passes on an intact chain and, after a row is
 * changed by SQL, exits non-zero naming the first broken entry.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { hasStackTrace, runCli, runCliJson } from '../cli/run-cli.js';
import { isAppError } from '../../src/lib/errors.js';
import type { Agreement } from '../../src/privacy/index.js';
import { dropIsolated, ICT, isolatedDatabase, schoolAndPublisher } from './helpers.js';

for (const database of testDatabases()) {
  describe(`privacy: CLI (${database.name})`, () => {
    let t: TestApp;
    let url: string;
    let own: TestDatabase;
    test('setup', async () => {
      own = await isolatedDatabase(database);
      url = own.url;
      t = await buildTestApp(own);
    });

    test('agreements set, list and end; the release gate follows', async () => {
      const { school, publisher } = await schoolAndPublisher(t);
      await t.capabilities.privacy.consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
      const board = (await t.capabilities.organisations.boardById(school.boardId))!;
      const opts = { databaseUrl: url };

      const set = await runCli(['agreements', 'set', '--board', board.number, '--publisher', publisher.slug, '--profile', 'standard', '--reference', 'VO-2026-17', '--signed-on', '2026-08-01'], opts);
      assert.equal(set.code, 0, set.stderr);
      assert.match(set.stdout, /VO-2026-17 .* loopt; deelprofiel: standaard/);
      assert.deepEqual(await t.capabilities.privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id }), {
        agreementId: (await t.capabilities.privacy.agreements.active({ boardId: board.id }, publisher.id))!.id,
        profile: 'standard',
      });

      const listed = await runCliJson<Agreement[]>(['agreements', 'list', '--board', board.number], opts);
      assert.equal(listed.length, 1);
      assert.equal(listed[0].signedOn, '2026-08-01');
      const table = await runCli(['agreements', 'list'], opts);
      assert.match(table.stdout, new RegExp(`${board.number}\\s+${publisher.slug}\\s+standard\\s+VO-2026-17\\s+2026-08-01\\s+lopend`));

      const wrong = await runCli(['agreements', 'set', '--board', board.number, '--publisher', publisher.slug, '--profile', 'alles'], opts);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /Onbekend deelprofiel "alles"/);
      assert.ok(!hasStackTrace(wrong.stderr));

      const ended = await runCli(['agreements', 'end', '--board', board.number, '--publisher', publisher.slug], opts);
      assert.equal(ended.code, 0, ended.stderr);
      assert.match(ended.stdout, /is beëindigd/);
      await assert.rejects(t.capabilities.privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id }), (e) => isAppError(e) && e.code === 'privacy.no_agreement');
      const again = await runCli(['agreements', 'end', '--board', board.number, '--publisher', publisher.slug], opts);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /Er is geen lopende verwerkersovereenkomst/);
    });

    test('ledger verify: intact, then a tampered row is named and the exit code is non-zero', async () => {
      const { school, publisher, agreement } = await schoolAndPublisher(t, { agreement: 'minimal', consent: true });
      for (let i = 1; i <= 4; i++) {
        await t.capabilities.privacy.ledger.record({ schoolId: school.id, boardId: school.boardId, publisherId: publisher.id, subject: { kind: 'staff', id: i }, attributes: ['pseudonym', 'role', 'brin'], channel: 'saml', recipient: 'https://sp.example/saml', agreementId: agreement!.id });
      }
      const ok = await runCli(['ledger', 'verify'], { databaseUrl: url });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /De verstrekkingenlog is intact: \d+ verstrekkingen/);
      assert.match(ok.stdout, /[0-9a-f]{64}/);

      const row = await t.db.kysely.selectFrom('disclosure_ledger').select('seq').where('school_id', '=', school.id).orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
      await sql`UPDATE disclosure_ledger SET recipient = ${'https://elders.example/saml'} WHERE seq = ${row.seq}`.execute(t.db.kysely);
      const broken = await runCli(['ledger', 'verify'], { databaseUrl: url });
      assert.equal(broken.code, 1);
      assert.match(broken.stderr, new RegExp(`niet intact\\. Eerste afwijking bij volgnummer ${row.seq}:`));
      assert.ok(!hasStackTrace(broken.stderr));
    });

    test('teardown', async () => {
      await t.close();
      await dropIsolated(database, own);
    });
  });
}
