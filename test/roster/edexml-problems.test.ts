/**
 * Every problem the reader reports: the right code, the line of the element, the element and
 * the record's key, and a Dutch message that says all of that.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { edexmlProblemCodes, type FileProblem } from '../../src/roster/edexml/index.js';
import { checkCodesAgainstCatalogue, errorsOf, fixture, lineOf, mutate, read } from './edexml-support.js';

checkCodesAgainstCatalogue();

const xml = fixture('school-2026.xml');

/** [code, line, element, key] of each error. */
async function refusal(body: string): Promise<[string, number | null, string | null, string | null][]> {
  return errorsOf(await read(body)).map((e) => [e.code, e.line, e.element, e.key]);
}

describe('values against the simple types', () => {
  const cases: [string, string, string, string, string | null][] = [
    // [what, from, to, element, key]
    ['bad BRIN', '<brincode>12AB</brincode>', '<brincode>12ab</brincode>', 'brincode', null],
    ['bad dependancecode', '<dependancecode>01</dependancecode>', '<dependancecode>1</dependancecode>', 'dependancecode', null],
    ['date that does not exist', '<geboortedatum>2014-11-02</geboortedatum>', '<geboortedatum>2023-02-30</geboortedatum>', 'geboortedatum', 'L002'],
    ['dateTime without T', '<aanmaakdatum>2026-09-01T07:45:00</aanmaakdatum>', '<aanmaakdatum>2026-09-01 07:45:00</aanmaakdatum>', 'aanmaakdatum', null],
    ['bad jaargroep', '<jaargroep>3</jaargroep>\n\t\t</groep>', '<jaargroep>9</jaargroep>\n\t\t</groep>', 'jaargroep', 'G3A'],
    ['bad geslacht', '<geslacht>1</geslacht>', '<geslacht>3</geslacht>', 'geslacht', 'L003'],
    ['naam too long', '<naam>Plusklas</naam>', `<naam>${'x'.repeat(65)}</naam>`, 'naam', 'PLUS'],
    ['empty voorvoegsel', '<voorvoegsel>de</voorvoegsel>', '<voorvoegsel></voorvoegsel>', 'voorvoegsel', 'L002'],
    ['bad rol', '<rol>LRK</rol>', '<rol>JUF</rol>', 'rol', 'T01'],
    ['school year that skips a year', '<schooljaar>2026-2027</schooljaar>', '<schooljaar>2026-2028</schooljaar>', 'schooljaar', null],
    ['postcode with a space', '<postcodenl>1234AB</postcodenl>', '<postcodenl>1234 AB</postcodenl>', 'postcodenl', 'L001'],
    ['empty key', '<leerling key="L002">', '<leerling key="">', 'leerling', ''],
  ];
  for (const [what, from, to, element, key] of cases) {
    it(`${what} → invalid_value on its line`, async () => {
      const body = mutate(xml, from, to);
      assert.deepEqual(await refusal(body), [['edexml.invalid_value', lineOf(body, to.split('\n')[0]), element, key]]);
    });
  }

  it('never repeats a BSN or ECK iD value in a message', async () => {
    const body = mutate(mutate(xml, '<bsn>111222333</bsn>', '<bsn>11122233</bsn>'),
      'eckid="https://ketenid.nl/201703/leerling/0a1b2c3d4e5f60718293a4b5c6d7e8f9"', `eckid="${'e'.repeat(257)}"`);
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.element]), [['edexml.invalid_value', 'bsn'], ['edexml.invalid_value', 'leerling']]);
    assert.ok(errors.every((e) => !e.message.includes('11122233') && !e.message.includes('eeeeeeeeee')), JSON.stringify(errors));
  });
});

