/**
 * The fast scanner against saxes. The scanner may give up on a document (the reader then reads
 * it with saxes); it may never accept one saxes refuses, or report it differently. Checked on
 * real files, on the XSD cross-check variants, and on thousands of seeded random mutations
 * aimed at the XML syntax (markup characters, entities, namespaces, comments, CDATA, line ends).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { readEdexml } from '../../src/roster/edexml/index.js';
import { scanXml, type ScanInput } from '../../src/roster/edexml/scanner.js';
import { fromSaxes, type OpenTag, type XmlEvents } from '../../src/roster/edexml/xml-tags.js';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import { createRandom, type Random } from '../../src/roster/generator/random.js';
import { asLatin1, fixture, needsOfficial, official } from './edexml-support.js';
import { brokenVariants, validVariants } from './edexml-variants.js';

type XmlEvent = ['open', OpenTag, number] | ['text', string] | ['close'] | ['doctype'];

/** Records what a tokenizer reports; text outside the root and the splitting of text do not count. */
class Recorder implements XmlEvents {
  readonly events: XmlEvent[] = [];
  private depth = 0;

  open(tag: OpenTag, line: number): boolean {
    // A copy: the scanner refills one tag object.
    this.events.push(['open', { ...tag, attributes: [...tag.attributes] }, line]);
    this.depth++;
    return true;
  }

  text(text: string): void {
    if (this.depth === 0) return;
    const last = this.events[this.events.length - 1];
    if (last?.[0] === 'text') last[1] += text;
    else this.events.push(['text', text]);
  }

  close(): void {
    this.events.push(['close']);
    this.depth--;
  }
}

/** saxes wired as the reader wires it (a start tag's line is taken where saxes reports its start). */
function saxesEvents(xml: string): XmlEvent[] | 'refused' {
  const recorder = new Recorder();
  const parser = new SaxesParser({ xmlns: true, position: true });
  let line = 1;
  parser.on('doctype', () => recorder.events.push(['doctype']));
  parser.on('opentagstart', () => {
    line = parser.line;
  });
  parser.on('opentag', (tag) => recorder.open(fromSaxes(tag), line));
  parser.on('text', (text) => recorder.text(text));
  parser.on('cdata', (text) => recorder.text(text));
  parser.on('closetag', () => recorder.close());
  try {
    parser.write(xml).close();
  } catch {
    return 'refused';
  }
  return recorder.events;
}

/** Scanner and saxes agree: either the scanner gave up, or both report the very same events. */
function assertAgreeOn(input: ScanInput, xml: string): 'scanned' | 'left to saxes' {
  const recorder = new Recorder();
  const outcome = scanXml(input, recorder);
  if (outcome === 'unsupported') return 'left to saxes';
  assert.equal(outcome, 'complete');
  assert.deepEqual(recorder.events, saxesEvents(xml), `scanner and saxes differ on:\n${xml}`);
  return 'scanned';
}

/** As text, and as UTF-8 bytes (scanned through their latin1 view): both ways must agree with saxes. */
function assertAgree(xml: string): 'scanned' | 'left to saxes' {
  const bytes = Buffer.from(xml, 'utf8');
  const asBytes = assertAgreeOn({ utf8: bytes }, bytes.toString('utf8'));
  const asText = assertAgreeOn({ text: xml }, xml);
  return asText === 'scanned' || asBytes === 'scanned' ? 'scanned' : 'left to saxes';
}

/** Markup that tends to break XML, and legal constructs the scanner must get exactly right. */
const SNIPPETS = [
  '<', '>', '/', '&', ';', '"', "'", '=', ':', ' ', '\n', '\r', '\r\n', '\t', '!', '-', '--', '?', '[', ']', ']]>', 'x', '#', 'é',
  '\u0001', '\uFFFE', '\u00A0', '😀', 'xmlns', ' xmlns:a="urn:a"', ' xmlns="urn:d"', ' xmlns=""', ' xmlns:b=""', 'a:', 'xsi:', 'b:',
  ' xsi:type="X"', ' a:key="1"', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#10;', '&#13;', '&#x41;', '&#X41;', '&#0;', '&#xD800;',
  '&foo;', '&#;', '<!--', '-->', '<!-- c -->', '<!---->', '<![CDATA[x]]>', '<?pi x?>', '<?xml version="1.0"?>', '<!DOCTYPE x>',
  '</', '/>', '<a>', '</a>', '<a/>', ' b="1"', " b='2'", ' b = "3"', '\t\n', 'key', '<leerling key="9">',
];

function mutant(xml: string, random: Random): string {
  let out = xml;
  for (let n = random.int(1, 3); n > 0; n--) {
    const at = random.int(0, out.length);
    const operation = random.int(0, 2);
    if (operation === 0) out = out.slice(0, at) + random.pick(SNIPPETS) + out.slice(at);
    else if (operation === 1) out = out.slice(0, at) + out.slice(at + random.int(1, 5));
    else out = out.slice(0, at) + random.pick(SNIPPETS) + out.slice(at + random.int(1, 5));
  }
  return out;
}

