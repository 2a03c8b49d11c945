/**
 * `npm run bench:login` (issue 3): logins per second through the real app over loopback HTTP,
 * measured in one run: staff password logins against bare argon2id `verify` with the same
 * parameters and concurrency (target: server overhead ≤ 15 %), and pupil picture-code and
 * QR-card logins (target ≥ 1,000/s each). SQLite always; PostgreSQL (+ Redis for sessions and
 * counters, when reachable) in a fresh database. Every login is the form POST a browser sends:
 * CSRF field and cookies from the form page it fetched first, one virtual client per person.
 * The load runs in a child process, so the client does not share the app's event loop.
 * A measurement, not a test: it exits 0 unless it crashes (a failed login is a crash).
 * Options: --seconds N per scenario (default 8), --clients N for pupil logins (default 16).
 * BENCH_PG_URL (admin connection) and BENCH_REDIS_URL choose the servers.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { verify } from '@node-rs/argon2';
import { buildApp } from '../src/app.js';
import { composeCapabilities } from '../src/compose.js';
import { loadConfig } from '../src/config/index.js';
import { systemClock } from '../src/lib/clock.js';
import type { Db } from '../src/db/index.js';
import { hashPassword } from '../src/accounts/staff/password.js';
import { generateSchoolRoster, writeEdexml } from '../src/roster/generator/index.js';
import { freshPostgres, freshSqlite, openMigrated, type BenchDatabase } from './support/databases.js';
import { redisReachable } from './support/redis.js';
import type { LoadInput, LoadResult, VirtualClient } from './support/login-load.js';

const PASSWORD = 'paarse olifant danst op het dak';
const CORES = os.cpus().length;
/** Limits that protect a real school are lifted for the bench: one address sends every login here. */
const BENCH_LIMITS = { PUPIL_IP_MAX_PER_MINUTE: '1000000', PUPIL_DEVICE_MAX_FAILURES: '10000', STAFF_LOGIN_IP_MAX_FAILURES: '1000000' };

interface Row {
  scenario: string;
  dialect: string;
  result: LoadResult;
  target: string;
  pass: boolean | null;
}

/** The load runs in a child process (its own event loop and CPU time), fed and answered as JSON. */
const LOAD_SCRIPT = fileURLToPath(new URL('./support/login-load.ts', import.meta.url));

function inChild(input: LoadInput): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load process ended with ${code}`))));
    child.stdin.end(JSON.stringify(input));
  });
}

/** Bare argon2id verify of the same password against the same kind of hash, `concurrency` at a time. */
async function bareArgon2(hash: string, seconds: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        if (!(await verify(hash, PASSWORD))) throw new Error('argon2 verify failed');
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { requests: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

async function runDialect(name: string, database: BenchDatabase, extraEnv: Record<string, string>, options: { seconds: number; clients: number }): Promise<Row[]> {
  const db = await openMigrated(database.url);
  const config = loadConfig({ DATABASE_URL: database.url, LEERPOORT_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1', ...BENCH_LIMITS, ...extraEnv });
  const capabilities = composeCapabilities({ config, db, clock: systemClock });
  const app = await buildApp({ config, db, clock: systemClock, capabilities });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const seed = await seedSchool(capabilities, db, options.clients);
    const staffClients: VirtualClient[] = seed.staffEmails.map((email) => ({ formPath: '/inloggen', postPath: '/inloggen', fields: { email, password: PASSWORD } }));
    const pictureClients: VirtualClient[] = seed.pupils.map((p) => ({
      formPath: `/school/${seed.ref}/leerling/${p.pupilId}`,
      postPath: `/school/${seed.ref}/leerling/${p.pupilId}`,
      fields: { picks: p.code.slice(0, -1).join('-'), pick: p.code[p.code.length - 1] },
    }));
    const cardClients: VirtualClient[] = seed.cards.map((token) => ({ formPath: `/kaart/${token}`, postPath: `/kaart/${token}`, fields: {} }));
    // Warm-up (JIT, pools, caches), not measured.
    await inChild({ origin, clients: pictureClients.slice(0, 4), seconds: 1, maxRequests: 400 });
    // Bare argon2id right after the staff logins, on this dialect's run: a busy machine then disturbs both sides alike.
    const staff = await inChild({ origin, clients: staffClients, seconds: options.seconds, maxRequests: 5000 });
    const bare = await bareArgon2(await hashPassword(PASSWORD), options.seconds, staffClients.length);
    const picture = await inChild({ origin, clients: pictureClients, seconds: options.seconds, maxRequests: 50_000 });
    const card = await inChild({ origin, clients: cardClients, seconds: options.seconds, maxRequests: 50_000 });
    const rate = (r: LoadResult) => r.requests / r.seconds;
    const overhead = 1 - rate(staff) / rate(bare);
    return [
      { scenario: `bare argon2id verify (${staffClients.length} at a time)`, dialect: name, result: bare, target: '–', pass: null },
      { scenario: `staff password login (${staffClients.length} clients)`, dialect: name, result: staff, target: `overhead ≤ 15 % (now ${(overhead * 100).toFixed(1)} %)`, pass: overhead <= 0.15 },
      { scenario: `pupil picture code (${pictureClients.length} clients)`, dialect: name, result: picture, target: '≥ 1,000/s', pass: rate(picture) >= 1000 },
      { scenario: `pupil QR card (${cardClients.length} clients)`, dialect: name, result: card, target: '≥ 1,000/s', pass: rate(card) >= 1000 },
    ];
  } finally {
    await app.close();
    await db.close();
    await database.remove();
  }
}

/** A school with a roster, picture codes and cards for `clients` pupils, and `CORES` activated staff accounts; all through the real services. */
async function seedSchool(capabilities: ReturnType<typeof composeCapabilities>, db: Db, clients: number) {
  // Each dialect runs on a fresh database, so fixed numbers cannot collide.
  await capabilities.organisations.addBoard('bench', { number: '4242', name: 'Stichting Benchmark' });
  const school = await capabilities.organisations.addSchool('bench', { boardNumber: '4242', brin: '42BN', locationCode: '00', name: 'Basisschool Benchmark' });
  const roster = generateSchoolRoster({ seed: 3, brin: school.brin, locationCode: school.locationCode, pupils: Math.max(2 * clients, 60), subgroups: false });
  const summary = await capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'bench', content: writeEdexml(roster), fileName: null });
  if (summary.status !== 'applied') throw new Error(`roster import ended as ${summary.status}`);
  const scope = { schoolId: school.id };
  const groups = await capabilities.pupilAccess.groups(scope);
  const listed = (await Promise.all(groups.map((g) => capabilities.pupilAccess.pupilsOfGroup(scope, g.id)))).flat();
  const pupils = [];
  for (const p of listed.slice(0, clients)) pupils.push({ pupilId: p.pupilId, code: await capabilities.pupilAccess.admin.resetPictureCode('bench', scope, p.pupilId) });
  const cards = (await capabilities.pupilAccess.admin.issueCards('bench', scope, listed.slice(clients, 2 * clients).map((p) => p.pupilId))).map((c) => c.token);
  const staffEmails: string[] = [];
  // As many staff clients as cores, the same concurrency as the bare argon2id measurement.
  const staffClients = CORES;
  for (let i = 0; i < staffClients; i++) {
    const email = `medewerker${i}.${school.id}@bench.example.nl`;
    await capabilities.staffAccounts.members.addToSchool('bench', scope, { email, displayName: `Medewerker ${i}`, role: 'teacher' });
    staffEmails.push(email);
  }
  await activateFromOutbox(capabilities, db, staffEmails);
  return { ref: school.instellingRef, pupils, cards, staffEmails };
}

/** Chooses the password through each account's mailed activation link (the outbox, as no SMTP server is set). */
async function activateFromOutbox(capabilities: ReturnType<typeof composeCapabilities>, db: Db, emails: string[]) {
  for (const email of emails) {
    const mail = await db.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirst();
    const token = /\/account\/activeren\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no activation link for ${email}`);
    await capabilities.staffAccounts.signIn.setPasswordWithLink('activation', token, PASSWORD);
  }
}

