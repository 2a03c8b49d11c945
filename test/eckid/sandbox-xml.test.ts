/**
 * XML safety on both sides and the WSDL the sandbox serves: a DOCTYPE (XXE, entity bombs) is
 * refused by the sandbox in requests and by the client in responses; values with markup
 * characters travel escaped; the generated WSDL describes the same interface as Kennisnet's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createNummervoorzieningClient, NummervoorzieningError, OPERATIONS, SID_NS } from '../../src/eckid/nummervoorziening/index.js';
import { child, childrenNamed, parseXml, XmlRefused, type XmlElement } from '../../src/eckid/nummervoorziening/xml.js';
import { generateWsdl, SANDBOX_SECTORS, startSandbox, type RunningSandbox } from '../../src/eckid/sandbox/index.js';

const OIN = '00000001234567890000';
const STANDARDS_WSDL = path.resolve('..', 'shared', 'standards', 'eckid', 'eckid.wsdl');
const noStandards = fs.existsSync(STANDARDS_WSDL) ? false : `${STANDARDS_WSDL} ontbreekt (../shared is niet naast deze checkout)`;
const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const SOAP_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';

const XXE_DOCTYPE = '<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
const BOMB_DOCTYPE = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({ key: 'xml-key', wsdlFile: STANDARDS_WSDL });
});
after(() => sandbox.close());

function envelope(doctype: string, hpgnText: string): string {
  return `<?xml version="1.0"?>${doctype}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:sid="${SID_NS}"><soap:Header><wsa:Action>${OPERATIONS.retrieveStampseudonym.action}</wsa:Action><wsa:MessageID>urn:uuid:00000000-0000-4000-8000-000000000000</wsa:MessageID><wsa:To>${sandbox.url}</wsa:To><wsa:From><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous?oin=${OIN}</wsa:Address></wsa:From></soap:Header><soap:Body><sid:retrieveStampseudonymRequest><sid:hpgn>${hpgnText}</sid:hpgn></sid:retrieveStampseudonymRequest></soap:Body></soap:Envelope>`;
}

for (const [name, doctype, text] of [['XXE (external entity)', XXE_DOCTYPE, '&xxe;'], ['entity expansion bomb', BOMB_DOCTYPE, '&lol2;']]) {
  test(`the sandbox refuses a request with a DOCTYPE: ${name}`, async () => {
    const response = await fetch(sandbox.url, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: `"${OPERATIONS.retrieveStampseudonym.action}"` }, body: envelope(doctype, text) });
    const body = await response.text();
    assert.equal(response.status, 500);
    assert.match(body, /<faultactor>InvalidInputException<\/faultactor>/);
    assert.match(body, /DOCTYPE is niet toegestaan/);
    assert.doesNotMatch(body, /root:|lollol/, 'nothing was expanded');
    assert.equal(sandbox.seen.at(-1)?.faultKind, 'invalid_input');
  });
}

test('the client refuses a response with a DOCTYPE and never expands its entities', async () => {
  const hostile = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/xml' });
    response.end(`<?xml version="1.0"?>${XXE_DOCTYPE}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><sid:pingResponse xmlns:sid="${SID_NS}"><sid:available>true</sid:available><sid:applicationVersion>&xxe;</sid:applicationVersion><sid:systemTime>2026-01-01T00:00:00Z</sid:systemTime></sid:pingResponse></soap:Body></soap:Envelope>`);
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  const client = createNummervoorzieningClient({ url: `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/eck/ws/201703`, oin: OIN });
  try {
    await assert.rejects(client.ping(), (error: NummervoorzieningError) => error.code === 'nummervoorziening.invalid_response' && /DOCTYPE/.test(error.message) && !/root:/.test(error.message));
  } finally {
    client.close();
    await new Promise<void>((resolve) => hostile.close(() => resolve()));
  }
});

test('the XML reader: DOCTYPE, malformed XML and undefined entities are refused; predefined entities are read', () => {
  assert.throws(() => parseXml(`${XXE_DOCTYPE}<a>&xxe;</a>`), XmlRefused);
  assert.throws(() => parseXml('<a><b></a>'), XmlRefused);
  assert.throws(() => parseXml('<a>&nbsp;</a>'), XmlRefused);
  assert.equal(parseXml('<a>&lt;x&gt; &amp; &#233;</a>').text, '<x> & é');
});

test('values with markup characters are escaped on the way out and read back intact', async () => {
  const client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN });
  try {
    const chain = `</sid:chainId><sid:chainId>x & "y" 'z'`;
    const stamp = await client.retrieveStampseudonym('a'.repeat(64));
    await assert.rejects(client.retrieveEckId(stamp, chain, SANDBOX_SECTORS[0].id), (error: NummervoorzieningError) => error.code === 'nummervoorziening.unknown_chain' && error.message.includes(chain));
  } finally {
    client.close();
  }
});

/** Operation → soapAction, input and output element; element → type; type → field sequence. */
function describe(wsdlText: string) {
  const root = parseXml(wsdlText.replace(/<\?xml-stylesheet[^>]*\?>/, ''));
  const schema = child(child(root, WSDL_NS, 'types'), XSD_NS, 'schema') as XmlElement;
  const binding = child(root, WSDL_NS, 'binding');
  const messages = new Map(childrenNamed(root, WSDL_NS, 'message').map((message) => [message.attributes.name, child(message, WSDL_NS, 'part')?.attributes.element]));
  const operations = childrenNamed(child(root, WSDL_NS, 'portType'), WSDL_NS, 'operation').map((operation) => {
    const bound = childrenNamed(binding, WSDL_NS, 'operation').find((candidate) => candidate.attributes.name === operation.attributes.name);
    return [
      operation.attributes.name,
      child(bound, SOAP_BINDING_NS, 'operation')?.attributes.soapAction,
      messages.get(child(operation, WSDL_NS, 'input')?.attributes.message.replace('sid:', '') ?? ''),
      messages.get(child(operation, WSDL_NS, 'output')?.attributes.message.replace('sid:', '') ?? ''),
    ].join(' ');
  });
  const elements = childrenNamed(schema, XSD_NS, 'element').map((element) => `${element.attributes.name}:${element.attributes.type}`);
  const types = childrenNamed(schema, XSD_NS, 'complexType').map((type) => {
    const fields = childrenNamed(child(type, XSD_NS, 'sequence'), XSD_NS, 'element').map((field) => `${field.attributes.name}:${field.attributes.type}:${field.attributes.minOccurs ?? 1}:${field.attributes.maxOccurs ?? 1}`);
    return `${type.attributes.name}(${fields.join(',')})`;
  });
  const address = child(child(child(root, WSDL_NS, 'service'), WSDL_NS, 'port'), SOAP_BINDING_NS, 'address')?.attributes.location;
  return { operations: operations.sort(), elements: elements.sort(), types: types.sort(), address, usingAddressing: Boolean(child(binding, 'http://www.w3.org/2006/05/addressing/wsdl', 'UsingAddressing')) };
}

