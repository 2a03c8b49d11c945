/**
 * The EDEXML reader on whole files: the official examples, the project's generator, encodings,
 * streaming, and what the roster keeps (and does not keep).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import {
  asLatin1, checkCodesAgainstCatalogue, errorsOf, fixture, lineOf, mutate, needsOfficial, official, read,
} from './edexml-support.js';

checkCodesAgainstCatalogue();

async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('official EDEXML 2.1 examples', { skip: needsOfficial }, () => {
  it('reads EDEXML.Voorbeeld.2.1.xml with its records and values', async () => {
    const result = await read(official('EDEXML.Voorbeeld.2.1.xml'));
    assert.ok(result.ok, JSON.stringify(result));
    const { roster } = result;
    assert.equal(roster.version, '2.1');
    assert.deepEqual(roster.school, {
      schoolYear: '2014-2015', brin: '99ZZ', locationCode: '00', schoolkey: '41323', instellingsnummer: null,
      createdAt: '2014-11-25T14:33:33', xsdVersion: '2.1',
    });
    assert.deepEqual(roster.locations.map((l) => [l.key, l.name, l.line]), [['VH', 'Vestiging Huissen', 26], ['VB', 'Vestiging Bemmel', 29]]);
    assert.equal(roster.groups.filter((g) => g.kind === 'group').length, 5);
    assert.deepEqual(roster.groups.filter((g) => g.kind === 'subgroup').map((g) => g.key), ['sg3', 'sg1', 'sg2']);
    assert.deepEqual(roster.groups.find((g) => g.key === 'GRP4A'), { key: 'GRP4A', line: 55, kind: 'group', name: '4A', yearGroup: '4', description: null });

    const [wimpie, assati, hof] = roster.pupils;
    assert.equal(roster.pupils.length, 3);
    assert.equal(wimpie.key, '00001');
    assert.equal(wimpie.line, 77);
    assert.equal(wimpie.eckid, 'https://id.school/LL_123467890abcdefghijklmnopqrstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^_-');
    assert.equal(wimpie.nickname, 'Wimpie');
    assert.equal(wimpie.lastName, null);
    assert.equal(wimpie.groupKey, 'GRP4B');
    assert.deepEqual(wimpie.subgroupKeys, ['sg1', 'sg2']);
    assert.equal(wimpie.locationKey, 'VH');
    assert.equal(wimpie.birthDate, '2006-06-21');
    assert.equal(wimpie.gender, '1');
    assert.equal(assati.firstNames, 'Ismaël Hassan');
    assert.equal(assati.eckid, null);
    assert.equal(hof.prefix, "van 't");
    assert.equal(hof.lastName, 'Hof');
    assert.equal(hof.yearGroup, 'H');

    const [lk1, lk2, lk3] = roster.staff;
    assert.deepEqual([lk1.key, lk1.prefix, lk1.lastName, lk1.roles], ['LK1', 'van', 'Bemmel', ['TAL']]);
    assert.deepEqual(lk1.groups, [{ key: 'GRP4A', kind: 'group' }]);
    assert.deepEqual(lk2.roles, ['Manusje van alles']);
    assert.deepEqual(lk2.groups.map((g) => `${g.kind}:${g.key}`), ['group:002', 'subgroup:sg1', 'group:001', 'subgroup:sg2', 'subgroup:sg3']);
    // Roles given on a group link count as the person's roles.
    assert.deepEqual([lk3.nickname, lk3.roles], ['Lia', ['STA', 'OWA']]);
    assert.equal(lk3.eckid, null);
    // Two pupils in the example have no stamgroep: valid, but worth a warning.
    assert.deepEqual(result.warnings.map((w) => [w.code, w.key]), [['edexml.pupil_without_group', '00002'], ['edexml.pupil_without_group', '12345']]);
  });

  it('keeps no BSN, postcode, country, weight or enrolment dates', async () => {
    const result = await read(official('EDEXML.Voorbeeld.2.1.xml'));
    assert.ok(result.ok);
    const kept = JSON.stringify(result);
    for (const value of ['133456785', '2731', '6971VB', '"MA"', '0,3', '2013-08-25', '2014-07-18', '2013-08-16', 'Opmerking X']) {
      assert.ok(!kept.includes(value), `${value} must not leave the reader`);
    }
  });

  it('reads the Flemish example with brin null and the instellingsnummer', async () => {
    const result = await read(official('EDEXML.Voorbeeld.2.1-Vla.xml'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.roster.school.brin, null);
    assert.equal(result.roster.school.instellingsnummer, '1234');
    assert.equal(result.roster.school.locationCode, '00');
    assert.deepEqual([result.roster.pupils.length, result.roster.groups.length, result.roster.staff.length], [3, 7, 3]);
    assert.equal(result.roster.pupils[2].prefix, "van 't");
    assert.ok(!JSON.stringify(result).includes('13345678512'), 'rijksregisternummer is not kept');
  });

  it('reads the example the same in one-byte chunks as in one buffer', async () => {
    const bytes = Buffer.from(official('EDEXML.Voorbeeld.2.1.xml'), 'utf8');
    assert.deepEqual(await read(inChunks(bytes, 1)), await read(bytes));
  });
});

describe('the fixture for 2026-2027', () => {
  const xml = fixture('school-2026.xml');

  it('accepts school year 2026-2027 without any problem', async () => {
    const result = await read(xml);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.roster.school.schoolYear, '2026-2027');
    assert.deepEqual(result.warnings, []);
    assert.equal(result.roster.school.locationCode, '01');
    const [elif, zoe, ismael] = result.roster.pupils;
    assert.deepEqual([elif.lastName, zoe.nickname, ismael.firstNames], ['Yılmaz', 'Zoë', 'Ismaël']);
    assert.deepEqual(result.roster.staff[0].roles, ['LRK', 'Begeleider plusklas']);
    assert.equal(result.roster.staff[0].email, 'z.bakker@regenboog.example');
    assert.ok(!JSON.stringify(result).includes('111222333'));
  });

  it('reads a UTF-8 file with a byte order mark', async () => {
    const plain = await read(xml);
    const withBom = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]));
    assert.deepEqual(withBom, plain);
  });

  it('reads a file declared ISO-8859-1, also in small chunks', async () => {
    const plain = await read(xml);
    const latin1 = asLatin1(xml);
    assert.ok(latin1.includes(Buffer.from([0xeb])), 'ë is one latin1 byte in this file');
    assert.deepEqual(await read(latin1), plain);
    assert.deepEqual(await read(inChunks(latin1, 7)), plain);
  });

  it('decodes ISO-8859-1 as windows-1252, so curly quotes and dashes from real exports survive', async () => {
    const base = asLatin1(xml.replace('<naam>Plusklas</naam>', '<naam>Plusklas @@</naam>'));
    const at = base.indexOf('@@');
    // 0x96 is an en dash and 0x92 a right single quote in windows-1252 (C1 controls in strict latin1).
    const bytes = Buffer.concat([base.subarray(0, at), Buffer.from([0x96, 0x20, 0x92, 0x74]), base.subarray(at + 2)]);
    const result = await read(bytes);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.roster.groups.find((g) => g.key === 'PLUS')?.name, 'Plusklas – ’t');
  });

  it('refuses bytes that are not UTF-8 in a UTF-8 file, naming the line', async () => {
    const broken = Buffer.from(xml, 'utf8');
    const at = broken.indexOf(Buffer.from('Zoë</roepnaam>', 'utf8'));
    const bytes = Buffer.concat([broken.subarray(0, at + 2), Buffer.from([0xeb]), broken.subarray(at + 4)]);
    const errors = errorsOf(await read(bytes));
    assert.deepEqual(errors.map((e) => [e.code, e.line]), [['edexml.encoding_invalid', lineOf(xml, 'Zoë</roepnaam>')]]);
    assert.match(errors[0].message, /ISO-8859-1/);
  });

  it('refuses UTF-16 and unknown encodings with a clear message', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    const [wide] = errorsOf(await read(utf16));
    assert.equal(wide.code, 'edexml.encoding_unsupported');
    assert.match(wide.message, /UTF-16/);
    const [ebcdic] = errorsOf(await read(mutate(xml, 'encoding="UTF-8"', 'encoding="EBCDIC-CP-NL"')));
    assert.equal(ebcdic.code, 'edexml.encoding_unsupported');
    assert.match(ebcdic.message, /ebcdic-cp-nl/);
  });

  it('reads 2.0 files: no eckid and no xsdversie give version 2.0 and one warning', async () => {
    const twoZero = xml.replace('<xsdversie>2.1</xsdversie>', '').replace(/ eckid="[^"]*"/g, '');
    const result = await read(twoZero);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.roster.version, '2.0');
    assert.deepEqual(result.warnings.map((w) => w.code), ['edexml.version_missing']);
    const withEckid = await read(xml.replace('<xsdversie>2.1</xsdversie>', ''));
    assert.ok(withEckid.ok);
    assert.equal(withEckid.roster.version, '2.1');
  });

  it('accepts xs:date with a time zone and keeps the birth date as YYYY-MM-DD', async () => {
    const result = await read(mutate(xml, '2019-03-14', '2019-03-14+01:00'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.roster.pupils[0].birthDate, '2019-03-14');
  });
});

describe('files from the project generator', () => {
  it('round-trips a generated roster in UTF-8, UTF-8 with BOM and ISO-8859-1', async () => {
    const generated = generateSchoolRoster({ seed: 42, brin: '34CD', locationCode: '02', pupils: 300 });
    const expected = { ...generated, pupils: generated.pupils.map(({ bsn: _bsn, ...pupil }) => pupil) };
    for (const options of [{}, { bom: true }, { encoding: 'ISO-8859-1' as const }]) {
      const result = await read(writeEdexml(generated, options));
      assert.ok(result.ok, JSON.stringify(options) + JSON.stringify(!result.ok && result.errors.slice(0, 3)));
      assert.deepEqual(result.roster, expected);
    }
  });
});
