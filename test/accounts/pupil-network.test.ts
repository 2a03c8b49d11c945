/** School network ranges and the pupil login settings: parsing, IPv6, IPv4-mapped addresses, refusals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressInRanges, normaliseAddress, parseRange, parseRangeList } from '../../src/accounts/pupils/index.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';

test('ranges: IPv4 and IPv6 CIDR, single addresses, refusals', () => {
  assert.equal(parseRange('192.0.2.0/24')?.cidr, '192.0.2.0/24');
  assert.equal(parseRange(' 192.0.2.7 ')?.cidr, '192.0.2.7/32');
  assert.equal(parseRange('2001:DB8::/32')?.cidr, '2001:db8::/32');
  assert.equal(parseRange('2001:db8::1')?.cidr, '2001:db8::1/128');
  for (const bad of ['192.0.2.0/33', '2001:db8::/129', '300.1.1.1', 'school', '10.0.0.0/', '10.0.0.0/8/8', '']) {
    assert.equal(parseRange(bad), null, bad);
  }
  const list = parseRangeList('10.0.0.0/8, 10.0.0.0/8\n2001:db8::/48 nope');
  assert.deepEqual(list.ranges.map((r) => r.cidr), ['10.0.0.0/8', '2001:db8::/48']);
  assert.deepEqual(list.invalid, ['nope']);
});

test('matching: IPv4, IPv6 and IPv4-mapped IPv6 addresses', () => {
  const ranges = ['192.0.2.0/24', '2001:db8:12::/48'];
  assert.ok(addressInRanges('192.0.2.200', ranges));
  assert.ok(addressInRanges('::ffff:192.0.2.200', ranges), 'a dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d');
  assert.ok(addressInRanges('::FFFF:192.0.2.1', ranges));
  assert.ok(!addressInRanges('192.0.3.1', ranges));
  assert.ok(addressInRanges('2001:db8:12:ffff::1', ranges));
  assert.ok(!addressInRanges('2001:db8:13::1', ranges));
  assert.ok(!addressInRanges('not an address', ranges));
  assert.ok(!addressInRanges('192.0.2.1', []));
  assert.equal(normaliseAddress('::ffff:10.1.2.3'), '10.1.2.3');
  assert.equal(normaliseAddress('2001:DB8::1'), '2001:db8::1');
  assert.equal(normaliseAddress('1.2.3'), null);
});

test('settings: PUPIL_SECRET_KEY dev default warns, is refused in production, must be long; limits configurable', () => {
  const dev = loadConfig({ NODE_ENV: 'test' });
  assert.ok(dev.warnings.some((w) => w.includes('PUPIL_SECRET_KEY')));
  assert.deepEqual(
    { ...dev.pupilLogin, secretKey: undefined },
    { secretKey: undefined, maxFailuresPerPupil: 5, lockMinutes: 5, maxFailuresPerDevice: 20, deviceWindowMinutes: 10, maxAttemptsPerIpPerMinute: 600 },
  );
  const production = { LEERPOORT_ENV: 'production', COOKIE_SECRET: 'c'.repeat(40) };
  assert.throws(() => loadConfig(production), (error: unknown) => error instanceof ConfigError && /PUPIL_SECRET_KEY/.test(error.message));
  assert.throws(() => loadConfig({ ...production, PUPIL_SECRET_KEY: 'short' }), ConfigError);
  const set = loadConfig({ ...production, PUPIL_SECRET_KEY: 'p'.repeat(40), SECRET_KEY: 'k'.repeat(40), PSEUDONYM_KEY: 's'.repeat(40), PUPIL_MAX_FAILURES: '3', TRUST_PROXY: '10.0.0.1' });
  assert.equal(set.pupilLogin.maxFailuresPerPupil, 3);
  assert.equal(set.trustProxy, '10.0.0.1');
  assert.ok(!set.warnings.some((w) => w.includes('PUPIL_SECRET_KEY')));
  assert.equal(loadConfig({ NODE_ENV: 'test' }).trustProxy, false, 'without TRUST_PROXY the socket address counts');
  assert.throws(() => loadConfig({ NODE_ENV: 'test', PUPIL_LOCK_MINUTES: '0' }), ConfigError);
});
