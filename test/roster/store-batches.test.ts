/**
 * The batch sizes of multi-row INSERTs: every row exactly once, within the parameter limit of
 * both databases, from a small fixed set of sizes (so the SQL texts repeat).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchSizes } from '../../src/roster/store-batches.js';

test('batch sizes cover every row once, stay under 30,000 parameters and come from a fixed set', () => {
  const seen = new Set<number>();
  for (const columns of [3, 5, 17, 18, 100]) {
    for (let count = 0; count <= 2_100; count++) {
      const sizes = batchSizes(count, columns);
      assert.equal(sizes.reduce((sum, size) => sum + size, 0), count, `${count} rows of ${columns} columns`);
      for (const [i, size] of sizes.entries()) {
        assert.ok(size * columns <= 30_000, `${size} rows of ${columns} columns`);
        assert.ok(i === 0 || size <= sizes[i - 1], 'largest first');
        seen.add(size);
      }
    }
  }
  assert.deepEqual([...seen].sort((a, b) => a - b), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
  assert.deepEqual(batchSizes(250, 18), [128, 64, 32, 16, 8, 2]);
  assert.deepEqual(batchSizes(1_100, 18), [512, 512, 64, 8, 4]);
});
