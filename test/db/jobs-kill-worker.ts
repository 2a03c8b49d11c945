/**
 * A worker process for test/db/jobs.test.ts: takes one job of the queue named in argv, says
 * "started <attempt>" and then hangs until the test kills it with SIGKILL.
 */
import { openDatabase } from '../../src/db/index.js';
import { createJobQueue } from '../../src/db/jobs/index.js';

const [url, name] = process.argv.slice(2);
const db = openDatabase(url);
const queue = createJobQueue(db, url, { sqlite: { pollMs: 100, leaseMs: 1000 }, pgBoss: { pollingIntervalSeconds: 0.5 } });
queue.register(name, async (_payload, job) => {
  process.stdout.write(`started ${job.attempt}\n`);
  await new Promise(() => undefined);
});
await queue.start();
