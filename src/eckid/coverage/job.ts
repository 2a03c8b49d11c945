/**
 * The daily coverage snapshot as a background job: it snapshots every active school, then
 * schedules itself for the next night (01:30 in the Netherlands). The singleton key keeps one
 * waiting run however often the server starts; a run done twice on one day only replaces that
 * day's rows (idempotent, as the queue's at-least-once delivery requires).
 */
import type { JobQueue } from '../../db/jobs/index.js';
import type { Clock } from '../../lib/clock.js';

export const COVERAGE_SNAPSHOT_JOB = 'eckid.coverage-snapshot';
const SINGLETON = 'daily';
const RUN_AT_SECONDS = 1 * 3600 + 30 * 60; // 01:30 Amsterdam: after the LAS's nightly exports, before school starts

const amsterdamTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** Seconds from `now` to the next 01:30 in the Netherlands (1 to 86,400). */
export function secondsUntilNextRun(now: Date): number {
  const [h, m, s] = amsterdamTime.format(now).split(':').map(Number);
  const since = h * 3600 + m * 60 + s;
  const wait = (RUN_AT_SECONDS - since + 86_400) % 86_400;
  return wait === 0 ? 86_400 : wait;
}

export function registerCoverageSnapshotJob(queue: JobQueue, deps: { snapshotAll: () => Promise<number>; clock: Clock }): void {
  queue.register(COVERAGE_SNAPSHOT_JOB, async () => {
    await deps.snapshotAll();
    await scheduleCoverageSnapshot(queue, deps.clock);
  }, { concurrency: 1, retryLimit: 3, expireInSeconds: 30 * 60 });
}

/** Makes sure the next nightly run waits in the queue (a no-op when one already does). */
export async function scheduleCoverageSnapshot(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.enqueue(COVERAGE_SNAPSHOT_JOB, {}, { singletonKey: SINGLETON, startAfterSeconds: secondsUntilNextRun(clock.now()) });
}
