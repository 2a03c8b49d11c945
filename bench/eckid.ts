/**
 * `npm run bench:eckid` (issue 5): hPGN hashes per second through the real request pipeline
 * (EDEXML import with BSNs → requests → job queue with the configured concurrency → hPGN →
 * sandbox Nummervoorziening over HTTP → ECK iD on the pupil) against a plain loop of
 * crypto.scrypt calls with the same concurrency, alternating in the same run (the machine is
 * shared, so each job round is compared with the plain round next to it). Prints the ratio
 * (target ≥ 90 %) and the peak RSS of each phase (memory bounded: ~128 MiB per running hash).
 * Options: --hashes N (per round, default 8 × concurrency), --concurrency N (default
 * ECKID_HPGN_CONCURRENCY or the core count), --rounds N (default 4; even, so both orders weigh the same), --database URL (default
 * a fresh SQLite file; a postgres:// URL of an empty database runs pg-boss).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { migrateToLatest, openDatabase } from '../src/db/index.js';
import { createJobQueue } from '../src/db/jobs/index.js';
import { createEckidRequestService, decodeSalt, HPGN_MAXMEM, HPGN_PARAMS, numberServiceFromClient, TEST_ENVIRONMENT_SALT } from '../src/eckid/index.js';
import { createNummervoorzieningClient } from '../src/eckid/nummervoorziening/index.js';
import { systemClock } from '../src/lib/clock.js';
import { createSecretBox } from '../src/lib/secret-box.js';
import { createOrganisationService } from '../src/organisations/index.js';
import { generateSchoolRoster, writeEdexml } from '../src/roster/generator/index.js';
import { createRosterService } from '../src/roster/index.js';

const { values } = parseArgs({ options: { hashes: { type: 'string' }, concurrency: { type: 'string' }, rounds: { type: 'string' }, database: { type: 'string' } } });
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const concurrency = Number(values.concurrency ?? config.eckidRequests.hpgnConcurrency);
const hashesWanted = Number(values.hashes ?? 8 * concurrency);
const rounds = Number(values.rounds ?? 4);
const salt = decodeSalt(TEST_ENVIRONMENT_SALT);

/** Peak resident set size while `work` runs (sampled every 20 ms; scrypt runs off the main thread). */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
  const start = performance.now();
  // CPU time of this process, scrypt's threads included: steadier than wall time on a shared machine.
  const cpuStart = process.cpuUsage();
  try {
    const result = await work();
    const cpu = process.cpuUsage(cpuStart);
    return { result, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

/** `count` scrypt calls, `concurrency` at a time: the baseline. */
async function plainLoop(count: number): Promise<number> {
  let next = 0;
  const { N, r, p, keyLength } = HPGN_PARAMS;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await new Promise<void>((resolve, reject) => crypto.scrypt(`12345678${i % 10}`, salt, keyLength, { N, r, p, maxmem: HPGN_MAXMEM }, (e) => (e ? reject(e) : resolve())));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return count;
}

/**
 * The sandbox runs in its own process, as the real service is elsewhere: its CPU is not this
 * process's (the CPU figures compare this process only).
 */
async function sandboxProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const code = "import { startSandbox } from './src/eckid/sandbox/index.ts'; const s = await startSandbox({ key: 'bench-eckid' }); console.log(s.url);";
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; if (out.includes('\n')) resolve(out.trim()); });
    child.on('exit', () => reject(new Error('bench: the sandbox did not start')));
  });
  return { url, close: async () => { child.kill(); } };
}

const sandbox = await sandboxProcess();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-bench-eckid-'));
const databaseUrl = values.database ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
const db = openDatabase(databaseUrl);
await migrateToLatest(db);
const queue = createJobQueue(db, databaseUrl, { sqlite: { pollMs: 100 }, pgBoss: { pollingIntervalSeconds: 0.5 } });
const requests = createEckidRequestService({
  db: db.kysely, clock: systemClock, secretBox: createSecretBox(config.secretKey), queue, hpgnSalt: TEST_ENVIRONMENT_SALT, concurrency,
  numbers: numberServiceFromClient(() => createNummervoorzieningClient({ url: sandbox.url, oin: '00000001234567890000' })), dispatchIntervalMs: 100,
});
const roster = createRosterService({ db: db.kysely, clock: systemClock, limits: config.import, onApplied: requests.onRosterApplied });
const organisations = createOrganisationService({ db: db.kysely, clock: systemClock });
const board = await organisations.addBoard('bench', { number: String(100000000 + Math.floor(Math.random() * 8e8)), name: 'Bench' });

