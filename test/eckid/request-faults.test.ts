/**
 * What the pipeline does with the Nummervoorziening's faults, against the sandbox over HTTP: a
 * final fault (no agreement for the OIN) ends the request as failed with that reason; a temporary
 * block keeps it waiting, with the hPGN kept sealed (no second hash) and a new job for later.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { startSandbox } from '../../src/eckid/sandbox/index.js';
import { requestFixture, until } from './request-fixtures.js';

for (const database of testDatabases()) {
  const label = `[${database.name}]`;

  test(`${label} an OIN without an agreement: the request ends as failed with that reason, nothing kept`, async () => {
    const sandbox = await startSandbox({ key: 'faults-test', allowedOins: ['00000000000000000001'] });
    const fixture = await requestFixture(database, sandbox, { pupils: 2 });
    try {
      await fixture.requests.setRequestsEnabled(fixture.scope, true, 'test');
      await fixture.importFile();
      const total = (await fixture.requests.progress(fixture.school.id)).total;
      assert.ok(total >= 1);
      await fixture.queue.start();
      fixture.requests.startDispatcher();
      await until(async () => (await fixture.requests.progress(fixture.school.id)).waiting === 0);
      const progress = await fixture.requests.progress(fixture.school.id);
      assert.deepEqual({ failed: progress.failed, done: progress.done, failures: progress.failures },
        { failed: total, done: 0, failures: { 'nummervoorziening.not_authorized': total } });
      const rows = await fixture.db.kysely.selectFrom('eckid_requests').select(['sealed_pgn', 'sealed_hpgn', 'eckid']).where('school_id', '=', fixture.school.id).execute();
      assert.ok(rows.every((row) => row.sealed_pgn === null && row.sealed_hpgn === null && row.eckid === null));
      const pupils = await fixture.db.kysely.selectFrom('pupils').select('eckid').where('school_id', '=', fixture.school.id).execute();
      assert.ok(pupils.every((pupil) => pupil.eckid === null));
    } finally {
      await fixture.close();
      await sandbox.close();
    }
  });

  test(`${label} a temporary block: the request waits with its hPGN sealed and a job queued for after the block`, async () => {
    const sandbox = await startSandbox({ key: 'faults-test', blockAfterInvalid: 2, blockMinutes: 15 });
    const fixture = await requestFixture(database, sandbox, { pupils: 2 });
    try {
      // Two invalid requests from this OIN: the service blocks it for 15 minutes.
      for (let i = 0; i < 2; i++) await fixture.client.retrieveStampseudonym('kapot').catch(() => undefined);
      await fixture.requests.setRequestsEnabled(fixture.scope, true, 'test');
      await fixture.importFile();
      const total = (await fixture.requests.progress(fixture.school.id)).total;
      await fixture.queue.start();
      fixture.requests.startDispatcher();
      const blocked = () => fixture.db.kysely.selectFrom('eckid_requests').selectAll().where('school_id', '=', fixture.school.id)
        .where('error_code', '=', 'nummervoorziening.temporarily_blocked').execute();
      await until(async () => (await blocked()).length === total);
      const rows = await blocked();
      for (const row of rows) {
        assert.equal(row.status, 'waiting');
        assert.equal(row.sealed_pgn, null, 'the number itself is erased once hashed');
        assert.ok(row.sealed_hpgn, 'the hPGN is kept sealed, so the retry does not hash again');
        const wait = Date.parse(row.next_attempt_at!) - Date.now();
        assert.ok(wait > 10 * 60_000 && wait <= 15 * 60_000 + 5000, `next attempt in ${Math.round(wait / 1000)} s`);
      }
      await until(async () => (await fixture.queue.depth('eckid-request')) === total);
      assert.equal((await fixture.requests.progress(fixture.school.id)).waiting, total);
      assert.ok(fixture.requests.hashPool.peak <= 2);
    } finally {
      await fixture.close();
      await sandbox.close();
    }
  });
}
