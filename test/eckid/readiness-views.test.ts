/** The readiness views on their own: pupils grouped per reason with why and what to do, the cap, the chart's numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MissingByReason } from '../../src/eckid/views/parts.js';
import { TrendChart } from '../../src/eckid/views/chart.js';
import { computeCoverage } from '../../src/eckid/coverage/compute.js';
import { readinessReason } from '../../src/eckid/readiness/rules.js';
import { noSchoolFacts } from '../../src/eckid/readiness/facts.js';

const facts = (enrolment: 'aangemeld' | null) => ({ pupil: { enrolment, funded: null, duoExchange: null, duoMessage: null }, school: noSchoolFacts, board: { numberServiceAgreement: true } });
const pupil = (i: number, enrolment: 'aangemeld' | null) => ({
  pupilId: i, lastName: `Achternaam${i}`, prefix: null, firstNames: null, nickname: `Kind${i}`, groupId: 1, groupName: 'Groep 3', hasEckid: false,
  name: `Kind${i} Achternaam${i}`, reason: readinessReason(false, facts(enrolment)), schoolName: 'OBS Test',
});

test('pupils per reason, each group once with why and what to do; a limit leaves a pointer to the CSV', async () => {
  const pupils = [...Array.from({ length: 105 }, (_, i) => pupil(i, null)), pupil(200, 'aangemeld')];
  const html = String(await MissingByReason({ pupils, withSchool: true, limit: 100 }));
  assert.match(html, /<h3 id="reden-registered_not_enrolled">Aangemeld, niet ingeschreven \(1\)<\/h3>/);
  assert.match(html, /<h3 id="reden-unknown">Onbekend \(105\)<\/h3>/);
  assert.equal(html.match(/<th scope="row">Kind\d+ Achternaam\d+<\/th>/g)?.length, 101, '100 unknown + 1 aangemeld');
  assert.match(html, /En nog 5 leerlingen met deze reden; de CSV bevat ze allemaal\./);
  assert.equal(html.match(/Wat te doen:/g)?.length, 2);
  assert.match(html, /<td>OBS Test<\/td>/);
});

test('the trend chart has an accessible title and the same numbers in a table', async () => {
  const coverage = computeCoverage([null, null, null, readinessReason(false, facts(null))]);
  const html = String(await TrendChart({ id: 't', points: [{ day: '2026-09-01', coverage }, { day: '2026-09-02', coverage }] }));
  assert.match(html, /<svg[^>]*role="img"[^>]*aria-labelledby="t-titel"/);
  assert.match(html, /<title id="t-titel">Dekking met ECK iD: van 75% naar 75%/);
  assert.match(html, /<th scope="row">1 september 2026<\/th><td class="number">4<\/td><td class="number">3<\/td><td class="number">1<\/td><td class="number">75%<\/td>/);
  assert.match(String(await TrendChart({ id: 'x', points: [] })), /nog geen meting/);
});
