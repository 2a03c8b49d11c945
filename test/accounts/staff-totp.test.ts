import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, matchingStep, newTotpSecret, otpauthUri, totpAt, totpCode, verifyTotp } from '../../src/accounts/staff/totp.js';

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's key size.
const seed = (length: number) => Buffer.from('1234567890'.repeat(7).slice(0, length), 'ascii');
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

test('TOTP matches the RFC 6238 test vectors (SHA-1, SHA-256, SHA-512, 8 digits)', () => {
  for (const [time, sha1, sha256, sha512] of VECTORS) {
    assert.equal(totpAt(seed(20), time, 8, 'sha1'), sha1, `SHA-1 at ${time}`);
    assert.equal(totpAt(seed(32), time, 8, 'sha256'), sha256, `SHA-256 at ${time}`);
    assert.equal(totpAt(seed(64), time, 8, 'sha512'), sha512, `SHA-512 at ${time}`);
  }
});

test('6-digit codes are the last six digits of the RFC values', () => {
  assert.equal(totpAt(seed(20), 59), '287082');
  assert.equal(totpAt(seed(20), 1111111109), '081804');
});

test('base32 round trip and the RFC 4648 example', () => {
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.equal(base32Decode('MZXW6YTBOI').toString(), 'foobar');
  assert.equal(base32Decode('mzxw 6ytb oi======').toString(), 'foobar');
  const secret = newTotpSecret();
  assert.equal(secret.length, 32);
  assert.equal(base32Decode(secret).length, 20);
  assert.throws(() => base32Decode('not base32!'));
});

test('verification accepts one step of drift either way, nothing further, and only six digits', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-11-29T08:00:10Z');
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  assert.equal(verifyTotp(secret, totpCode(secret, now), now), true);
  assert.equal(verifyTotp(secret, totpCode(secret, at(-30)), now), true);
  assert.equal(verifyTotp(secret, totpCode(secret, at(30)), now), true);
  assert.equal(verifyTotp(secret, totpCode(secret, at(-60)), now), false);
  assert.equal(verifyTotp(secret, totpCode(secret, at(90)), now), false);
  assert.equal(verifyTotp(secret, 'abcdef', now), false);
  assert.equal(verifyTotp(secret, '12345', now), false);
  const code = totpCode(secret, now);
  assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now), true);
});

test('the otpauth URI names the issuer and account and carries the parameters', () => {
  const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'juf@school.nl');
  assert.equal(uri, 'otpauth://totp/Leerpoort%3Ajuf%40school.nl?secret=JBSWY3DPEHPK3PXP&issuer=Leerpoort&algorithm=SHA1&digits=6&period=30');
});

test('matchingStep names the step and refuses steps up to the last one used', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-11-29T08:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);
  const code = totpCode(secret, now);
  assert.equal(matchingStep(secret, code, now), step);
  assert.equal(matchingStep(secret, code, now, step - 1), step);
  assert.equal(matchingStep(secret, code, now, step), null, 'the same step again');
  assert.equal(matchingStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, step), null, 'an older step after a newer one');
  assert.equal(matchingStep(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now, step), step + 1, 'the next step');
});
