/**
 * Leerpoort's toevoegingen blocks are valid EDEXML 2.1 "partijspecifieke toevoegingen": a file
 * that uses them validates (libxml2) against the official XSD plus
 * src/eckid/readiness/EDEXML.structuur.leerpoort.xsd, which includes the official one
 * unchanged; a wrong value is refused by both that schema and Leerpoort's reader.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { XmlBufferInputProvider, XmlDocument, xmlRegisterInputProvider, XsdValidator } from 'libxml2-wasm';
import { readEdexml } from '../../src/roster/edexml/index.js';
import { writeEdexml } from '../../src/roster/generator/index.js';
import { rosterWithStatuses } from './readiness-fixtures.js';

const officialDir = '/work/shared/standards/edexml-2.1';
const extension = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'eckid', 'readiness', 'EDEXML.structuur.leerpoort.xsd');
const skip = existsSync(path.join(officialDir, 'EDEXML.structuur.xsd')) ? false : `the official EDEXML 2.1 XSD is not at ${officialDir}`;

describe('the ECK-status blocks against EDEXML 2.1 + the Leerpoort extension schema', { skip }, () => {
  let validator: XsdValidator;

  before(() => {
    const files: Record<string, Uint8Array> = {};
    for (const name of readdirSync(officialDir).filter((file) => file.endsWith('.xsd'))) files[`leerpoort-xsd:/${name}`] = readFileSync(path.join(officialDir, name));
    files['leerpoort-xsd:/EDEXML.structuur.leerpoort.xsd'] = readFileSync(extension);
    xmlRegisterInputProvider(new XmlBufferInputProvider(files));
    const schema = XmlDocument.fromBuffer(files['leerpoort-xsd:/EDEXML.structuur.leerpoort.xsd'], { url: 'leerpoort-xsd:/EDEXML.structuur.leerpoort.xsd' });
    validator = XsdValidator.fromDoc(schema);
  });

  function xsdAccepts(xml: string): boolean {
    const doc = XmlDocument.fromString(xml);
    try {
      validator.validate(doc);
      return true;
    } catch {
      return false;
    } finally {
      doc.dispose();
    }
  }

  // The official enumeration of school years stops at 2024-2025; the example uses one it knows.
  const example = () => {
    const roster = rosterWithStatuses({ brin: '12AB', locationCode: '00' }, 12);
    roster.school.schoolYear = '2024-2025';
    return writeEdexml(roster).toString('utf8');
  };

  it('a file with school and pupil blocks is valid, and the reader keeps every field', async () => {
    const xml = example();
    assert.match(xml, /xsi:type="LeerpoortEckLeerlingType"/);
    assert.match(xml, /xsi:type="LeerpoortEckSchoolType"/);
    assert.ok(xsdAccepts(xml), 'libxml2 accepts it');
    const read = await readEdexml(Buffer.from(xml));
    assert.ok(read.ok);
    assert.equal(read.roster.school.eckStatus?.lasProduct, 'ParnasSys');
    assert.ok(read.roster.pupils.some((pupil) => pupil.eckStatus?.duoMessage === 'BSN komt niet overeen met de geboortedatum'));
  });

  for (const [name, from, to] of [
    ['an unknown DUO status', '<duo_uitwisseling>uitgewisseld</duo_uitwisseling>', '<duo_uitwisseling>bijna</duo_uitwisseling>'],
    ['ja/nee written as true', '<eckid_opdracht>ja</eckid_opdracht>', '<eckid_opdracht>true</eckid_opdracht>'],
    ['fields out of order', '<inschrijvingsstatus>aangemeld</inschrijvingsstatus>', '<bekostigd>ja</bekostigd><inschrijvingsstatus>aangemeld</inschrijvingsstatus>'],
    ['a block without code', '<code>leerpoort.eckstatus.1</code>\n\t\t\t\t<las_product>', '<las_product>'],
  ] as const) {
    it(`both refuse ${name}`, async () => {
      const xml = example();
      assert.ok(xml.includes(from), `the example holds ${from}`);
      const broken = xml.replace(from, to);
      assert.equal(xsdAccepts(broken), false, 'libxml2 refuses');
      assert.equal((await readEdexml(Buffer.from(broken))).ok, false, 'the reader refuses');
    });
  }
});