/** Every construct the scanner handles, in one small document with Windows line ends. */
const CONSTRUCTS = [
  '<?xml version=\'1.0\' encoding="UTF-8" standalone="yes" ?>',
  '<!-- before the root -->',
  '<EDEX xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="urn:extra" xsi:noNamespaceSchemaLocation="EDEXML.structuur.xsd">',
  '\t<school a="tab\there" x:b=\'new\nline\'>',
  '\t\t<schooljaar>2026-2027</schooljaar><!-- inside -->',
  '\t\t<auteur>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9;&#x1F600;</auteur>',
  '\t\t<commentaar xmlns="urn:default"><inner xmlns="">text</inner></commentaar>',
  '\t\t<x:extra\n\t\t\tkey="1"/>',
  '\t\t<leeg />',
  '\t</school >',
  '</EDEX>',
  '<!-- after the root -->',
  '',
].join('\r\n');

function baseDocuments(): string[] {
  const generated = writeEdexml(generateSchoolRoster({ seed: 7, brin: '07GA', pupils: 12 })).toString('utf8');
  const documents = [CONSTRUCTS, fixture('school-2026.xml'), generated];
  if (!needsOfficial) documents.push(official('EDEXML.Voorbeeld.2.1.xml'), official('EDEXML.Voorbeeld.2.1-Vla.xml'));
  return documents;
}

async function* inChunks(bytes: Buffer): AsyncIterable<Uint8Array> {
  for (let start = 0; start < bytes.length; start += 777) yield bytes.subarray(start, start + 777);
}

/** A buffer takes the fast path; a stream always goes through saxes. */
async function assertSameReading(bytes: Buffer): Promise<void> {
  assert.deepEqual(await readEdexml(bytes), await readEdexml(inChunks(bytes)));
}

describe('fast XML scanner', () => {
  it('scans the files LAS exports are made of, with the events saxes reports', () => {
    for (const xml of baseDocuments()) {
      assert.equal(assertAgreeOn({ text: xml }, xml), 'scanned');
      assert.equal(assertAgreeOn({ utf8: Buffer.from(xml, 'utf8') }, xml), 'scanned');
    }
    const generated = generateSchoolRoster({ seed: 8, brin: '08GA', pupils: 30 });
    const latin1 = writeEdexml(generated, { encoding: 'ISO-8859-1' }).toString('latin1');
    assert.equal(assertAgreeOn({ text: latin1 }, latin1), 'scanned');

  });

  it('never accepts what saxes refuses, and reports alike what both accept (seeded mutations)', () => {
    const random = createRandom('edexml-scanner');
    const tally = { scanned: 0, 'left to saxes': 0 };
    for (const xml of baseDocuments().slice(0, 3)) {
      for (let i = 0; i < 700; i++) tally[assertAgree(mutant(xml, random))]++;
    }
    // Both sides must really be exercised, or the comparison says little.
    assert.ok(tally.scanned > 300 && tally['left to saxes'] > 300, JSON.stringify(tally));
  });

  it('gives up on what only saxes handles', () => {
    const cases = [
      '<!DOCTYPE EDEX><EDEX/>', '<EDEX><![CDATA[x]]></EDEX>', '<?pi x?><EDEX/>', '<EDEX>&unknown;</EDEX>', '<EDEX>\u0001</EDEX>',
      ' <?xml version="1.0"?><EDEX/>', '<?xml version="1.1"?><EDEX/>', '<EDEX a="1" a="2"/>', '<EDEX xmlns:p="u" xmlns:q="u" p:a="1" q:a="2"/>',
      '<p:EDEX/>', '<EDEX></EDEx>', '<EDEX/><EDEX/>', 'text<EDEX/>', '<EDEX>', '', '<EDEX><!-- a -- b --></EDEX>', '<EDEXé/>',
      '<EDEX xmlns:xml="urn:x"/>', '<EDEX a="<"/>', '<EDEX a="1"b="2"/>', '\uFEFF<EDEX/>',
    ];
    for (const xml of cases) assert.equal(scanXml({ text: xml }, new Recorder()), 'unsupported', xml);
  });

  it('finds duplicate attributes among many, by name and by namespace', () => {
    const many = Array.from({ length: 20 }, (_, i) => ` a${i}="${i}"`).join('');
    for (const xml of [
      `<EDEX${many}/>`, `<EDEX${many} a7="x"/>`, `<EDEX xmlns:p="u" xmlns:q="u"${many} p:b="1" q:b="2"/>`, `<EDEX xmlns:p="u"${many} p:b="1" b="2"/>`,
    ]) assertAgree(xml);
    assert.equal(scanXml({ text: `<EDEX${many} a7="x"/>` }, new Recorder()), 'unsupported');
  });
});

describe('reading with the scanner or with saxes', () => {
  it('gives the same result for every variant of the official example', { skip: needsOfficial }, async () => {
    const xml = official('EDEXML.Voorbeeld.2.1.xml');
    for (const variant of [...brokenVariants, ...validVariants]) await assertSameReading(Buffer.from(variant.mutate(xml), 'utf8'));
  });

  it('gives the same result for generated files in every encoding, and for CR LF line ends', async () => {
    const roster = generateSchoolRoster({ seed: 9, brin: '09GA', pupils: 40 });
    for (const options of [{}, { bom: true }, { encoding: 'ISO-8859-1' as const }]) await assertSameReading(writeEdexml(roster, options));
    await assertSameReading(Buffer.from(writeEdexml(roster).toString('utf8').replace(/\n/g, '\r\n'), 'utf8'));
    await assertSameReading(asLatin1(fixture('school-2026.xml')));
  });

  it('gives the same result, problems and lines included, for mutated files', async () => {
    const random = createRandom('edexml-reading');
    for (const xml of baseDocuments()) {
      for (let i = 0; i < 60; i++) await assertSameReading(Buffer.from(mutant(xml, random), 'utf8'));
    }
  });
});
