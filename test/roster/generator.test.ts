/**
 * The generator makes realistic, deterministic school rosters and the writer turns them into
 * EDEXML that the official XSD accepts (checked with libxml2 against ../shared/standards).
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  XmlBufferInputProvider, XmlDocument, XmlElement, XsdValidator, xmlCleanupInputProvider, xmlRegisterInputProvider,
} from 'libxml2-wasm';
import { generateSchoolRoster, passesElfproef, writeEdexml, type GeneratedRoster } from '../../src/roster/generator/index.js';

const STANDARDS = '/work/shared/standards/edexml-2.1';
const standardsSkip = fs.existsSync(path.join(STANDARDS, 'EDEXML.structuur.xsd'))
  ? false
  : `${STANDARDS} is absent: the official EDEXML XSD is needed to validate generated files`;

function loadOfficialXsd(): XsdValidator {
  const files: Record<string, Uint8Array> = {};
  for (const name of fs.readdirSync(STANDARDS).filter((f) => f.endsWith('.xsd'))) files[`edexml/${name}`] = fs.readFileSync(path.join(STANDARDS, name));
  // The xs:include elements name sibling files; the buffer provider serves them from memory.
  xmlRegisterInputProvider(new XmlBufferInputProvider(files));
  const schema = XmlDocument.fromBuffer(files['edexml/EDEXML.structuur.xsd'], { url: 'edexml/EDEXML.structuur.xsd' });
  return XsdValidator.fromDoc(schema);
}

/** The XSD's complaints about a file; empty when it is valid. */
function xsdErrors(validator: XsdValidator, file: Buffer): string[] {
  const doc = XmlDocument.fromBuffer(file);
  try {
    validator.validate(doc);
    return [];
  } catch (error) {
    const details = (error as { details?: Array<{ message: string; line?: number }> }).details ?? [];
    return details.length > 0 ? details.map((d) => `line ${d.line}: ${d.message.trim()}`) : [String(error)];
  } finally {
    doc.dispose();
  }
}

