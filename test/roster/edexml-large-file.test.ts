/**
 * A 5,000-pupil file read in one streaming pass: every pupil comes through. Speed is measured
 * by the import benchmark (`npm run bench:import`, parse-only baseline), not by a timed test.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import { checkCodesAgainstCatalogue, read } from './edexml-support.js';

checkCodesAgainstCatalogue();

it('reads a 5,000-pupil file in one streaming pass', async () => {
  const roster = generateSchoolRoster({ seed: 2026, brin: '56EF', pupils: 5000 });
  const file = writeEdexml(roster);

  const result = await read(file);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors.slice(0, 3)));
  assert.equal(result.roster.pupils.length, 5000);
  assert.equal(result.roster.pupils[4999].key, roster.pupils[4999].key);
});
