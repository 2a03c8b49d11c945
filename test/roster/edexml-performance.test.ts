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

function fastest(times: number, run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

it('reads a 5,000-pupil file in one pass at a small multiple of tokenising it', async (t) => {
  const roster = generateSchoolRoster({ seed: 2026, brin: '56EF', pupils: 5000 });
  const file = writeEdexml(roster);

  const result = await read(file);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors.slice(0, 3)));
  assert.equal(result.roster.pupils.length, 5000);
  assert.equal(result.roster.pupils[4999].key, roster.pupils[4999].key);

  let readMs = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await read(file);
    readMs = Math.min(readMs, performance.now() - started);
  }
  const tokeniseMs = fastest(5, () => tokeniseOnly(file));
  const megabytes = file.length / (1024 * 1024);
  t.diagnostic(`${megabytes.toFixed(2)} MB, 5000 pupils: read ${readMs.toFixed(0)} ms = ${(megabytes / (readMs / 1000)).toFixed(1)} MB/s, `
    + `${Math.round(5000 / (readMs / 1000))} pupils/s; saxes alone ${tokeniseMs.toFixed(0)} ms (x${(readMs / tokeniseMs).toFixed(2)})`);
  assert.ok(readMs < tokeniseMs * 5, `checking costs ${(readMs / tokeniseMs).toFixed(1)}x tokenising`);
});
