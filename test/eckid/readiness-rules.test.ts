/**
 * The readiness rules, one row per reason: facts in, reason code and the school's words out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readinessReason, reasonCodes, type ReadinessFacts, type ReasonCode } from '../../src/eckid/readiness/rules.js';
import { lasProductOf, noPupilFacts, noSchoolFacts, yesNo } from '../../src/eckid/readiness/facts.js';

const allFine: ReadinessFacts = {
  pupil: { enrolment: 'ingeschreven', funded: true, duoExchange: 'terugkoppeling_opgehaald', duoMessage: null },
  school: { lasProduct: 'parnassys', lasInstructed: true, fundedSchoolType: true },
  board: { numberServiceAgreement: true },
};

function facts(change: { pupil?: Partial<ReadinessFacts['pupil']>; school?: Partial<ReadinessFacts['school']>; board?: Partial<ReadinessFacts['board']> }): ReadinessFacts {
  return {
    pupil: { ...allFine.pupil, ...change.pupil },
    school: { ...allFine.school, ...change.school },
    board: { ...allFine.board, ...change.board },
  };
}

const rows: { name: string; facts: ReadinessFacts; code: ReasonCode; label: RegExp; action: RegExp; expected?: boolean }[] = [
  { name: 'aangemeld, niet ingeschreven', facts: facts({ pupil: { enrolment: 'aangemeld', duoExchange: null } }), code: 'registered_not_enrolled', label: /^aangemeld, niet ingeschreven$/, action: /Schrijf de leerling in het LAS in/ },
  { name: 'onbekostigd, niet uitgewisseld', facts: facts({ pupil: { funded: false, duoExchange: 'niet_uitgewisseld' } }), code: 'unfunded_not_exchanged', label: /^onbekostigd, niet uitgewisseld met DUO$/, action: /verstuur de inschrijving naar DUO/ },
  { name: 'onbekostigd zonder DUO-status', facts: facts({ pupil: { funded: false, duoExchange: null } }), code: 'unfunded_not_exchanged', label: /onbekostigd/, action: /DUO/ },
  { name: 'bekostigd maar niet uitgewisseld', facts: facts({ pupil: { duoExchange: 'niet_uitgewisseld' } }), code: 'unfunded_not_exchanged', label: /^niet uitgewisseld met DUO$/, action: /DUO/ },
  { name: 'uitgewisseld, terugkoppeling niet opgehaald', facts: facts({ pupil: { duoExchange: 'uitgewisseld' } }), code: 'duo_feedback_not_fetched', label: /terugkoppeling niet opgehaald/, action: /Haal in het LAS de terugkoppeling van DUO op/ },
  { name: 'DUO meldt een fout, met de melding', facts: facts({ pupil: { duoExchange: 'fout', duoMessage: 'BSN komt niet overeen met de naam' } }), code: 'duo_error', label: /^DUO meldt een fout: BSN komt niet overeen met de naam$/, action: /tikfout in BSN, naam/ },
  { name: 'DUO meldt een fout, zonder melding', facts: facts({ pupil: { duoExchange: 'fout' } }), code: 'duo_error', label: /^DUO meldt een fout$/, action: /herstel het gegeven/ },
  { name: 'onbekostigde schoolsoort: verwacht, geen fout', facts: facts({ school: { fundedSchoolType: false }, pupil: { funded: false, duoExchange: 'niet_uitgewisseld' } }), code: 'unfunded_school_type', label: /geen ECK iD verwacht/, action: /Niets te doen/, expected: true },
  { name: 'bestuur zonder overeenkomst', facts: facts({ board: { numberServiceAgreement: false }, pupil: { duoExchange: 'uitgewisseld' } }), code: 'no_agreement', label: /geen overeenkomst met de Nummervoorziening/, action: /Kennisnet/ },
  { name: 'ParnasSys zonder opdracht', facts: facts({ school: { lasInstructed: false, lasProduct: 'parnassys' } }), code: 'las_not_instructed', label: /^ParnasSys heeft geen opdracht/, action: /^ParnasSys: .*nieuws\.parnassys\.nl\/eck-id/ },
  { name: 'ESIS zonder opdracht', facts: facts({ school: { lasInstructed: false, lasProduct: 'esis' } }), code: 'las_not_instructed', label: /^ESIS heeft geen opdracht/, action: /^ESIS: .*Rovict/ },
  { name: 'Dotcom/SchoolOAS zonder opdracht', facts: facts({ school: { lasInstructed: false, lasProduct: 'dotcom' } }), code: 'las_not_instructed', label: /^Dotcom\/SchoolOAS heeft geen opdracht/, action: /^Dotcom\/SchoolOAS: .*SchoolOAS/ },
  { name: 'onbekend LAS zonder opdracht noemt de drie', facts: facts({ school: { lasInstructed: false, lasProduct: null } }), code: 'las_not_instructed', label: /^het LAS heeft geen opdracht/, action: /ParnasSys.*ESIS.*Dotcom\/SchoolOAS/s },
  { name: 'niets bekend', facts: { pupil: noPupilFacts, school: noSchoolFacts, board: { numberServiceAgreement: null } }, code: 'unknown', label: /^onbekend: inschrijvingsstatus, DUO-uitwisseling, opdracht aan het LAS .* en overeenkomst .* zijn niet bekend$/, action: /Kijk in het LAS bij de leerling/ },
  { name: 'alleen de DUO-status onbekend', facts: facts({ pupil: { duoExchange: null } }), code: 'unknown', label: /^onbekend: DUO-uitwisseling is niet bekend$/, action: /met DUO is uitgewisseld/ },
  { name: 'alles in orde en toch geen ECK iD', facts: allFine, code: 'unknown', label: /^onbekend: inschrijving, DUO en LAS zijn in orde/, action: /vraag de LAS-leverancier/ },
];

for (const row of rows) {
  test(`readiness: ${row.name}`, () => {
    const reason = readinessReason(false, row.facts);
    assert.ok(reason);
    assert.equal(reason.code, row.code);
    assert.match(reason.label, row.label);
    assert.match(reason.action, row.action);
    assert.equal(reason.expected, row.expected ?? false);
    assert.ok(reason.explanation.length > 20, 'explains why');
  });
}

test('readiness: a pupil with an ECK iD has no reason, whatever the facts', () => {
  assert.equal(readinessReason(true, facts({ pupil: { enrolment: 'aangemeld' }, board: { numberServiceAgreement: false } })), null);
});

test('readiness: every reason code is reachable through the table', () => {
  const reached = new Set(rows.map((row) => row.code));
  assert.deepEqual([...reasonCodes].filter((code) => !reached.has(code)), []);
});

test('readiness: school-wide blockers come before the pupil\'s own status', () => {
  const both = facts({ board: { numberServiceAgreement: false }, school: { lasInstructed: false }, pupil: { enrolment: 'aangemeld' } });
  assert.equal(readinessReason(false, both)?.code, 'no_agreement');
  assert.equal(readinessReason(false, facts({ school: { lasInstructed: false }, pupil: { enrolment: 'aangemeld' } }))?.code, 'las_not_instructed');
});

test('readiness: LAS names and ja/nee as LAS files write them', () => {
  assert.equal(lasProductOf('ParnasSys'), 'parnassys');
  assert.equal(lasProductOf('ESIS-B'), 'esis');
  assert.equal(lasProductOf('Dotcom SchoolOAS'), 'dotcom');
  assert.equal(lasProductOf('SchoolOAS'), 'dotcom');
  assert.equal(lasProductOf('Magister'), 'overig');
  assert.equal(lasProductOf(''), null);
  assert.equal(yesNo('ja'), true);
  assert.equal(yesNo('nee'), false);
  assert.equal(yesNo('misschien'), null);
});
