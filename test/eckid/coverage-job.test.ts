/** The nightly coverage snapshot job: when it runs next, and one run on the real SQLite queue. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSqliteJobQueue } from '../../src/db/jobs/index.js';
import { COVERAGE_SNAPSHOT_JOB, registerCoverageSnapshotJob, scheduleCoverageSnapshot, secondsUntilNextRun } from '../../src/eckid/coverage/job.js';
import { buildTestApp, createTestSchool } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { importFile, rosterWithStatuses } from './readiness-fixtures.js';

test('next run: 01:30 in the Netherlands, winter and summer time', () => {
  assert.equal(secondsUntilNextRun(new Date('2026-12-01T00:00:00Z')), 30 * 60, '01:00 CET → 30 minutes');
  assert.equal(secondsUntilNextRun(new Date('2026-06-01T23:30:00Z')), 86_400, '01:30 CEST is 23:30Z: run the next night');
  assert.equal(secondsUntilNextRun(new Date('2026-06-01T22:00:00Z')), 90 * 60, '00:00 CEST → 90 minutes');
});

const [sqlite] = testDatabases();
test('one run snapshots every school and schedules the next night', async () => {
  const t = await buildTestApp(sqlite, { JOB_WORKERS: 'off' });
  const queue = createSqliteJobQueue(t.db.kysely, { pollMs: 20 });
  try {
    const school = await createTestSchool(t.capabilities);
    await importFile(t, school, rosterWithStatuses(school, 10));
    await t.db.kysely.deleteFrom('eckid_coverage_snapshots').where('school_id', '=', school.id).execute();
    let runs = 0;
    registerCoverageSnapshotJob(queue, { snapshotAll: async () => { runs++; return t.capabilities.eckidReadiness.snapshotAll(); }, clock: t.clock });
    await queue.enqueue(COVERAGE_SNAPSHOT_JOB, {});
    await queue.start();
    for (let i = 0; i < 200 && runs === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    for (let i = 0; i < 200 && (await queue.depth(COVERAGE_SNAPSHOT_JOB)) !== 1; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.equal(runs, 1);
    const rows = await t.db.kysely.selectFrom('eckid_coverage_snapshots').select('pupils').where('school_id', '=', school.id).execute();
    assert.deepEqual(rows.map((row) => Number(row.pupils)), [10]);
    assert.equal(await queue.depth(COVERAGE_SNAPSHOT_JOB), 1, 'the next night waits');
    await scheduleCoverageSnapshot(queue, t.clock);
    assert.equal(await queue.depth(COVERAGE_SNAPSHOT_JOB), 1, 'scheduling again adds nothing');
  } finally {
    await queue.stop();
    await t.close();
  }
});
