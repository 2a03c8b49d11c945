/** The secret box: values round-trip, are bound to their purpose and key, and tampering is refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretBox } from '../../src/lib/secret-box.js';

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
