/** Coverage arithmetic and the trend: counts per reason, expected-without apart, carry-forward per school. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeCoverage, dayOf, schoolYearStart, sumCoverage, trend, type Coverage } from '../../src/eckid/coverage/compute.js';
import { csvCell, missingCsv } from '../../src/eckid/coverage/csv.js';
import { readinessReason } from '../../src/eckid/readiness/rules.js';
import { noPupilFacts, noSchoolFacts } from '../../src/eckid/readiness/facts.js';

const unknownFacts = { pupil: noPupilFacts, school: noSchoolFacts, board: { numberServiceAgreement: null } };
const expectedFacts = { ...unknownFacts, school: { ...noSchoolFacts, fundedSchoolType: false } };

test('coverage: with ECK iD, missing per reason, and no-ECK-iD-expected counted apart', () => {
  const c = computeCoverage([null, null, readinessReason(false, unknownFacts), readinessReason(false, expectedFacts)]);
  assert.equal(c.pupils, 4);
  assert.equal(c.withEckid, 2);
  assert.equal(c.missing, 1);
  assert.equal(c.expectedWithout, 1);
  assert.equal(c.share, 0.5);
  assert.equal(c.byReason.unknown, 1);
  assert.equal(c.byReason.unfunded_school_type, 1);
  assert.equal(computeCoverage([]).share, 1, 'no pupils: nothing is missing');
});

const cov = (pupils: number, withEckid: number): Coverage => computeCoverage([...Array(withEckid).fill(null), ...Array(pupils - withEckid).fill(readinessReason(false, unknownFacts))]);

test('trend: a school without a snapshot that day counts with its latest earlier one', () => {
  const points = trend([
    { schoolId: 1, day: '2026-09-01', coverage: cov(10, 5) },
    { schoolId: 2, day: '2026-09-02', coverage: cov(20, 10) },
    { schoolId: 1, day: '2026-09-03', coverage: cov(10, 9) },
  ]);
  assert.deepEqual(points.map((p) => [p.day, p.coverage.pupils, p.coverage.withEckid]), [['2026-09-01', 10, 5], ['2026-09-02', 30, 15], ['2026-09-03', 30, 19]]);
  assert.deepEqual(sumCoverage([cov(10, 5), cov(20, 10)]).byReason.unknown, 15);
});

test('days are Dutch calendar days; the school year starts on 1 August', () => {
  assert.equal(dayOf(new Date('2026-10-14T22:30:00Z')), '2026-10-15', 'half past midnight in Amsterdam');
  assert.equal(schoolYearStart('2026-10-15'), '2026-08-01');
  assert.equal(schoolYearStart('2027-03-01'), '2026-08-01');
  assert.equal(schoolYearStart('2026-07-31'), '2025-08-01');
});

test('CSV: semicolons, a BOM, quoted cells, formulas neutralised, pupils with ECK iD left out', () => {
  const reason = readinessReason(false, unknownFacts)!;
  const base = { pupilId: 1, lastName: 'Jansen', prefix: null, firstNames: null, nickname: 'Zoë', groupId: 1, groupName: 'Groep 5', hasEckid: false };
  const csv = missingCsv([{ ...base, name: '=HYPERLINK("x")', reason }, { ...base, pupilId: 2, hasEckid: true, name: 'Met ECK iD', reason: null }], false);
  assert.ok(csv.startsWith('\uFEFF"Naam";"Groep";"Reden"'));
  assert.match(csv, /"'=HYPERLINK\(""x""\)";"Groep 5";"onbekend: /);
  assert.ok(!csv.includes('Met ECK iD'));
  assert.equal(csvCell('-1'), `"'-1"`);
});