test('the generated WSDL has every operation of the table, WS-Addressing required, and the given address', () => {
  const generated = describe(generateWsdl('http://127.0.0.1:1/eck/ws/201703'));
  assert.equal(generated.operations.length, Object.keys(OPERATIONS).length);
  for (const operation of Object.values(OPERATIONS)) {
    assert.ok(generated.operations.includes(`${operation.name} ${operation.action} sid:${operation.requestElement} sid:${operation.responseElement}`), operation.name);
  }
  assert.equal(generated.address, 'http://127.0.0.1:1/eck/ws/201703');
  assert.equal(generated.usingAddressing, true);
});

test("the generated WSDL describes the same interface as Kennisnet's (operations, elements, types)", { skip: noStandards }, () => {
  const standard = describe(fs.readFileSync(STANDARDS_WSDL, 'utf8'));
  const generated = describe(generateWsdl('https://service.ketenid.nl/eck/ws/201703'));
  assert.deepEqual(generated.operations, standard.operations);
  assert.deepEqual(generated.elements, standard.elements);
  assert.deepEqual(generated.types, standard.types);
});

test('GET ?wsdl serves the standards WSDL with the sandbox as soap:address', { skip: noStandards }, async () => {
  const response = await fetch(`${sandbox.url}?wsdl`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/xml/);
  const served = describe(await response.text());
  assert.equal(sandbox.wsdlSource, 'standards');
  assert.equal(served.address, sandbox.url);
  assert.equal(served.operations.length, 9);
});

test('without the standards folder the sandbox serves the generated WSDL', async () => {
  const bare = await startSandbox({ key: 'xml-key', wsdlFile: path.join('/nonexistent', 'eckid.wsdl') });
  try {
    assert.equal(bare.wsdlSource, 'generated');
    const served = describe(await (await fetch(`${bare.url}?wsdl`)).text());
    assert.equal(served.address, bare.url);
    assert.equal(served.operations.length, 9);
  } finally {
    await bare.close();
  }
});
