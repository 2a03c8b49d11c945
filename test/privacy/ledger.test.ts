/**
 * The disclosure ledger: one hash chain under concurrent records (one instance, two instances
 * with their own connection pools, two appenders that each find the head moved by the other), `verify` finds a row changed or removed by SQL,
 * names only (never values) go in, and the CSV export shows a school or board only its part.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { testDatabases, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import type { DisclosureInput, VerifyResult } from '../../src/privacy/index.js';
import { isAppError } from '../../src/lib/errors.js';
import { createLedgerAppender } from '../../src/privacy/ledger/appender.js';
import { lockedAppender } from '../../src/privacy/ledger/append-locked.js';
import { toUnchained } from '../../src/privacy/ledger/record.js';
import { dropIsolated, isolatedDatabase, schoolAndPublisher } from './helpers.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';

const execFileAsync = promisify(execFile);
const WORKER = fileURLToPath(new URL('./record-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function released(t: TestApp, subjectId = 1) {
  const { school, publisher, agreement } = await schoolAndPublisher(t, { agreement: 'standard', consent: true });
  const input = (id = subjectId): DisclosureInput => ({
    schoolId: school.id,
    boardId: school.boardId,
    publisherId: publisher.id,
    subject: { kind: 'pupil', id },
    attributes: ['pseudonym', 'role', 'brin', 'givenName'],
    channel: 'oidc',
    recipient: `client-${publisher.slug}`,
    agreementId: agreement!.id,
  });
  return { school, publisher, agreement: agreement!, input };
}

function assertOk(result: VerifyResult): asserts result is Extract<VerifyResult, { ok: true }> {
  assert.ok(result.ok, JSON.stringify(result));
}

for (const database of testDatabases()) {
  describe(`privacy: disclosure ledger (${database.name})`, () => {
    let t: TestApp;
    let own: TestDatabase;
    test('setup', async () => {
      // Its own database: these tests break the chain on purpose and count entries exactly.
      own = await isolatedDatabase(database);
      t = await buildTestApp(own);
    });

    test('200 parallel records form one unbroken chain', async () => {
      const { input, school } = await released(t);
      const before = await t.capabilities.privacy.ledger.verify();
      assertOk(before);
      await Promise.all(Array.from({ length: 200 }, (_, i) => t.capabilities.privacy.ledger.record(input(i + 1))));
      const after = await t.capabilities.privacy.ledger.verify();
      assertOk(after);
      assert.equal(after.entries, before.entries + 200);
      const mine = await t.db.kysely.selectFrom('disclosure_ledger').select(sql<number>`count(*)`.as('n')).where('school_id', '=', school.id).executeTakeFirstOrThrow();
      assert.equal(Number(mine.n), 200);
    });

    test('two more app instances (own processes and connections) recording at once still form one chain', async () => {
      const { input, school } = await released(t);
      const before = await t.capabilities.privacy.ledger.verify();
      assertOk(before);
      const worker = (count: number) => execFileAsync(process.execPath, ['--import', 'tsx', WORKER, own.url, String(count), JSON.stringify(input())], { cwd: ROOT });
      const [a, b] = await Promise.all([worker(150), worker(150), Promise.all(Array.from({ length: 100 }, (_, i) => t.capabilities.privacy.ledger.record(input(i + 1))))]);
      assert.equal(a.stdout.trim(), 'ok 150');
      assert.equal(b.stdout.trim(), 'ok 150');
      const after = await t.capabilities.privacy.ledger.verify();
      assertOk(after);
      assert.equal(after.entries, before.entries + 400);
      const mine = await t.db.kysely.selectFrom('disclosure_ledger').select(sql<number>`count(*)`.as('n')).where('school_id', '=', school.id).executeTakeFirstOrThrow();
      assert.equal(Number(mine.n), 400);
    });

    test('two appenders taking turns (each finds the head moved by the other every time) still form one chain', async () => {
      const { input } = await released(t);
      const before = await t.capabilities.privacy.ledger.verify();
      assertOk(before);
      const [a, b] = [createLedgerAppender(t.db.kysely), createLedgerAppender(t.db.kysely)];
      for (let i = 0; i < 10; i++) {
        await a.append(toUnchained(input(500 + i), new Date().toISOString()));
        await b.append(toUnchained(input(600 + i), new Date().toISOString()));
      }
      await Promise.all([...Array.from({ length: 20 }, (_, i) => a.append(toUnchained(input(700 + i), new Date().toISOString()))), ...Array.from({ length: 20 }, (_, i) => b.append(toUnchained(input(800 + i), new Date().toISOString())))]);
      const after = await t.capabilities.privacy.ledger.verify();
      assertOk(after);
      assert.equal(after.entries, before.entries + 60);
    });

    test('the locked transaction (SQLite\'s way, PostgreSQL\'s fallback) appends a batch in order', async () => {
      const { input } = await released(t);
      const before = await t.capabilities.privacy.ledger.verify();
      assertOk(before);
      const head = await lockedAppender(t.db.kysely)([1, 2, 3].map((i) => toUnchained(input(900 + i), new Date().toISOString())));
      const after = await t.capabilities.privacy.ledger.verify();
      assertOk(after);
      assert.equal(after.entries, before.entries + 3);
      assert.equal(head.hash, after.headHash);
    });

    test('a record made while a transaction is open elsewhere on the database is kept when that transaction rolls back', async () => {
      // On SQLite there is one connection: the record must wait for the transaction, not join it.
      const { input } = await released(t);
      const before = await t.capabilities.privacy.ledger.verify();
      assertOk(before);
      let recorded: Promise<void> | undefined;
      await assert.rejects(
        t.db.kysely.transaction().execute(async (trx) => {
          await trx.updateTable('disclosure_ledger_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).execute();
          recorded = t.capabilities.privacy.ledger.record(input(950));
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('rolled back on purpose');
        }),
        /on purpose/,
      );
      await recorded;
      const after = await t.capabilities.privacy.ledger.verify();
      assertOk(after);
      assert.equal(after.entries, before.entries + 1);
    });

    test('verify while launches are being recorded: no false alarm', async () => {
      const { input } = await released(t);
      const records = Promise.all(Array.from({ length: 300 }, (_, i) => t.capabilities.privacy.ledger.record(input(i + 1))));
      const checks = await Promise.all([1, 2, 3].map(async (n) => {
        await new Promise((resolve) => setTimeout(resolve, n * 5));
        return t.capabilities.privacy.ledger.verify();
      }));
      await records;
      for (const check of checks) assertOk(check);
      assertOk(await t.capabilities.privacy.ledger.verify());
    });

    test('only attribute names are accepted, never values', async () => {
      const { input } = await released(t);
      for (const attributes of [['eckId', 'https://ketenid.nl/201703/0123456789abcdef'], ['Zoë']]) {
        await assert.rejects(t.capabilities.privacy.ledger.record({ ...input(), attributes: attributes as never }), (error) => isAppError(error) && error.code === 'privacy.invalid_disclosure');
      }
      const verified = await t.capabilities.privacy.ledger.verify();
      assertOk(verified);
    });

    test('a row changed by SQL is found and named; restoring it makes the chain whole again', async () => {
      const { input, school } = await released(t);
      for (let i = 0; i < 3; i++) await t.capabilities.privacy.ledger.record(input(i + 1));
      const rows = await t.db.kysely.selectFrom('disclosure_ledger').select(['seq', 'attributes']).where('school_id', '=', school.id).orderBy('seq').execute();
      const target = rows[1];
      await sql`UPDATE disclosure_ledger SET attributes = ${'["pseudonym"]'} WHERE seq = ${target.seq}`.execute(t.db.kysely);
      const broken = await t.capabilities.privacy.ledger.verify();
      assert.equal(broken.ok, false);
      assert.equal(!broken.ok && broken.firstBrokenSeq, Number(target.seq));
      await sql`UPDATE disclosure_ledger SET attributes = ${target.attributes} WHERE seq = ${target.seq}`.execute(t.db.kysely);
      assertOk(await t.capabilities.privacy.ledger.verify());
    });

    test('a removed row is found (and the last entry removed, by the head)', async () => {
      const { input, school } = await released(t);
      for (let i = 0; i < 3; i++) await t.capabilities.privacy.ledger.record(input(i + 1));
      const rows = await t.db.kysely.selectFrom('disclosure_ledger').selectAll().where('school_id', '=', school.id).orderBy('seq').execute();
      const middle = rows[1];
      await t.db.kysely.deleteFrom('disclosure_ledger').where('seq', '=', middle.seq).execute();
      const gap = await t.capabilities.privacy.ledger.verify();
      assert.equal(!gap.ok && gap.firstBrokenSeq, Number(middle.seq));
      await t.db.kysely.insertInto('disclosure_ledger').values(middle).execute();
      assertOk(await t.capabilities.privacy.ledger.verify());
      const last = await t.db.kysely.selectFrom('disclosure_ledger').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await t.db.kysely.deleteFrom('disclosure_ledger').where('seq', '=', last.seq).execute();
      const tail = await t.capabilities.privacy.ledger.verify();
      assert.equal(!tail.ok && tail.firstBrokenSeq, Number(last.seq));
      await t.db.kysely.insertInto('disclosure_ledger').values(last).execute();
      assertOk(await t.capabilities.privacy.ledger.verify());
    });

    test('a changed consent receipt is found', async () => {
      const { school, publisher } = await schoolAndPublisher(t, { agreement: 'minimal' });
      const receipt = await t.capabilities.privacy.consents.set({ id: 'staff:1', name: 'Ida ICT' }, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
      await sql`UPDATE consent_receipts SET actor_name = ${'Iemand anders'} WHERE id = ${receipt!.id}`.execute(t.db.kysely);
      const result = await t.capabilities.privacy.ledger.verify();
      assert.equal(!result.ok && result.receiptNumber, receipt!.number);
      await sql`UPDATE consent_receipts SET actor_name = ${'Ida ICT'} WHERE id = ${receipt!.id}`.execute(t.db.kysely);
      assertOk(await t.capabilities.privacy.ledger.verify());
    });

    test('CSV export: names for the school, kinds for the board, attribute names only, scoped', async () => {
      const { school, pupils } = await schoolWithPupils(t);
      const { publisher, agreement } = await (async () => {
        const p = await schoolAndPublisher(t);
        const a = await t.capabilities.privacy.agreements.set({ id: 'operator:test', name: 'Test' }, { boardId: school.boardId, publisherId: p.publisher.id, profile: 'with_eck', reference: 'VO; "2026"' });
        return { publisher: p.publisher, agreement: a };
      })();
      const pupil = pupils[0];
      const eckId = (await t.db.kysely.selectFrom('pupils').select('eckid').where('id', '=', pupil.pupilId).executeTakeFirstOrThrow()).eckid;
      await t.capabilities.privacy.ledger.record({
        schoolId: school.id,
        boardId: school.boardId,
        publisherId: publisher.id,
        subject: { kind: 'pupil', id: pupil.pupilId },
        attributes: ['pseudonym', 'role', 'brin', 'givenName', 'group', 'yearGroup', 'eckId'],
        channel: 'saml',
        recipient: 'https://sp.uitgeverij.example/saml',
        agreementId: agreement.id,
      });
      const other = await released(t);
      await t.capabilities.privacy.ledger.record(other.input());

      const collect = async (scope: { schoolId: number } | { boardId: number }) => {
        let text = '';
        for await (const chunk of t.capabilities.privacy.ledger.exportCsv(scope)) text += chunk;
        return text;
      };
      const schoolCsv = await collect({ schoolId: school.id });
      const lines = schoolCsv.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines[0], 'volgnummer;tijdstip;uitgeverij;ontvanger;kanaal;soort betrokkene;betrokkene;gegevens;overeenkomst;controlewaarde');
      assert.equal(lines.length, 2, schoolCsv);
      const cells = lines[1].split(';');
      assert.equal(cells[2], publisher.name);
      assert.equal(cells[3], 'https://sp.uitgeverij.example/saml');
      assert.equal(cells[5], 'leerling');
      assert.equal(cells[6], [pupil.nickname || pupil.firstNames, pupil.prefix, pupil.lastName].filter(Boolean).join(' '));
      assert.equal(cells[7], 'pseudonym role brin givenName group yearGroup eckId');
      assert.match(lines[1], /"VO; ""2026"""/, 'a reference with ; and " is quoted');
      if (eckId) assert.ok(!schoolCsv.includes(eckId), 'never an ECK iD value');
      assert.ok(!schoolCsv.includes(other.publisher.name), 'another school is not in this export');

      const boardCsv = await collect({ boardId: school.boardId });
      const boardLines = boardCsv.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(boardLines[0], 'volgnummer;tijdstip;school;uitgeverij;ontvanger;kanaal;soort betrokkene;gegevens;overeenkomst;controlewaarde');
      assert.equal(boardLines.length, 2);
      assert.equal(boardLines[1].split(';')[2], `${school.brin}${school.locationCode}`);
      assert.ok(!boardCsv.includes(cells[6]), 'the board export names no pupil');
    });

    test('teardown', async () => {
      await t.close();
      await dropIsolated(database, own);
    });
  });
}