function ageOn(date: string, birthDate: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [by, bm, bd] = birthDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const ECKID = /^https:\/\/ketenid\.nl\/201703\/[0-9a-f]{128}$/;

describe('generateSchoolRoster', () => {
  test('the same seed gives the same roster and the same bytes; another seed another roster', () => {
    const a = generateSchoolRoster({ seed: 7, brin: '12AB' });
    const b = generateSchoolRoster({ seed: 7, brin: '12AB' });
    assert.deepEqual(a, b);
    assert.ok(writeEdexml(a).equals(writeEdexml(b)));
    const c = generateSchoolRoster({ seed: 8, brin: '12AB' });
    assert.notDeepEqual(c.pupils.map((p) => p.lastName), a.pupils.map((p) => p.lastName));
  });

  test('defaults: 250 pupils in groups 1–8, school year 2026-2027, EDEXML 2.1', () => {
    const roster = generateSchoolRoster({ seed: 1, brin: '12AB' });
    assert.equal(roster.pupils.length, 250);
    assert.equal(roster.version, '2.1');
    assert.equal(roster.school.schoolYear, '2026-2027');
    assert.equal(roster.school.locationCode, '00');
    assert.deepEqual([...new Set(roster.pupils.map((p) => p.yearGroup))].sort(), ['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  for (const pupils of [0, 1, 37, 250, 5000]) {
    test(`${pupils} pupils: every reference resolves and every pupil sits in a stamgroep of its jaargroep`, () => {
      const roster = generateSchoolRoster({ seed: pupils, brin: '34CD', locationCode: '01', pupils });
      assert.equal(roster.pupils.length, pupils);
      const groups = new Map(roster.groups.map((g) => [g.key, g]));
      assert.equal(groups.size, roster.groups.length, 'group keys are unique');
      const locations = new Set(roster.locations.map((l) => l.key));
      assert.equal(new Set(roster.pupils.map((p) => p.key)).size, pupils, 'pupil keys are unique');
      for (const pupil of roster.pupils) {
        const group = groups.get(pupil.groupKey ?? '');
        assert.equal(group?.kind, 'group', `pupil ${pupil.key} has a stamgroep`);
        assert.equal(group?.yearGroup, pupil.yearGroup);
        for (const key of pupil.subgroupKeys) assert.equal(groups.get(key)?.kind, 'subgroup');
        assert.ok(locations.has(pupil.locationKey ?? ''));
      }
      for (const member of roster.staff) {
        for (const ref of member.groups) assert.equal(groups.get(ref.key)?.kind, ref.kind);
      }
      assert.equal(new Set(roster.staff.map((s) => s.key)).size, roster.staff.length, 'staff keys are unique');
      assert.equal(new Set(roster.staff.map((s) => s.email)).size, roster.staff.length, 'e-mail addresses are unique');
    });
  }

  test('a realistic school: kleuterklassen, samengestelde groepen across years, teachers per class, an IB’er', () => {
    const roster = generateSchoolRoster({ seed: 3, brin: '12AB', pupils: 400 });
    assert.ok(roster.groups.some((g) => g.name.startsWith('De ') && g.yearGroup === '1'));
    const plus = roster.pupils.filter((p) => p.subgroupKeys.includes('SG-PLUS'));
    assert.ok(plus.length > 0 && new Set(plus.map((p) => p.yearGroup)).size > 1, 'the Plusklas spans jaargroepen');
    const stamgroepen = roster.groups.filter((g) => g.kind === 'group');
    for (const group of stamgroepen) {
      assert.ok(roster.staff.some((s) => s.roles.includes('LRK') && s.groups.some((r) => r.key === group.key)), `${group.name} has a leerkracht`);
    }
    assert.ok(roster.staff.some((s) => s.roles.includes('IB')));
    for (const member of roster.staff) assert.match(member.email ?? '', /^[a-z0-9.]+@bs12ab\.example\.nl$/);
    const none = generateSchoolRoster({ seed: 3, brin: '12AB', pupils: 400, subgroups: false });
    assert.ok(none.groups.every((g) => g.kind === 'group'));
    assert.ok(none.pupils.every((p) => p.subgroupKeys.length === 0));
  });

  test('names carry voorvoegsels, initials and characters beyond Latin-1', () => {
    const roster = generateSchoolRoster({ seed: 11, brin: '12AB', pupils: 5000 });
    const prefixes = new Set(roster.pupils.map((p) => p.prefix));
    for (const prefix of ['van', 'de', 'van der', "van 't", 'ter', "in 't"]) assert.ok(prefixes.has(prefix), prefix);
    assert.ok(roster.pupils.some((p) => /[^\u0000-\u00FF]/u.test(`${p.lastName}${p.firstNames}`)), 'e.g. Yılmaz, Nguyễn');
    for (const pupil of roster.pupils) {
      assert.ok(pupil.lastName && pupil.nickname && pupil.initials && pupil.initials.length <= 6);
      if (pupil.firstNames) assert.equal(pupil.initials, pupil.firstNames.split(' ').map((n) => (n.startsWith('IJ') ? 'IJ' : [...n][0])).join(''));
    }
  });

  test('birth dates fit the jaargroep on 1 October; geslacht is an XSD code', () => {
    const roster = generateSchoolRoster({ seed: 5, brin: '12AB', pupils: 2000, schoolYear: '2026-2027' });
    for (const pupil of roster.pupils) {
      const age = ageOn('2026-10-01', pupil.birthDate ?? '');
      const year = Number(pupil.yearGroup);
      assert.ok(age >= year + 2 && age <= year + 4, `jaargroep ${year}, age ${age}`);
      assert.ok(['0', '1', '2', '9'].includes(pupil.gender ?? ''));
    }
  });

  test('BSNs pass the elfproef and are unique; about 90 % carry an ECK iD in the real format', () => {
    const roster = generateSchoolRoster({ seed: 9, brin: '12AB', pupils: 2000 });
    const bsns = roster.pupils.flatMap((p) => (p.bsn ? [p.bsn] : []));
    assert.ok(bsns.length > 1900);
    assert.equal(new Set(bsns).size, bsns.length);
    for (const bsn of bsns) assert.ok(passesElfproef(bsn), bsn);
    const eckids = roster.pupils.flatMap((p) => (p.eckid ? [p.eckid] : []));
    assert.ok(eckids.length > 0.85 * 2000 && eckids.length < 0.95 * 2000, `${eckids.length} ECK iDs`);
    for (const eckid of [...eckids, ...roster.staff.flatMap((s) => (s.eckid ? [s.eckid] : []))]) assert.match(eckid, ECKID);
    assert.equal(new Set(eckids).size, eckids.length);
    assert.ok(generateSchoolRoster({ seed: 9, brin: '12AB', withEckidShare: 0 }).pupils.every((p) => p.eckid === null));
  });

  test('passesElfproef knows valid from invalid BSNs', () => {
    assert.equal(passesElfproef('111222333'), true); // 9+8+7+12+10+8+9+6−3 = 66 = 6·11
    assert.equal(passesElfproef('123456782'), true);
    assert.equal(passesElfproef('123456783'), false);
    assert.equal(passesElfproef('133456785'), false); // the official example file's BSN is not a real one
    assert.equal(passesElfproef('12345678'), false);
  });

  test('EDEXML 2.0 rosters carry no ECK iD', () => {
    const roster = generateSchoolRoster({ seed: 2, brin: '12AB', version: '2.0' });
    assert.equal(roster.school.xsdVersion, '2.0');
    assert.ok([...roster.pupils, ...roster.staff].every((p) => p.eckid === null));
  });
});

describe('writeEdexml', { skip: standardsSkip }, () => {
  const validator = standardsSkip ? null : loadOfficialXsd();
  after(() => {
    validator?.dispose();
    xmlCleanupInputProvider();
  });

  const variants: Array<{ name: string; roster: () => GeneratedRoster; options?: Parameters<typeof writeEdexml>[1] }> = [
    { name: 'EDEXML 2.1, UTF-8', roster: () => generateSchoolRoster({ seed: 21, brin: '12AB', schoolYear: '2024-2025' }) },
    { name: 'EDEXML 2.1, UTF-8 with BOM', roster: () => generateSchoolRoster({ seed: 22, brin: '12AB', schoolYear: '2024-2025' }), options: { bom: true } },
    { name: 'EDEXML 2.0 style', roster: () => generateSchoolRoster({ seed: 23, brin: '12AB', schoolYear: '2024-2025', version: '2.0' }) },
    { name: 'ISO-8859-1', roster: () => generateSchoolRoster({ seed: 24, brin: '12AB', schoolYear: '2024-2025', pupils: 1000 }), options: { encoding: 'ISO-8859-1' } },
    { name: '5,000 pupils', roster: () => generateSchoolRoster({ seed: 25, brin: '56EF', locationCode: '02', schoolYear: '2024-2025', pupils: 5000 }) },
    { name: 'no samengestelde groepen, one pupil', roster: () => generateSchoolRoster({ seed: 26, brin: '12AB', schoolYear: '2024-2025', pupils: 1, subgroups: false }) },
  ];
  for (const variant of variants) {
    test(`${variant.name}: the official XSD accepts the file`, () => {
      assert.deepEqual(xsdErrors(validator!, writeEdexml(variant.roster(), variant.options)), []);
    });
  }

  test('the XSD check is real: a school year after 2024-2025 is the only thing it refuses', () => {
    const errors = xsdErrors(validator!, writeEdexml(generateSchoolRoster({ seed: 27, brin: '12AB' })));
    assert.equal(errors.length, 1);
    assert.match(errors[0], /schooljaar.*2026-2027/);
  });

  test('ISO-8859-1 keeps every name, with character references beyond Latin-1; records know their line', () => {
    const roster = generateSchoolRoster({ seed: 24, brin: '12AB', pupils: 1000 });
    const file = writeEdexml(roster, { encoding: 'ISO-8859-1' });
    assert.match(file.subarray(0, 60).toString('latin1'), /^<\?xml version="1.0" encoding="ISO-8859-1"\?>/);
    assert.ok(file.includes('&#305;') || file.includes('&#7877;'), 'ı or ễ as a character reference');
    const doc = XmlDocument.fromBuffer(file);
    try {
      const nodes = doc.find('/EDEX/leerlingen/leerling') as XmlElement[];
      assert.equal(nodes.length, roster.pupils.length);
      nodes.forEach((node, i) => {
        const pupil = roster.pupils[i];
        assert.equal(node.line, pupil.line);
        assert.equal(node.attr('key')?.value, pupil.key);
        assert.equal(node.get('achternaam')?.content, pupil.lastName);
        assert.equal(node.get('voornamen')?.content ?? null, pupil.firstNames);
      });
      const staff = doc.find('/EDEX/leerkrachten/leerkracht') as XmlElement[];
      assert.deepEqual(staff.map((n) => n.line), roster.staff.map((s) => s.line));
      assert.deepEqual((doc.find('/EDEX/groepen/*') as XmlElement[]).map((n) => n.line), roster.groups.map((g) => g.line));
    } finally {
      doc.dispose();
    }
  });

  test('a UTF-8 BOM is three bytes before the declaration', () => {
    const file = writeEdexml(generateSchoolRoster({ seed: 1, brin: '12AB', pupils: 3 }), { bom: true });
    assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(file.subarray(3, 8).toString(), '<?xml');
  });

  test('markup characters in names and keys are escaped and come back unchanged', () => {
    const roster = generateSchoolRoster({ seed: 30, brin: '12AB', schoolYear: '2024-2025', pupils: 2 });
    const tricky = { key: 'a&b<"c">\t', lastName: `O'Brien & <Zoë> "Jr"`, firstNames: 'Anne\tMarie' };
    Object.assign(roster.pupils[0], tricky);
    const file = writeEdexml(roster);
    assert.deepEqual(xsdErrors(validator!, file), []);
    const doc = XmlDocument.fromBuffer(file);
    try {
      const node = doc.get('/EDEX/leerlingen/leerling[1]') as XmlElement;
      assert.equal(node.attr('key')?.value, tricky.key);
      assert.equal(node.get('achternaam')?.content, tricky.lastName);
      assert.equal(node.get('voornamen')?.content, tricky.firstNames);
    } finally {
      doc.dispose();
    }
  });

  test('what no EDEXML file can hold is refused with a clear error', () => {
    const base = () => generateSchoolRoster({ seed: 31, brin: '12AB', pupils: 2 });
    const control = base();
    control.pupils[0].lastName = 'Jansen\u0007';
    assert.throws(() => writeEdexml(control), /character XML 1\.0 cannot contain/);
    const eckidIn20 = base();
    eckidIn20.version = '2.0';
    assert.throws(() => writeEdexml(eckidIn20), /EDEXML 2\.0 does not have/);
    const nameless = base();
    Object.assign(nameless.pupils[1], { lastName: null, nickname: null });
    assert.throws(() => writeEdexml(nameless), /neither achternaam nor roepnaam/);
    assert.throws(() => writeEdexml(base(), { encoding: 'ISO-8859-1', bom: true }), /byte order mark/);
  });
});
