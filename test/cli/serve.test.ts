/** `leerpoort serve`: listens, answers, says where to open it, and stops cleanly on SIGTERM. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { testDatabases } from '../helpers/databases.js';
import { runCli, tempDir } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/leerpoort.mjs', import.meta.url));

for (const database of testDatabases()) {
  test(`[${database.name}] serve starts from any directory, renders pages, refuses a taken port in Dutch, and stops on SIGTERM`, async (t) => {
    // Another working directory than the repository, as a service manager would use.
    const child = spawn(process.execPath, [BIN, 'serve'], {
      cwd: tempDir(),
      env: { ...process.env, LEERPOORT_ENV: 'test', DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /Leerpoort draait op (http:\/\/127\.0\.0\.1:\d+) \(database: /.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve stopped early (${code}): ${stderr}`)));
    });
    assert.match(stderr, /^LET OP: COOKIE_SECRET is niet gezet/m);

    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    const page = await fetch(`${url}/inloggen`);
    assert.equal(page.status, 200, 'the server-rendered (JSX) pages compile wherever the command runs');

    const port = new URL(url).port;
    const second = await runCli(['serve'], { databaseUrl: database.url, env: { PORT: port, HOST: '127.0.0.1' } });
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`Poort ${port} op 127\\.0\\.0\\.1 is al in gebruik`));

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(stdout, /SIGTERM ontvangen: Leerpoort rondt lopende verzoeken af en stopt\./);
  });
}