describe('structure', () => {
  it('reports a missing required element at the parent line, naming the element', async () => {
    const body = mutate(xml, '<jaargroep>3</jaargroep>\n\t\t</groep>', '</groep>');
    assert.deepEqual(await refusal(body), [['edexml.required_element', lineOf(body, '<groep key="G3A">'), 'jaargroep', 'G3A']]);
    const [error] = errorsOf(await read(body));
    assert.equal(error.message, `Regel ${error.line}: <groep> met key 'G3A' mist het verplichte element <jaargroep>.`);
  });

  it('names both alternatives when a pupil has no name at all', async () => {
    const body = mutate(xml, '<achternaam>Assati</achternaam>\n\t\t\t<voornamen>Ismaël</voornamen>\n', '');
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.key]), [['edexml.required_element', 'L003']]);
    assert.match(errors[0].message, /<achternaam> of <roepnaam>/);
  });

  it('requires at least one leerling', async () => {
    const body = xml.slice(0, xml.indexOf('<leerlingen>') + '<leerlingen>'.length) + '\n\t</leerlingen>\n</EDEX>\n';
    assert.deepEqual((await refusal(body)).map(([code, , element]) => [code, element]), [['edexml.required_element', 'leerling']]);
  });

  it('reports elements in the wrong order once, not also as missing', async () => {
    const body = mutate(xml, '<naam>Groep 3A</naam>\n\t\t\t<jaargroep>3</jaargroep>', '<jaargroep>3</jaargroep>\n\t\t\t<naam>Groep 3A</naam>');
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.line, e.element]), [['edexml.unexpected_element', lineOf(body, '<naam>Groep 3A</naam>'), 'naam']]);
    assert.match(errors[0].message, /<naam> staat op de verkeerde plaats in <groep> met key 'G3A': het hoort vóór <jaargroep>/);
  });

  it('reports an unknown element and an unknown attribute', async () => {
    const body = mutate(mutate(xml, '<geslacht>2</geslacht>\n\t\t\t<jaargroep>8</jaargroep>', '<geslacht>2</geslacht>\n\t\t\t<schoenmaat>31</schoenmaat>\n\t\t\t<jaargroep>8</jaargroep>'),
      '<groep key="G8B">', '<groep key="G8B" kleur="blauw">');
    assert.deepEqual(await refusal(body), [
      ['edexml.unexpected_attribute', lineOf(body, 'kleur="blauw"'), 'groep', 'G8B'],
      ['edexml.unexpected_element', lineOf(body, '<schoenmaat>'), 'schoenmaat', 'L002'],
    ]);
  });

  it('does not take an element in another namespace for an EDEXML element', async () => {
    const body = mutate(xml, '<groep key="G3A"/>', '<groep key="G3A" xmlns="urn:example:other"/>');
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.line]), [['edexml.unexpected_element', lineOf(body, 'urn:example:other')]]);
    assert.match(errors[0].message, /onbekend element <groep>/);
  });

  it('allows one stamgroep per pupil', async () => {
    const body = mutate(xml, '<groep key="G3A"/>', '<groep key="G3A"/>\n\t\t\t<groep key="G8B"/>');
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.line, e.key]), [['edexml.repeated_element', lineOf(body, '<groep key="G8B"/>'), 'L001']]);
    assert.match(errors[0].message, /hoogstens één stamgroep/);
  });

  it('reports text between elements and a missing key attribute', async () => {
    const body = mutate(mutate(xml, '<leerling key="L002">', '<leerling>'), '<groep key="G8B"/>\n\t\t</leerling>', 'los<groep key="G8B"/>\n\t\t</leerling>');
    const codes = (await refusal(body)).map(([code, line]) => [code, line]);
    assert.deepEqual(codes, [['edexml.required_attribute', lineOf(body, '<leerling>')], ['edexml.unexpected_text', lineOf(body, '<leerling>')]]);
  });

  it('requires xsi:type on a toevoegingen blok and reads past unknown extension types', async () => {
    const block = (type: string) => `\t\t\t<toevoegingen>\n\t\t\t\t<blok${type}>\n\t\t\t\t\t<code>ECK</code>\n\t\t\t\t\t<status>actief</status>\n\t\t\t\t</blok>\n\t\t\t</toevoegingen>\n`;
    const at = '\t\t\t<bsn_ondwnr-4>4321</bsn_ondwnr-4>\n';
    const known = await read(mutate(xml, at, at + block(' xsi:type="eck:EckStatusType" xmlns:eck="urn:example:eck"')));
    assert.ok(known.ok, JSON.stringify(known));
    const body = mutate(xml, at, at + block(''));
    assert.deepEqual((await refusal(body)).map(([code, line]) => [code, line]), [['edexml.required_attribute', lineOf(body, '<blok>')]]);
  });
});

