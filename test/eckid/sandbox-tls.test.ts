/**
 * Mutual TLS between the client and the sandbox: a CA, a server and a client certificate are
 * made with the openssl CLI for this test. With the right client certificate the call goes
 * through (and the sandbox sees who called); without one, with one from another CA, or
 * without trusting the sandbox's CA, the TLS handshake is refused.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { createNummervoorzieningClient, NummervoorzieningError, readTlsMaterial } from '../../src/eckid/nummervoorziening/index.js';
import { startSandbox, type RunningSandbox } from '../../src/eckid/sandbox/index.js';

const OPENSSL = '/usr/bin/openssl';
const skip = fs.existsSync(OPENSSL) ? false : 'openssl (/usr/bin/openssl) is niet aanwezig';
const OIN = '00000001234567890000';

/** One CA signing a server certificate (for 127.0.0.1) and a client certificate, in `dir`. */
function makeCertificates(dir: string, caName: string, prefix = ''): void {
  const run = (...args: string[]) => execFileSync(OPENSSL, args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', `${prefix}ca.key`, '-out', `${prefix}ca.crt`, '-days', '2', '-subj', `/CN=${caName}`);
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, cn] of [['server', '127.0.0.1'], ['client', 'Leerpoort test client']]) {
    run('req', ...ec, '-keyout', `${prefix}${name}.key`, '-out', `${prefix}${name}.csr`, '-subj', `/CN=${cn}`);
    run('x509', '-req', '-in', `${prefix}${name}.csr`, '-CA', `${prefix}ca.crt`, '-CAkey', `${prefix}ca.key`, '-CAcreateserial', '-out', `${prefix}${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
  }
}

let dir: string;
let sandbox: RunningSandbox;
const file = (name: string) => path.join(dir, name);

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-nv-tls-'));
  makeCertificates(dir, 'Leerpoort test CA');
  makeCertificates(dir, 'Rogue CA', 'rogue-');
  sandbox = await startSandbox({ key: 'tls-key', tls: { key: fs.readFileSync(file('server.key')), cert: fs.readFileSync(file('server.crt')), ca: fs.readFileSync(file('ca.crt')) } });
});
after(async () => {
  if (skip) return;
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('with the client certificate: the call succeeds over https and the sandbox sees the certificate and the OIN', { skip }, async () => {
  assert.match(sandbox.url, /^https:\/\/127\.0\.0\.1:\d+\/eck\/ws\/201703$/);
  const client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN, tls: readTlsMaterial({ certPath: file('client.crt'), keyPath: file('client.key'), caPath: file('ca.crt') }) });
  try {
    assert.equal((await client.ping()).available, true);
    const seen = sandbox.seen.at(-1);
    assert.equal(seen?.clientCertificateSubject, 'Leerpoort test client');
    assert.equal(seen?.oin, OIN);
  } finally {
    client.close();
  }
});

const refusedCases: Array<[string, { certPath: string | null; keyPath: string | null; caPath: string | null }]> = [
  ['without a client certificate', { certPath: null, keyPath: null, caPath: 'ca.crt' }],
  ['with a client certificate from another CA', { certPath: 'rogue-client.crt', keyPath: 'rogue-client.key', caPath: 'ca.crt' }],
  ['without trusting the sandbox CA', { certPath: 'client.crt', keyPath: 'client.key', caPath: null }],
];
for (const [name, paths] of refusedCases) {
  test(`${name}: tls_refused`, { skip }, async () => {
    const before = sandbox.seen.length;
    const resolved = { certPath: paths.certPath && file(paths.certPath), keyPath: paths.keyPath && file(paths.keyPath), caPath: paths.caPath && file(paths.caPath) };
    const client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN, tls: readTlsMaterial(resolved), timeoutMs: 5000 });
    try {
      // TLS 1.3: a refused client certificate may reach the client as an alert (never retry)
      // or as a reset right after the handshake (still tls_refused, but retried later).
      await assert.rejects(client.ping(), (error: NummervoorzieningError) => error.code === 'nummervoorziening.tls_refused' && error.retry.kind !== 'poll' && /certificaat/.test(error.message));
      assert.equal(sandbox.seen.length, before, 'no SOAP request reached the service');
    } finally {
      client.close();
    }
  });
}

test('a bare TLS connection without a client certificate is refused in the handshake', { skip }, async () => {
  const port = Number(new URL(sandbox.url).port);
  const outcome = await new Promise<string>((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: fs.readFileSync(file('ca.crt')), servername: '' });
    socket.on('secureConnect', () => socket.write('GET /eck/ws/201703?wsdl HTTP/1.1\r\nHost: x\r\n\r\n'));
    socket.on('data', () => resolve('data'));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(`error:${error.code}`));
    socket.on('close', () => resolve('closed'));
  });
  assert.notEqual(outcome, 'data', 'no HTTP answer without a certificate');
  assert.match(outcome, /error:(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED|ECONNRESET|ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)|closed/);
});

test('unreadable certificate files: a clear tls_refused error naming the file', { skip }, () => {
  assert.throws(() => readTlsMaterial({ certPath: file('bestaat-niet.crt'), keyPath: null, caPath: null }), (error: NummervoorzieningError) => error.code === 'nummervoorziening.tls_refused' && error.message.includes('bestaat-niet.crt'));
});

test('leerpoort eckid sandbox --tls-dir starts an https sandbox that the client reaches with its certificate', { skip }, async () => {
  const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-nv-cli-'));
  for (const name of ['server.key', 'server.crt', 'ca.crt']) fs.copyFileSync(file(name), path.join(tlsDir, name));
  const bin = fileURLToPath(new URL('../../bin/leerpoort.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, 'eckid', 'sandbox', '--port', '0', '--tls-dir', tlsDir, '--batch-delay', '0'], { cwd: tlsDir, env: { ...process.env, LEERPOORT_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const match = /NUMMERVOORZIENING_URL=(\S+)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.on('close', (code) => reject(new Error(`sandbox stopped (${code}): ${out}`)));
    });
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\/eck\/ws\/201703$/);
    const client = createNummervoorzieningClient({ url, oin: OIN, tls: readTlsMaterial({ certPath: file('client.crt'), keyPath: file('client.key'), caPath: file('ca.crt') }) });
    try {
      const id = await client.submitStampseudonymBatch(['a'.repeat(64)]);
      assert.equal((await client.waitForBatch(id, { intervalMs: 20 })).success.length, 1);
    } finally {
      client.close();
    }
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(tlsDir, { recursive: true, force: true });
  }
});
