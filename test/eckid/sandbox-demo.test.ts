/** The demo's Nummervoorziening: started when none is configured, and Leerpoort's client reaches it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/index.js';
import { DEMO_OIN, startDemoNummervoorziening } from '../../src/demo/nummervoorziening.js';
import { clientFromConfig } from '../../src/eckid/nummervoorziening/index.js';

test('without NUMMERVOORZIENING_URL the demo starts a sandbox, and settings pointing at it give a working client', async () => {
  const demo = await startDemoNummervoorziening(loadConfig({ LEERPOORT_ENV: 'development' }));
  assert.ok(demo);
  try {
    assert.equal(demo.settings.NUMMERVOORZIENING_OIN, DEMO_OIN);
    const config = loadConfig({ LEERPOORT_ENV: 'development', ...demo.settings });
    const client = clientFromConfig(config.nummervoorziening);
    try {
      const stamp = await client.retrieveStampseudonym('0'.repeat(64));
      assert.match(stamp, /^[0-9a-f]{128}$/);
      assert.equal(demo.sandbox.seen.at(-1)?.oin, DEMO_OIN);
    } finally {
      client.close();
    }
  } finally {
    await demo.sandbox.close();
  }
});

test('a configured Nummervoorziening is left alone', async () => {
  assert.equal(await startDemoNummervoorziening(loadConfig({ LEERPOORT_ENV: 'development', NUMMERVOORZIENING_URL: 'https://service.ketenid.nl/eck/ws/201703' })), null);
});