function formatRows(rows: Row[]): string {
  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const pct = (r: LoadResult, p: number) => (r.latencies[Math.min(r.latencies.length - 1, Math.floor(p * r.latencies.length))] ?? 0).toFixed(1);
  const header = ['scenario', 'dialect', 'requests', 'seconds', 'logins/s', 'p50 ms', 'p99 ms', 'target', 'result'];
  const body = rows.map((row) => [
    row.scenario,
    row.dialect,
    integer.format(row.result.requests),
    row.result.seconds.toFixed(2),
    integer.format(row.result.requests / row.result.seconds),
    pct(row.result, 0.5),
    pct(row.result, 0.99),
    row.target,
    row.pass === null ? '–' : row.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const numeric = (i: number) => i >= 2 && i <= 6;
  const line = (cells: string[]) => cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, clients: { type: 'string', default: '16' } } });
  const seconds = Math.min(60, Math.max(1, Number(values.seconds) || 8));
  const clients = Math.min(200, Math.max(1, Number.parseInt(values.clients, 10) || 16));
  console.log(`Leerpoort login benchmark — ${new Date().toISOString()}, Node ${process.version}, ${CORES} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`Loopback HTTP to 127.0.0.1, ${seconds} s per scenario. Limits lifted for the bench (one address sends every login): ${Object.entries(BENCH_LIMITS).map(([k, v]) => `${k}=${v}`).join(', ')}.`);
  const rows = await runDialect('sqlite', await freshSqlite(), {}, { seconds, clients });
  const adminUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  let postgres: BenchDatabase | null = null;
  try {
    postgres = await freshPostgres(adminUrl);
  } catch (error) {
    console.log(`skipped PostgreSQL: ${(error as Error).message} (BENCH_PG_URL names an admin connection)`);
  }
  if (postgres) {
    const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
    const redisProblem = await redisReachable(redisUrl);
    const label = redisProblem ? 'postgres' : 'postgres+redis';
    if (redisProblem) console.log(`PostgreSQL without Redis (sessions in the database): ${redisProblem}`);
    rows.push(...(await runDialect(label, postgres, redisProblem ? {} : { REDIS_URL: redisUrl }, { seconds, clients })));
  }
  console.log(formatRows(rows));
  const missed = rows.filter((row) => row.pass === false).length;
  console.log(missed === 0 ? 'All targets met.' : `${missed} target(s) missed.`);
}

await main();
