/**
 * `npm run bench:sso` (issue 4): SSO launches per second through the real app over loopback
 * HTTP, as a publisher's backend and a signed-in pupil's browser do them. One launch is
 *   GET /oidc/auth (PKCE S256; Leerpoort session, privacy gate, grant) → code at the redirect_uri
 *   → POST /oidc/token (client_secret_basic) → GET /oidc/me (userinfo),
 * three HTTP requests (five when Leerpoort's interaction page must run: a browser whose OIDC
 * session is someone else's), with the ledger records a real launch writes. Each virtual client is one
 * pupil with a real Leerpoort session (started through the session service; logins have their
 * own bench). Two runs per database: closed loop at full speed (launches/s), then a fixed
 * arrival rate (p50/p99 measured from each launch's scheduled start, so queueing counts).
 * SQLite always; PostgreSQL in a fresh database, and PostgreSQL + Redis when Redis is reachable
 * (Leerpoort's sessions and oidc-provider's state — interactions, grants, codes, tokens — in Redis).
 * First, per database, a floor: the same clients each send three GETs of /oidc/jwks (Fastify →
 * oidc-provider, no database, no crypto) as fast as they can; a launch is three requests too,
 * so floor iterations/s is what launches/s could be if Leerpoort and oidc-provider did no work.
 * The load runs in a child process (this file with --load). A measurement, not a test.
 * Options: --seconds N (default 8), --clients N (default 16), --rate N launches/s (default 100),
 * --only sqlite|postgres|postgres+redis (default: all three).
 * BENCH_PG_URL (admin connection) and BENCH_REDIS_URL choose the servers.
 */
import os from 'node:os';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { composeCapabilities } from '../src/compose.js';
import { loadConfig } from '../src/config/index.js';
import { systemClock } from '../src/lib/clock.js';
import { launch as launchOnce, send } from './support/oidc-launch.js';
import { freshPostgres, freshSqlite, openMigrated, type BenchDatabase } from './support/databases.js';
import { redisReachable } from './support/redis.js';
import { setUpLaunches } from './support/sso-fixture.js';
import { freePort } from '../test/helpers/private-servers.js';

interface Client {
  sessionCookie: string;
}
interface LoadInput {
  origin: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  clients: Client[];
  seconds: number;
  /** null: closed loop (each client launches again at once); a number: launches per second, open loop. */
  rate: number | null;
  /** The floor: instead of launches, three GETs of /oidc/jwks (oidc-provider, no database) per iteration. */
  floor?: boolean;
}
interface LoadResult {
  launches: number;
  seconds: number;
  latencies: number[];
  /** HTTP requests of all launches together. */
  requests: number;
  /** CPU milliseconds of the app process per launch (user + system; SQLite runs in it, PostgreSQL and Redis do not). */
  serverCpuMs?: number;
}

const CORES = os.cpus().length;

// ---------- the load (child process) ----------

/** Three requests through the same stack (Fastify → oidc-provider) that do no work of their own. */
async function floorIteration(agent: http.Agent, origin: string): Promise<number> {
  for (let i = 0; i < 3; i++) {
    const answer = await send(agent, new URL('/oidc/jwks', origin), {});
    if (answer.status !== 200) throw new Error(`/oidc/jwks answered ${answer.status}`);
  }
  return 3;
}

async function runLoad(input: LoadInput): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.clients.length * 2 });
  const launch = input.floor ? (a: http.Agent) => floorIteration(a, input.origin) : launchOnce;
  const jars = input.clients.map((c) => new Map([['leerpoort_sessie', c.sessionCookie]]));
  const latencies: number[] = [];
  let requests = 0;
  const start = performance.now();
  const deadline = start + input.seconds * 1000;
  try {
    if (input.rate === null) {
      await Promise.all(
        jars.map(async (jar) => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            const made = await launch(agent, input, jar);
            requests += made;
            latencies.push(performance.now() - t0);
          }
        }),
      );
    } else {
      // Open loop: launch i is due at start + i/rate on the next client in turn; latency counts from when it was due.
      const busy = jars.map(() => Promise.resolve());
      const all: Promise<void>[] = [];
      const interval = 1000 / input.rate;
      for (let i = 0; start + i * interval < deadline; i++) {
        const due = start + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const slot = i % jars.length;
        busy[slot] = busy[slot].then(async () => {
          const made = await launch(agent, input, jars[slot]);
          requests += made;
          latencies.push(performance.now() - due);
        });
        all.push(busy[slot]);
      }
      await Promise.all(all);
    }
    return { launches: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b), requests };
  } finally {
    agent.destroy();
  }
}

// ---------- the app and the report (parent process) ----------

/** Runs the load in a child process and measures this (the app's) process's CPU time meanwhile. */
async function inChild(input: LoadInput): Promise<LoadResult> {
  const before = process.cpuUsage();
  const result = await loadProcess(input);
  const used = process.cpuUsage(before);
  return { ...result, serverCpuMs: (used.user + used.system) / 1000 / Math.max(1, result.launches) };
}

function loadProcess(input: LoadInput): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--load'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load process ended with ${code}`))));
    child.stdin.end(JSON.stringify(input));
  });
}

interface Row {
  scenario: string;
  dialect: string;
  result: LoadResult;
  target: string;
  pass: boolean | null;
  /** Launches/s as a fraction of the floor's iterations/s in the same dialect (same three-request shape). */
  floorRatio?: number;
}