/** A new school whose import records the requests (not timed); answers the school and how many. */
async function prepareRound(round: number): Promise<{ schoolId: number; total: number }> {
  const brin = `${round % 10}${(round + 3) % 10}${'ABCDEFGHIJ'[round % 10]}Z`;
  const school = await organisations.addSchool('bench', { boardNumber: board.number, brin, locationCode: '00', name: `Bench ${round}` });
  const file = generateSchoolRoster({ seed: round, brin, locationCode: '00', pupils: hashesWanted, withEckidShare: 0 });
  await requests.setRequestsEnabled({ schoolId: school.id, boardId: board.id }, true, 'bench');
  await roster.importEdexml({ content: writeEdexml(file), fileName: 'bench.xml', source: 'upload', actor: 'bench', mode: 'apply', schoolId: school.id });
  return { schoolId: school.id, total: (await requests.progress(school.id)).total };
}

/** The queue works the round's requests (timed). */
async function jobRound(prepared: { schoolId: number; total: number }) {
  const { schoolId, total } = prepared;
  const busyBefore = requests.hashPool.busySeconds;
  const run = await measured(async () => {
    await queue.start();
    requests.startDispatcher();
    for (;;) {
      const progress = await requests.progress(schoolId);
      if (progress.waiting === 0) {
        if (progress.done !== total) throw new Error(`bench: ${progress.failed} requests failed: ${JSON.stringify(progress.failures)}`);
        return total;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  await requests.stopDispatcher();
  await queue.stop();
  const slotsBusy = (requests.hashPool.busySeconds - busyBefore) / (run.seconds * concurrency);
  return { hashes: run.result, seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakRssMiB: run.peakRssMiB, slotsBusy, peak: requests.hashPool.peak };
}

console.log(`bench:eckid — ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, concurrency ${concurrency}, UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, database ${db.description}`);
console.log('round  order      plain h/s  job h/s  job/plain (wall)  plain CPU s/h  job CPU s/h  CPU efficiency  plain peak RSS  job peak RSS');
const wallRatios: number[] = [];
const cpuRatios: number[] = [];
const busy: number[] = [];
for (let round = 1; round <= rounds; round++) {
  // Alternate which goes first, so a load change on the shared machine does not favour one side.
  const jobFirst = round % 2 === 0;
  const prepared = await prepareRound(round);
  // The same number of hashes on both sides (the generated file decides how many pupils have a BSN).
  const job0 = jobFirst ? await jobRound(prepared) : null;
  const plain = await measured(() => plainLoop(prepared.total));
  const job = job0 ?? await jobRound(prepared);
  const plainRate = plain.result / plain.seconds;
  const jobRate = job.hashes / job.seconds;
  const plainCpu = plain.cpuSeconds / plain.result;
  busy.push(job.slotsBusy);
  const jobCpu = job.cpuSeconds / job.hashes;
  wallRatios.push(jobRate / plainRate);
  cpuRatios.push(plainCpu / jobCpu);
  console.log(`${String(round).padStart(5)}  ${(jobFirst ? 'job first' : 'plain first').padEnd(11)}${plainRate.toFixed(2).padStart(9)}  ${jobRate.toFixed(2).padStart(7)}  ${(100 * jobRate / plainRate).toFixed(1).padStart(14)} %  ${plainCpu.toFixed(2).padStart(13)}  ${jobCpu.toFixed(2).padStart(11)}  ${(100 * plainCpu / jobCpu).toFixed(1).padStart(12)} %  ${plain.peakRssMiB.toFixed(0).padStart(10)} MiB  ${job.peakRssMiB.toFixed(0).padStart(8)} MiB  (${job.hashes} hashes; hash slots busy ${(100 * job.slotsBusy).toFixed(0)} %, at most ${job.peak} at once)`);
}
// On a shared machine whichever phase runs second in a round tends to be slower; the order
// alternates, so the geometric mean over the rounds cancels that out.
const geomean = (list: number[]) => Math.exp(list.reduce((sum, x) => sum + Math.log(x), 0) / list.length);
const wall = geomean(wallRatios);
console.log(`job/plain hash rate (wall, geometric mean over both orders): ${(100 * wall).toFixed(1)} % — target ≥ 90 %: ${wall >= 0.9 ? 'met' : 'NOT met'}`);
console.log(`CPU efficiency (plain CPU per hash ÷ job CPU per hash, geometric mean): ${(100 * geomean(cpuRatios)).toFixed(1)} %`);
console.log(`hash slots busy during the job phase: ${busy.map((b) => `${(100 * b).toFixed(0)} %`).join(', ')}`);
console.log(`memory: one hash needs ${(128 * HPGN_PARAMS.N * HPGN_PARAMS.r / 2 ** 20).toFixed(0)} MiB; at most ${concurrency} run at once (ECKID_HPGN_CONCURRENCY)`);
await sandbox.close();
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
