/** ECKID_HPGN_SALT, ECKID_HPGN_CONCURRENCY and JOB_WORKERS as config reads them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const secrets = Object.fromEntries(['COOKIE_SECRET', 'PUPIL_SECRET_KEY', 'SECRET_KEY', 'PSEUDONYM_KEY'].map((name) => [name, `${name.toLowerCase()}-0123456789-0123456789-0123456789`]));

test('outside production an unset salt is the public test salt, announced loudly', () => {
  const config = loadConfig({ LEERPOORT_ENV: 'development' });
  assert.equal(config.eckidRequests.hpgnSalt, 'rktYml0MIp9TC9u6Ny6uqw==');
  assert.equal(config.eckidRequests.hpgnSaltIsTestDefault, true);
  assert.ok(config.warnings.some((warning) => warning.includes('ECKID_HPGN_SALT') && warning.includes('testomgeving')));
});

test('in production an unset salt means no requests, with a warning; a set salt is used as given', () => {
  const unset = loadConfig({ LEERPOORT_ENV: 'production', ...secrets });
  assert.equal(unset.eckidRequests.hpgnSalt, null);
  assert.ok(unset.warnings.some((warning) => warning.includes('ECKID_HPGN_SALT') && warning.includes('GEEN')));
  const set = loadConfig({ LEERPOORT_ENV: 'production', ...secrets, ECKID_HPGN_SALT: 'c2FsdC1mb3ItdGVzdHM=' });
  assert.equal(set.eckidRequests.hpgnSalt, 'c2FsdC1mb3ItdGVzdHM=');
  assert.ok(!set.warnings.some((warning) => warning.includes('ECKID_HPGN_SALT')));
});

test('a salt that is not base64 of at least 8 bytes stops the start', () => {
  assert.throws(() => loadConfig({ ECKID_HPGN_SALT: 'geen base64!' }), ConfigError);
  assert.throws(() => loadConfig({ ECKID_HPGN_SALT: 'YWJj' }), ConfigError);
});

test('hash concurrency defaults to the cores and is bounded; job workers are on except in tests', () => {
  assert.ok(loadConfig({}).eckidRequests.hpgnConcurrency >= 1);
  assert.equal(loadConfig({ ECKID_HPGN_CONCURRENCY: '3' }).eckidRequests.hpgnConcurrency, 3);
  assert.throws(() => loadConfig({ ECKID_HPGN_CONCURRENCY: '0' }), ConfigError);
  assert.equal(loadConfig({ LEERPOORT_ENV: 'development' }).jobWorkers, true);
  assert.equal(loadConfig({ NODE_ENV: 'test' }).jobWorkers, false);
  assert.equal(loadConfig({ NODE_ENV: 'test', JOB_WORKERS: 'on' }).jobWorkers, true);
  assert.throws(() => loadConfig({ JOB_WORKERS: 'misschien' }), ConfigError);
});
