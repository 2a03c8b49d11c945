/** Settings for the Nummervoorziening: validated in config, turned into a working client. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { clientFromConfig, NummervoorzieningError } from '../../src/eckid/nummervoorziening/index.js';
import { startSandbox } from '../../src/eckid/sandbox/index.js';

const base = { LEERPOORT_ENV: 'test' };
const OIN = '00000001234567890000';

test('unset: no endpoint and no OIN; the client refuses with not_configured', () => {
  const config = loadConfig(base);
  assert.deepEqual({ ...config.nummervoorziening }, { url: null, oin: null, certPath: null, keyPath: null, caPath: null });
  assert.throws(() => clientFromConfig(config.nummervoorziening), (error: NummervoorzieningError) => error.code === 'nummervoorziening.not_configured' && /NUMMERVOORZIENING_URL/.test(error.message));
});

test('bad settings are refused with a Dutch sentence', () => {
  assert.throws(() => loadConfig({ ...base, NUMMERVOORZIENING_URL: 'ftp://x' }), (error: ConfigError) => /https-adres/.test(error.message));
  assert.throws(() => loadConfig({ ...base, NUMMERVOORZIENING_URL: 'geen url' }), ConfigError);
  assert.throws(() => loadConfig({ ...base, NUMMERVOORZIENING_OIN: '12345' }), (error: ConfigError) => /20 cijfers/.test(error.message));
  const production = { LEERPOORT_ENV: 'production', COOKIE_SECRET: 'c'.repeat(40), PUPIL_SECRET_KEY: 'p'.repeat(40), SECRET_KEY: 's'.repeat(40), PSEUDONYM_KEY: 'k'.repeat(40) };
  assert.throws(() => loadConfig({ ...production, NUMMERVOORZIENING_URL: 'http://nv.example/eck' }), (error: ConfigError) => /https/.test(error.message), 'plain http only outside production');
  assert.equal(loadConfig({ ...production, NUMMERVOORZIENING_URL: 'https://service.ketenid.nl/eck/ws/201703' }).nummervoorziening.url, 'https://service.ketenid.nl/eck/ws/201703');
});

test('configured: clientFromConfig talks to the endpoint with the configured OIN', async () => {
  const sandbox = await startSandbox({ key: 'config-key' });
  const config = loadConfig({ ...base, NUMMERVOORZIENING_URL: sandbox.url, NUMMERVOORZIENING_OIN: OIN });
  const client = clientFromConfig(config.nummervoorziening);
  try {
    assert.equal((await client.ping()).available, true);
    assert.equal(sandbox.seen.at(-1)?.oin, OIN);
  } finally {
    client.close();
    await sandbox.close();
  }
});
