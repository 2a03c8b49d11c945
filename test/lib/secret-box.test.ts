/** The secret box: values round-trip, are bound to their purpose and key, and tampering is refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretBox, isSealedValue } from '../../src/lib/secret-box.js';

const box = createSecretBox('k'.repeat(40));

test('a sealed value opens with the same key and purpose, and never contains the plaintext', () => {
  const sealed = box.seal('JBSWY3DPEHPK3PXP', 'staff.totp');
  assert.match(sealed, /^sb1\.[A-Za-z0-9_-]+$/);
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.equal(box.open(sealed, 'staff.totp'), 'JBSWY3DPEHPK3PXP');
  assert.notEqual(box.seal('same', 'p'), box.seal('same', 'p'), 'a fresh IV each time');
});

test('another purpose, another key or one flipped bit is refused', () => {
  const sealed = box.seal('geheim', 'oidc.signing-key');
  assert.throws(() => box.open(sealed, 'staff.totp'));
  assert.throws(() => createSecretBox('x'.repeat(40)).open(sealed, 'oidc.signing-key'));
  const raw = Buffer.from(sealed.slice(4), 'base64url');
  raw[raw.length - 1] ^= 1;
  assert.throws(() => box.open(`sb1.${raw.toString('base64url')}`, 'oidc.signing-key'));
  assert.throws(() => box.open('plain text', 'oidc.signing-key'));
});

test('during a rotation: values under the previous key open, new values are sealed under the current key', () => {
  const keyA = 'a'.repeat(40);
  const keyB = 'b'.repeat(40);
  const underA = createSecretBox(keyA).seal('geheim-A', 'pupils.card');
  const rotating = createSecretBox(keyB, [keyA]);
  assert.equal(rotating.open(underA, 'pupils.card'), 'geheim-A');
  assert.throws(() => rotating.open(underA, 'staff.totp'), 'the purpose still binds under the previous key');

  const underB = rotating.seal('geheim-B', 'pupils.card');
  assert.equal(createSecretBox(keyB).open(underB, 'pupils.card'), 'geheim-B', 'sealed under the current key only');
  assert.throws(() => createSecretBox(keyA).open(underB, 'pupils.card'));
});

test('reseal: null when already under the current key, a value under the current key otherwise, refused under no key', () => {
  const keyA = 'a'.repeat(40);
  const keyB = 'b'.repeat(40);
  const rotating = createSecretBox(keyB, [keyA]);
  const underB = rotating.seal('al goed', 'oidc.client-secret');
  assert.equal(rotating.reseal(underB, 'oidc.client-secret'), null);

  const moved = rotating.reseal(createSecretBox(keyA).seal('oud', 'oidc.client-secret'), 'oidc.client-secret');
  assert.ok(moved);
  assert.equal(createSecretBox(keyB).open(moved, 'oidc.client-secret'), 'oud', 'opens without the previous key');

  const underC = createSecretBox('c'.repeat(40)).seal('onbekend', 'oidc.client-secret');
  assert.throws(() => rotating.reseal(underC, 'oidc.client-secret'));
  assert.throws(() => rotating.open(underC, 'oidc.client-secret'));
  assert.throws(() => rotating.reseal('plain text', 'oidc.client-secret'));
});

test('isSealedValue tells the box format from base32 plaintext', () => {
  assert.ok(isSealedValue(box.seal('x', 'p')));
  assert.ok(!isSealedValue('JBSWY3DPEHPK3PXP'));
});
