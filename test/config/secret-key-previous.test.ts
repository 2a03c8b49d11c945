/** SECRET_KEY_PREVIOUS as config reads it: optional, as long as a secret, announced while set. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const KEY = 'nieuwe-sleutel-0123456789-0123456789';
const OLD = 'oude-sleutel-0123456789-0123456789-01';

test('unset: no previous key and no warning about it', () => {
  const config = loadConfig({ SECRET_KEY: KEY });
  assert.equal(config.secretKeyPrevious, null);
  assert.ok(!config.warnings.some((warning) => warning.includes('SECRET_KEY_PREVIOUS')));
});

test('set: used, with a reminder that the rotation is not finished', () => {
  const config = loadConfig({ LEERPOORT_ENV: 'production', COOKIE_SECRET: OLD, PUPIL_SECRET_KEY: OLD, PSEUDONYM_KEY: OLD, SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: OLD });
  assert.equal(config.secretKeyPrevious, OLD);
  assert.ok(config.warnings.some((warning) => warning.includes('SECRET_KEY_PREVIOUS') && warning.includes('leerpoort secrets reseal')));
});

test('too short stops the start; the same as SECRET_KEY is ignored with a warning', () => {
  assert.throws(() => loadConfig({ SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: 'kort' }), (error) => error instanceof ConfigError && /SECRET_KEY_PREVIOUS/.test(error.message));
  const same = loadConfig({ SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: KEY });
  assert.equal(same.secretKeyPrevious, null);
  assert.ok(same.warnings.some((warning) => warning.includes('gelijk aan SECRET_KEY')));
});
