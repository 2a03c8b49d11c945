/** The hPGN pool: never more hashes at once than its size, and the same hashes as hpgn(). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSalt, TEST_ENVIRONMENT_SALT } from '../../src/eckid/hpgn.js';
import { createHpgnPool } from '../../src/eckid/hpgn-pool.js';

test('a pool of 2 runs at most 2 hashes at once and gives the known hashes', async () => {
  const pool = createHpgnPool(2);
  const salt = decodeSalt(TEST_ENVIRONMENT_SALT);
  let overLimit = false;
  const watch = setInterval(() => { if (pool.running > 2) overLimit = true; }, 5);
  const hashes = await Promise.all(['123456782', '999990001', 'ABC123'].map((pgn) => pool.hash(pgn, salt)));
  clearInterval(watch);
  assert.deepEqual(hashes, [
    '53095309a3b690363ebf10f7454cd82f5d305cf37b26d15c86e50d074c7c6244',
    'ffdc4e2bcdbea50b4e6a2b66fd9c4255fd9e4678a4ba4ce1380d6106034fc601',
    '420ad5f9752c4d4711ea2dbf277f0571b10491b029f74fa8a31615726bfda145',
  ]);
  assert.equal(pool.peak, 2);
  assert.equal(overLimit, false);
  assert.equal(pool.running, 0);
});

test('a pool size must be a positive integer', () => {
  assert.throws(() => createHpgnPool(0), RangeError);
  assert.throws(() => createHpgnPool(1.5), RangeError);
});
