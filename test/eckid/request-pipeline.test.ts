/**
 * End to end: an EDEXML import with BSNs for a school that lets Leerpoort request ECK iDs →
 * requests recorded (number sealed) → jobs on the real queue (in-process on SQLite, pg-boss on
 * PostgreSQL) → hPGN → stampseudoniem → ECK iD from the sandbox Nummervoorziening over real
 * HTTP → the ECK iD on the pupil. The BSN is nowhere in the database afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { testDatabases } from '../helpers/databases.js';
import type { Db } from '../../src/db/index.js';
import { decodeSalt, hpgn, TEST_ENVIRONMENT_SALT, CONTENT_CHAIN_ID, PO_SECTOR_ID } from '../../src/eckid/index.js';
import { ECK_ID_PATTERN } from '../../src/eckid/nummervoorziening/index.js';
import { startSandbox, type RunningSandbox } from '../../src/eckid/sandbox/index.js';
import { isAppError } from '../../src/lib/errors.js';
import { requestFixture, until } from './request-fixtures.js';

let sandbox: RunningSandbox;
before(async () => { sandbox = await startSandbox({ key: 'request-pipeline-test' }); });
after(async () => { await sandbox.close(); });

/** Every text value in the database's tables (and pg-boss's), to prove a number is not stored anywhere. */
async function everyStoredText(db: Db): Promise<string> {
  const k = db.kysely as unknown as Kysely<any>;
  const tables = db.dialect === 'sqlite'
    ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(k)).rows.map((row) => `"${row.name}"`)
    : (await sql<{ s: string; t: string }>`SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`.execute(k)).rows.map((row) => `"${row.s}"."${row.t}"`);
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify((await sql.raw(`SELECT * FROM ${table}`).execute(k)).rows));
  return parts.join('\n');
}

for (const database of testDatabases()) {
  const label = `[${database.name}]`;

  test(`${label} an import with BSNs gets each pupil an ECK iD from the Nummervoorziening; the BSN is stored nowhere`, async () => {
    const fixture = await requestFixture(database, sandbox);
    const { db, queue, client, requests, school, file } = fixture;
    try {
      await requests.setRequestsEnabled(fixture.scope, true, 'test:coordinator');
      const summary = await fixture.importFile();
      assert.equal(summary.status, 'applied');
      const withBsn = file.pupils.filter((pupil) => pupil.bsn);
      assert.ok(withBsn.length >= 6, 'the generated file has pupils with a BSN');
      const recorded = await requests.progress(school.id);
      assert.equal(recorded.total, withBsn.length);
      assert.equal(recorded.waiting, withBsn.length);

      await queue.start();
      requests.startDispatcher();
      await until(async () => (await requests.progress(school.id)).waiting === 0);
      const progress = await requests.progress(school.id);
      assert.deepEqual({ done: progress.done, failed: progress.failed }, { done: withBsn.length, failed: 0 });

      const pupils = await db.kysely.selectFrom('pupils').select(['las_key', 'eckid']).where('school_id', '=', school.id).execute();
      const eckidOf = new Map(pupils.map((pupil) => [pupil.las_key, pupil.eckid]));
      for (const pupil of file.pupils) {
        if (pupil.bsn) assert.match(eckidOf.get(pupil.key) ?? '', ECK_ID_PATTERN);
        else assert.equal(eckidOf.get(pupil.key), null, 'a pupil without a BSN gets no ECK iD');
      }
      // The same chain as by hand: hPGN → stampseudoniem → ECK iD, with the client directly.
      const first = withBsn[0];
      const byHand = await client.retrieveEckId(await client.retrieveStampseudonym(await hpgn(first.bsn!, decodeSalt(TEST_ENVIRONMENT_SALT))), CONTENT_CHAIN_ID, PO_SECTOR_ID);
      assert.equal(eckidOf.get(first.key), byHand);

      const stored = await everyStoredText(db);
      for (const pupil of withBsn) assert.ok(!stored.includes(pupil.bsn!), 'no BSN anywhere in the database');
      const leftovers = await db.kysely.selectFrom('eckid_requests').select(['sealed_pgn', 'sealed_hpgn']).where('school_id', '=', school.id).execute();
      assert.ok(leftovers.every((row) => row.sealed_pgn === null && row.sealed_hpgn === null), 'sealed numbers are erased once done');

      // The next file from the LAS still has no ECK iDs: the ones obtained stay, nothing is requested again.
      const again = await fixture.importFile();
      assert.equal(again.status, 'applied');
      const after = await db.kysely.selectFrom('pupils').select(['las_key', 'eckid']).where('school_id', '=', school.id).execute();
      assert.deepEqual(new Map(after.map((pupil) => [pupil.las_key, pupil.eckid])), eckidOf);
      assert.equal((await requests.progress(school.id)).total, withBsn.length);
      assert.equal((await requests.progress(school.id)).done, withBsn.length);
    } finally {
      await fixture.close();
    }
  });

  test(`${label} without the school setting nothing is requested; without a salt the setting cannot be switched on`, async () => {
    const fixture = await requestFixture(database, sandbox, { pupils: 4 });
    try {
      await fixture.importFile();
      assert.equal((await fixture.requests.progress(fixture.school.id)).total, 0);
      assert.equal((await fixture.requests.settings(fixture.school.id)).requestsEnabled, false);
    } finally {
      await fixture.close();
    }
    const unsalted = await requestFixture(database, sandbox, { salt: null, pupils: 4 });
    try {
      assert.match(unsalted.requests.unavailableReason() ?? '', /ECKID_HPGN_SALT/);
      await assert.rejects(unsalted.requests.setRequestsEnabled({ schoolId: unsalted.school.id, boardId: unsalted.school.boardId }, true, 'test'),
        (error: unknown) => isAppError(error) && error.code === 'eckid.requests_not_possible');
    } finally {
      await unsalted.close();
    }
  });
}
