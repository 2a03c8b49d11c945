/**
 * The reader against the official EDEXML 2.1 XSD, validated by libxml2: on the example files
 * and on small mutations of the official example, the XSD refuses exactly when we refuse.
 * Documented exceptions: school years after 2024-2025 (XSD refuses, we accept) and blocks in
 * <toevoegingen> typed by another standard's schema (read past; see docs/edexml-import.md).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { XmlBufferInputProvider, XmlDocument, xmlRegisterInputProvider, XsdValidator, type XmlValidateError } from 'libxml2-wasm';
import { checkCodesAgainstCatalogue, mutate, needsOfficial, official, problemsOf, read } from './edexml-support.js';
import { brokenVariants, validVariants, type Variant } from './edexml-variants.js';

checkCodesAgainstCatalogue();

/** The official XSD set, with its xs:includes resolved from memory (nothing is fetched). */
function loadOfficialSchema(dir: string): XsdValidator {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.xsd'))) {
    files[`edexml:/${name}`] = readFileSync(path.join(dir, name));
  }
  xmlRegisterInputProvider(new XmlBufferInputProvider(files));
  const schema = XmlDocument.fromBuffer(files['edexml:/EDEXML.structuur.xsd'], { url: 'edexml:/EDEXML.structuur.xsd' });
  return XsdValidator.fromDoc(schema);
}

describe('cross-check with the official XSD (libxml2)', { skip: needsOfficial }, () => {
  let validator: XsdValidator;
  let example: string;

  before(() => {
    validator = loadOfficialSchema('/work/shared/standards/edexml-2.1');
    example = official('EDEXML.Voorbeeld.2.1.xml');
  });

  /** The XSD's verdict: null when valid, else libxml2's first message. */
  function xsdRefusal(xml: string): string | null {
    const doc = XmlDocument.fromString(xml);
    try {
      validator.validate(doc);
      return null;
    } catch (error) {
      return (error as XmlValidateError).details?.[0]?.message.trim() ?? String(error);
    } finally {
      doc.dispose();
    }
  }

  function apply(variant: Omit<Variant, 'code'>): string {
    const mutated = variant.mutate(example);
    assert.notEqual(mutated, example, `${variant.name}: the mutation changed nothing`);
    return mutated;
  }

  it('both accept the official examples', async () => {
    for (const name of ['EDEXML.Voorbeeld.2.1.xml', 'EDEXML.Voorbeeld.2.1-Vla.xml']) {
      const xml = official(name);
      assert.equal(xsdRefusal(xml), null, name);
      assert.ok((await read(xml)).ok, name);
    }
  });

  it(`has at least 25 broken variants`, () => {
    assert.ok(brokenVariants.length >= 25, `${brokenVariants.length} variants`);
  });

  for (const variant of brokenVariants) {
    it(`both refuse: ${variant.name}`, async () => {
      const xml = apply(variant);
      const xsd = xsdRefusal(xml);
      assert.notEqual(xsd, null, 'the XSD accepts this variant; it is not a broken variant');
      const result = await read(xml);
      assert.equal(result.ok, false, `the XSD refuses (${xsd}) but the reader accepts`);
      const codes = problemsOf(result).map((problem) => problem.code);
      assert.ok(codes.includes(variant.code), `expected ${variant.code}, got ${codes.join(', ')} (XSD: ${xsd})`);
    });
  }

  for (const variant of validVariants) {
    it(`both accept: ${variant.name}`, async () => {
      const xml = apply(variant);
      assert.equal(xsdRefusal(xml), null);
      const result = await read(xml);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    });
  }

  it('exception: school year 2026-2027 — the XSD refuses, we accept', async () => {
    const xml = example.replace('<schooljaar>2014-2015</schooljaar>', '<schooljaar>2026-2027</schooljaar>');
    assert.match(xsdRefusal(xml) ?? '', /schooljaar.*enumeration/s);
    const result = await read(xml);
    assert.ok(result.ok);
    assert.equal(result.roster.school.schoolYear, '2026-2027');
  });

  it('exception: a block typed by another schema — the base XSD cannot resolve it, we read past it', async () => {
    const xml = mutate(example, '<blok xsi:type="OpmerkingGegevensType">\n\t\t\t\t\t<code>Opmerking Y</code>\n\t\t\t\t\t<opmerking/>',
      '<blok xsi:type="eck:EckStatusType" xmlns:eck="urn:example:eck">\n<code>ECK</code>\n<eck:status>actief</eck:status>');
    assert.match(xsdRefusal(xml) ?? '', /does not resolve to a type definition/);
    assert.ok((await read(xml)).ok);
  });
});
