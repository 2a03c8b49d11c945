/**
 * hPGN vectors computed with a second implementation (Python's hashlib.scrypt):
 *   hashlib.scrypt(pgn.lower().encode('utf-8'), salt=base64.b64decode(salt), n=131072, r=8, p=4,
 *                  dklen=32, maxmem=256*1024*1024).hex()
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSalt, hpgn, TEST_ENVIRONMENT_SALT } from '../../src/eckid/hpgn.js';

const testSalt = decodeSalt(TEST_ENVIRONMENT_SALT);

const vectors: Array<[string, string]> = [
  ['123456782', '53095309a3b690363ebf10f7454cd82f5d305cf37b26d15c86e50d074c7c6244'],
  ['999990001', 'ffdc4e2bcdbea50b4e6a2b66fd9c4255fd9e4678a4ba4ce1380d6106034fc601'],
  // Python lowercases first: 'AbC123' is hashed as 'abc123', 'Zoë-ÖNR' as 'zoë-önr' (UTF-8, 2-byte ë and ö).
  ['AbC123', '420ad5f9752c4d4711ea2dbf277f0571b10491b029f74fa8a31615726bfda145'],
  ['Zoë-ÖNR', '5d04b9bc1137bf4996e85541cfa4740c89e9993faaf9d488820540ebd60f264f'],
];

test('hPGN matches the vectors of a second implementation (test-environment salt)', async () => {
  const hashes = await Promise.all(vectors.map(([pgn]) => hpgn(pgn, testSalt)));
  assert.deepEqual(hashes, vectors.map(([, hash]) => hash));
});

test('hPGN lowercases before hashing and hashes UTF-8, not Latin-1 or UTF-16', async () => {
  const [upper, lower, decomposed] = await Promise.all([
    hpgn('ZOË-ÖNR', testSalt),
    hpgn('zoë-önr', testSalt),
    // The same letters decomposed (e + U+0308): other UTF-8 bytes, so another hash; we do not normalise.
    hpgn('zoe\u0308-o\u0308nr', testSalt),
  ]);
  assert.equal(upper, '5d04b9bc1137bf4996e85541cfa4740c89e9993faaf9d488820540ebd60f264f');
  assert.equal(lower, upper);
  assert.notEqual(decomposed, upper);
  assert.match(upper, /^[0-9a-f]{64}$/);
});

test('hPGN depends on the salt', async () => {
  const other = decodeSalt('c2FsdC1mb3ItdGVzdHM=');
  assert.equal(await hpgn('123456782', other), '1d084245088c83d5f8be9ed871b40b2eaa681887f69c5c21d6bf761e9a5759b2');
});

test('a salt that is not base64 of at least 8 bytes is refused', () => {
  assert.throws(() => decodeSalt('niet base64!'), /base64/);
  assert.throws(() => decodeSalt('YWJj'), /minstens 8 bytes/);
  assert.equal(decodeSalt(` ${TEST_ENVIRONMENT_SALT} `).length, 16);
});