async function runDialect(name: string, database: BenchDatabase, extraEnv: Record<string, string>, options: { seconds: number; clients: number; rate: number }): Promise<Row[]> {
  const db = await openMigrated(database.url);
  // The issuer must be the address the load reaches: pick a free port first.
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const appConfig = loadConfig({ DATABASE_URL: database.url, LEERPOORT_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: origin, ...extraEnv });
  const capabilities = composeCapabilities({ config: appConfig, db, clock: systemClock });
  const app = await buildApp({ config: appConfig, db, clock: systemClock, capabilities });
  try {
    await app.listen({ host: '127.0.0.1', port });
    const fixture = await setUpLaunches(capabilities, app, options.clients);
    const clients: Client[] = fixture.sessionCookies.map((sessionCookie) => ({ sessionCookie }));
    const input = { origin, clientId: fixture.clientId, clientSecret: fixture.clientSecret, redirectUri: fixture.redirectUri, clients };
    await inChild({ ...input, clients: clients.slice(0, 4), seconds: 1, rate: null }); // warm-up, not measured
    const floor = await inChild({ ...input, seconds: options.seconds, rate: null, floor: true });
    const closed = await inChild({ ...input, seconds: options.seconds, rate: null });
    const fixed = await inChild({ ...input, seconds: options.seconds, rate: options.rate });
    const rate = closed.launches / closed.seconds;
    return [
      { scenario: `floor: 3 × GET /oidc/jwks (${clients.length} clients)`, dialect: name, result: floor, target: 'baseline', pass: null },
      { scenario: `launches, closed loop (${clients.length} clients)`, dialect: name, result: closed, target: '≥ 500/s', pass: rate >= 500, floorRatio: rate / (floor.launches / floor.seconds) },
      { scenario: `launches at a fixed ${options.rate}/s`, dialect: name, result: fixed, target: 'latency', pass: null },
    ];
  } finally {
    await app.close();
    await db.close();
    await database.remove();
  }
}

function formatRows(rows: Row[]): string {
  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const pct = (r: LoadResult, p: number) => (r.latencies[Math.min(r.latencies.length - 1, Math.floor(p * r.latencies.length))] ?? 0).toFixed(1);
  const header = ['scenario', 'dialect', 'launches', 'seconds', 'launches/s', 'p50 ms', 'p99 ms', 'app CPU ms/launch', 'requests/launch', 'target', 'result'];
  const body = rows.map((row) => [
    row.scenario,
    row.dialect,
    integer.format(row.result.launches),
    row.result.seconds.toFixed(2),
    integer.format(row.result.launches / row.result.seconds),
    pct(row.result, 0.5),
    pct(row.result, 0.99),
    (row.result.serverCpuMs ?? 0).toFixed(1),
    (row.result.requests / Math.max(1, row.result.launches)).toFixed(2),
    row.target,
    row.pass === null ? '–' : row.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const numeric = (i: number) => i >= 2 && i <= 8;
  const line = (cells: string[]) => cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, clients: { type: 'string', default: '16' }, rate: { type: 'string', default: '100' }, only: { type: 'string' }, load: { type: 'boolean', default: false } } });
  if (values.load) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    process.stdout.write(JSON.stringify(await runLoad(JSON.parse(Buffer.concat(chunks).toString('utf8')) as LoadInput)));
    return;
  }
  const seconds = Math.min(60, Math.max(1, Number(values.seconds) || 8));
  const clients = Math.min(200, Math.max(1, Number.parseInt(values.clients, 10) || 16));
  const rate = Math.min(5000, Math.max(1, Number(values.rate) || 100));
  console.log(`Leerpoort SSO benchmark — ${new Date().toISOString()}, Node ${process.version}, ${CORES} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`One launch = authorize (→ interaction → resume when Leerpoort must ask) → code → token → userinfo (PKCE, ledger records). Loopback HTTP, ${seconds} s per scenario.`);
  const only = values.only;
  if (only && !['sqlite', 'postgres', 'postgres+redis'].includes(only)) throw new Error('--only takes sqlite, postgres or postgres+redis');
  const wanted = (dialect: string) => !only || only === dialect;
  const rows = wanted('sqlite') ? await runDialect('sqlite', await freshSqlite(), {}, { seconds, clients, rate }) : [];
  const adminUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  let postgres: BenchDatabase | null = null;
  try {
    if (wanted('postgres') || wanted('postgres+redis')) postgres = await freshPostgres(adminUrl);
  } catch (error) {
    console.log(`skipped PostgreSQL: ${(error as Error).message} (BENCH_PG_URL names an admin connection)`);
  }
  if (postgres && !wanted('postgres')) await postgres.remove();
  else if (postgres) rows.push(...(await runDialect('postgres', postgres, {}, { seconds, clients, rate })));
  if (postgres && wanted('postgres+redis')) {
    const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
    const redisProblem = await redisReachable(redisUrl);
    if (redisProblem) console.log(`skipped PostgreSQL + Redis: ${redisProblem}`);
    else rows.push(...(await runDialect('postgres+redis', await freshPostgres(adminUrl), { REDIS_URL: redisUrl }, { seconds, clients, rate })));
  }
  console.log(formatRows(rows));
  for (const row of rows) if (row.floorRatio !== undefined) console.log(`${row.dialect}: launches/s = ${(100 * row.floorRatio).toFixed(0)} % of the floor (three requests that do nothing through the same stack, same clients, same run).`);
  console.log(`app CPU ms/launch: CPU time of the app process divided by launches (less disturbed by a busy machine than wall time); 1000 / it is what one core could do for the app alone.`);
  console.log('With Redis, Leerpoort sessions and oidc-provider state (interactions, grants, codes, tokens) are in Redis; clients, keys, people and the ledger stay in the database.');
}

await main();
