/**
 * `leerpoort serve --workers N` on PostgreSQL: N processes on one port share sessions, a killed
 * process is replaced while the others keep serving a signed-in operator, and SIGTERM stops all.
 * On SQLite several processes are refused in Dutch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { postgresSkipReason, testDatabases } from '../helpers/databases.js';
import { runCli, tempDir } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/leerpoort.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function workerPids(primary: number): number[] {
  try {
    // Node processes only: tsx also starts an esbuild child per process.
    const rows = execFileSync('ps', ['--ppid', String(primary), '-o', 'pid=,comm='], { encoding: 'utf8' }).trim().split('\n');
    return rows.map((row) => row.trim().split(/\s+/)).filter(([, comm]) => comm === 'node').map(([pid]) => Number(pid));
  } catch {
    return [];
  }
}

/**
 * GET on a fresh connection: a kept-alive socket to a killed worker is dead, and this test is
 * about new requests reaching a live one (browsers retry such a GET themselves).
 */
function freshGet(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { cookie }, timeout: 10_000 }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error(`no answer from ${url} within 10 s`));
      })
      .on('error', reject);
  });
}

/** Signs in with a one-time login link the way a browser does; returns the cookie header. */
async function signIn(base: string, databaseUrl: string): Promise<string> {
  const issued = await runCli(['login-link', '--label', `Werkers ${process.pid}`], { databaseUrl, env: { PUBLIC_URL: base } });
  const link = /(http:\/\/\S+\/inloggen\/link\/\S+)/.exec(issued.stdout)![1];
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const confirm = await fetch(link);
  keep(confirm);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await confirm.text())![1];
  const done = await fetch(link, { method: 'POST', redirect: 'manual', headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf }) });
  assert.equal(done.status, 303);
  keep(done);
  return header();
}

test('serve --workers 2: shared sessions, a killed worker is replaced, SIGTERM stops every process', { skip: postgresSkipReason ?? false, timeout: 180_000 }, async (t) => {
  const databaseUrl = process.env.LEERPOORT_TEST_PG!;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [BIN, 'serve', '--workers', '2'], {
    cwd: tempDir(),
    env: { ...process.env, LEERPOORT_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    for (const pid of workerPids(child.pid!)) process.kill(pid, 'SIGKILL');
    child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const announced = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(stdout) && resolve();
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        check();
      });
      check();
      child.once('exit', (code) => reject(new Error(`serve stopped (${code}): ${stderr}`)));
    });
  await announced(/Leerpoort draait op .* met 2 processen/);
  assert.equal((stdout.match(/Leerpoort draait op/g) ?? []).length, 1, 'announced once, by the primary');

  const cookie = await signIn(base, databaseUrl);
  const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/beheer`, { headers: { cookie }, redirect: 'manual' })));
  assert.deepEqual(new Set(pages.map((p) => p.status)), new Set([200]), 'every worker knows the session');

  const [victim, survivor] = workerPids(child.pid!);
  assert.ok(victim && survivor, 'two worker processes');
  process.kill(victim, 'SIGKILL');
  // Connections the primary handed to the victim in the instant before it noticed are lost (a
  // browser retries those); from the moment it knows, every new connection reaches a live worker.
  for (let i = 0; i < 100 && !/stopte onverwacht/.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(stderr, new RegExp(`Proces ${victim} stopte onverwacht \\(SIGKILL\\); er start een nieuw proces`));
  for (let i = 0; i < 10; i++) {
    assert.equal(await freshGet(`${base}/beheer`, cookie), 200, 'the other worker keeps serving the signed-in operator');
  }
  for (let i = 0; i < 100 && workerPids(child.pid!).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  const replaced = workerPids(child.pid!);
  assert.equal(replaced.length, 2);
  assert.ok(!replaced.includes(victim));

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
  assert.match(stdout, /SIGTERM ontvangen: alle processen ronden lopende verzoeken af en stoppen\./);
  for (const pid of replaced) assert.throws(() => process.kill(pid, 0), 'no worker outlives the primary');
});

test('serve --workers 2 on SQLite is refused in Dutch', async () => {
  const result = await runCli(['serve', '--workers', '2'], { databaseUrl: testDatabases()[0].url });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Meerdere serverprocessen \(--workers 2\) kunnen alleen met PostgreSQL/);
  const invalid = await runCli(['serve', '--workers', 'veel'], { databaseUrl: testDatabases()[0].url });
  assert.notEqual(invalid.code, 0);
  assert.match(invalid.stderr, /kies een geheel getal van 1 tot en met 64/);
});
