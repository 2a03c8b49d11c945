/**
 * A 5,000-pupil file read in one streaming pass: every pupil comes through, and checking the
 * file costs a small multiple of what saxes needs just to tokenise it. The figures (MB/s,
 * pupils/s) are printed as test diagnostics; the import benchmark (bench/) owns the targets.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SaxesParser } from 'saxes';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import { checkCodesAgainstCatalogue, read } from './edexml-support.js';

checkCodesAgainstCatalogue();

/** Tokenising only, with the same parser options and decoding: the floor for any reader. */
function tokeniseOnly(file: Buffer): number {
  const parser = new SaxesParser({ xmlns: true });
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.on('text', () => undefined);
  parser.write(new TextDecoder('utf-8', { fatal: true }).decode(file)).close();
  return elements;
}

it('reads a 5,000-pupil file in one pass at a small multiple of tokenising it', async (t) => {
  const roster = generateSchoolRoster({ seed: 2026, brin: '56EF', pupils: 5000 });
  const file = writeEdexml(roster);

  const result = await read(file);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors.slice(0, 3)));
  assert.equal(result.roster.pupils.length, 5000);
  assert.equal(result.roster.pupils[4999].key, roster.pupils[4999].key);

  // Alternate the two so both are measured under the same machine load; keep the best of each.
  let readMs = Infinity;
  let tokeniseMs = Infinity;
  for (let round = 0; round < 7; round++) {
    let started = performance.now();
    await read(file);
    readMs = Math.min(readMs, performance.now() - started);
    started = performance.now();
    tokeniseOnly(file);
    tokeniseMs = Math.min(tokeniseMs, performance.now() - started);
  }
  const megabytes = file.length / (1024 * 1024);
  t.diagnostic(`${megabytes.toFixed(2)} MB, 5000 pupils: read ${readMs.toFixed(0)} ms = ${(megabytes / (readMs / 1000)).toFixed(1)} MB/s, `
    + `${Math.round(5000 / (readMs / 1000))} pupils/s; saxes alone ${tokeniseMs.toFixed(0)} ms (x${(readMs / tokeniseMs).toFixed(2)})`);
  // A generous bound: it catches a DOM or quadratic work, not noise from a busy machine.
  assert.ok(readMs < tokeniseMs * 6, `checking costs ${(readMs / tokeniseMs).toFixed(1)}x tokenising`);
});