describe('keys, ECK iDs and references', () => {
  it('refuses duplicate keys per kind, with groep and samengestelde_groep sharing one key space', async () => {
    // Every key="PLUS" becomes G3A: the samengestelde groep now shares the key of stamgroep G3A.
    const body = mutate(xml, '<leerling key="L003"', '<leerling key="L001"').replaceAll('key="PLUS"', 'key="G3A"');
    const errors = errorsOf(await read(body));
    const duplicates = errors.filter((e) => e.code === 'edexml.duplicate_key');
    assert.deepEqual(duplicates.map((e) => [e.element, e.key]), [['samengestelde_groep', 'G3A'], ['leerling', 'L001']]);
    assert.match(duplicates[0].message, /groep met die key \(regel 21\); groepen en samengestelde groepen delen één reeks keys/);
  });

  it('refuses a duplicate ECK iD among pupils without showing it', async () => {
    const first = 'https://ketenid.nl/201703/leerling/c2f1e0a9b8d7c6e5f4a3b2c1d0e9f8a7';
    const body = mutate(xml, 'https://ketenid.nl/201703/leerling/0a1b2c3d4e5f60718293a4b5c6d7e8f9', first);
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.line, e.key]), [['edexml.duplicate_eckid', lineOf(body, '<leerling key="L003"'), 'L003']]);
    assert.ok(!errors[0].message.includes('ketenid'));
    assert.match(errors[0].message, /'L001'/);
  });

  it('refuses dangling references and a stamgroep reference to a samengestelde groep', async () => {
    const body = mutate(mutate(mutate(xml, '<groep key="G3A"/>', '<groep key="GRP9"/>'), '<vestiging key="HOOFD"/>', '<vestiging key="ANNEX"/>'),
      '<groep key="G8B"/>\n\t\t</leerling>\n\t\t<leerling key="L003"', '<groep key="PLUS"/>\n\t\t</leerling>\n\t\t<leerling key="L003"');
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.line, e.element, e.key]), [
      ['edexml.unknown_reference', lineOf(body, '<groep key="GRP9"/>'), 'groep', 'L001'],
      ['edexml.unknown_reference', lineOf(body, '<vestiging key="ANNEX"/>'), 'vestiging', 'L001'],
      ['edexml.unknown_reference', lineOf(body, '<groep key="PLUS"/>'), 'groep', 'L002'],
    ]);
    assert.equal(errors[0].message, `Regel ${errors[0].line}: leerling met key 'L001' verwijst naar groep 'GRP9' die niet in <groepen> staat.`);
    assert.match(errors[2].message, /maar dat is een samengestelde groep/);
  });
});

describe('reporting', () => {
  it('gives every problem a Dutch message with its line, element and code from the catalogue', async () => {
    const body = mutate(mutate(mutate(xml, '<brincode>12AB</brincode>', '<brincode>1AB</brincode>'), '<geslacht>1</geslacht>', '<geslacht>x</geslacht>'),
      '<groep key="G3A"/>', '<groep key="NOPE"/>');
    const errors: FileProblem[] = errorsOf(await read(body));
    assert.equal(errors.length, 3);
    for (const error of errors) {
      assert.ok(error.code in edexmlProblemCodes, error.code);
      assert.equal(error.severity, 'error');
      assert.ok(error.line !== null && error.element !== null, JSON.stringify(error));
      assert.ok(error.message.startsWith(`Regel ${error.line}: `), error.message);
      assert.ok(error.message.includes(error.element!), error.message);
    }
  });

  it('lists 200 errors and then one line that counts the rest', async () => {
    const pupil = (i: number) => `\t\t<leerling key="X${i}">\n\t\t\t<roepnaam>Kind</roepnaam>\n\t\t\t<geslacht>7</geslacht>\n\t\t</leerling>\n`;
    const many = Array.from({ length: 250 }, (_, i) => pupil(i)).join('');
    const errors = errorsOf(await read(mutate(xml, '\t</leerlingen>', `${many}\t</leerlingen>`)));
    assert.equal(errors.length, 201);
    assert.equal(errors[200].code, 'edexml.too_many_problems');
    assert.match(errors[200].message, /^En nog 50 andere fout\(en\)/);
  });

  it('names at most ten pupils without a stamgroep and counts the rest', async () => {
    const pupil = (i: number) => `\t\t<leerling key="Y${i}">\n\t\t\t<roepnaam>Kind</roepnaam>\n\t\t</leerling>\n`;
    const result = await read(mutate(xml, '\t</leerlingen>', `${Array.from({ length: 14 }, (_, i) => pupil(i)).join('')}\t</leerlingen>`));
    assert.ok(result.ok);
    assert.equal(result.warnings.length, 11);
    assert.ok(result.warnings.every((w) => w.code === 'edexml.pupil_without_group' && w.severity === 'warning'));
    assert.match(result.warnings[10].message, /^Nog 4 andere leerling/);
  });

  it('has a Dutch description for every code in the catalogue', () => {
    for (const [code, text] of Object.entries(edexmlProblemCodes)) {
      assert.match(code, /^edexml\.[a-z_]+$/);
      assert.ok(text.length > 20 && /[.]$/.test(text), code);
    }
  });
});
