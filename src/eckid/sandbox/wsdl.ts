/**
 * The WSDL the sandbox serves at `?wsdl`: Kennisnet's file from the standards folder when it
 * is present (with soap:address pointing at the sandbox), otherwise a document generated
 * from the operation table and the message fields below, describing the same interface.
 */
import fs from 'node:fs';
import { OPERATIONS, PRODUCTION_LOCATION, SID_NS, type Operation } from '../nummervoorziening/operations.js';
import { escapeXml } from '../nummervoorziening/xml.js';

type Field = [name: string, type: string, min: number, max: number | 'unbounded'];

/** Complex types of the interface: their fields in order (type names as in the WSDL). */
const TYPES: Record<string, Field[]> = {
  PingRequest: [],
  PingResponse: [['available', 'xsd:boolean', 1, 1], ['applicationVersion', 'xsd:string', 1, 1], ['systemTime', 'xsd:dateTime', 1, 1]],
  RetrieveStampseudonymRequest: [['hpgn', 'sid:HPgn', 1, 1]],
  RetrieveStampseudonymResponse: [['stampseudonym', 'sid:Stampseudonym', 1, 1]],
  RetrieveEckIdRequest: [['stampseudonym', 'sid:Stampseudonym', 1, 1], ['chainId', 'xsd:string', 1, 1], ['sectorId', 'xsd:string', 1, 1]],
  RetrieveEckIdResponse: [['eckId', 'sid:EckId', 1, 1]],
  SubmitEckIdBatchRequest: [['stampseudonymList', 'sid:ListedStampseudonym', 1, 'unbounded'], ['chainId', 'xsd:string', 1, 1], ['sectorId', 'xsd:string', 1, 1]],
  SubmitStampseudonymBatchRequest: [['hpgnList', 'sid:ListedHpgn', 1, 'unbounded']],
  SubmitBatchResponse: [['batchIdentifier', 'sid:BatchIdentifier', 1, 1]],
  RetrieveBatchRequest: [['batchIdentifier', 'sid:BatchIdentifier', 1, 1]],
  RetrieveBatchResponse: [['success', 'sid:ListedEntitySuccess', 0, 'unbounded'], ['failed', 'sid:ListedEntityFailure', 0, 'unbounded']],
  ReplaceStampseudonymRequest: [['hpgnOld', 'sid:HPgn', 1, 1], ['hpgnNew', 'sid:HPgn', 1, 1], ['effectiveDate', 'xsd:dateTime', 0, 1]],
  ReplaceStampseudonymResponse: [['stampseudonym', 'sid:Stampseudonym', 1, 1]],
  RetrieveChainsRequest: [],
  RetrieveChainsResponse: [['chain', 'sid:Chain', 1, 'unbounded']],
  RetrieveSectorsRequest: [],
  RetrieveSectorsResponse: [['sector', 'sid:Sector', 1, 'unbounded']],
  ListedHpgn: [['index', 'xsd:int', 1, 1], ['hPgn', 'sid:HPgn', 1, 1]],
  ListedStampseudonym: [['index', 'xsd:int', 1, 1], ['stampseudonym', 'sid:Stampseudonym', 1, 1]],
  ListedEntitySuccess: [['index', 'xsd:int', 1, 1], ['value', 'xsd:string', 1, 1]],
  ListedEntityFailure: [['index', 'xsd:int', 1, 1], ['errorMessage', 'xsd:string', 1, 1]],
  Chain: [['id', 'xsd:string', 1, 1], ['name', 'xsd:string', 1, 1], ['description', 'xsd:string', 1, 1], ['lastEdited', 'xsd:dateTime', 1, 1]],
  Sector: [['id', 'xsd:string', 1, 1], ['name', 'xsd:string', 1, 1], ['description', 'xsd:string', 1, 1], ['lastEdited', 'xsd:dateTime', 1, 1]],
};
/** Simple-content types: a string with a name. */
const STRING_TYPES = ['HPgn', 'Stampseudonym', 'BatchIdentifier', 'EckId'];

const typeName = (element: string) => element[0].toUpperCase() + element.slice(1);

export function generateWsdl(location: string): string {
  const operations = Object.values(OPERATIONS);
  const elements = [...new Set(operations.flatMap((op) => [op.requestElement, op.responseElement]))];
  const complex = Object.entries(TYPES).map(([name, fields]) =>
    `<xsd:complexType name="${name}"><xsd:sequence>${fields.map(([field, type, min, max]) => `<xsd:element name="${field}" type="${type}" minOccurs="${min}" maxOccurs="${max}"/>`).join('')}</xsd:sequence></xsd:complexType>`,
  );
  const simple = STRING_TYPES.map((name) => `<xsd:complexType name="${name}"><xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent></xsd:complexType>`);
  const messages = elements.map((element) => `<wsdl:message name="${element}"><wsdl:part name="${element}" element="sid:${element}"/></wsdl:message>`);
  const port = operations.map((op: Operation) => `<wsdl:operation name="${op.name}"><wsdl:input message="sid:${op.requestElement}"/><wsdl:output message="sid:${op.responseElement}"/></wsdl:operation>`);
  const binding = operations.map(
    (op) => `<wsdl:operation name="${op.name}"><soap:operation soapAction="${op.action}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<wsdl:definitions name="EckID" targetNamespace="${SID_NS}" xmlns:sid="${SID_NS}" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">`,
    '<wsdl:documentation>Service: EckID (Nummervoorziening), sandbox van Leerpoort. Gegenereerd uit de operatietabel; zelfde berichten als EckID 0.7-20171229. Uses WS:Addressing</wsdl:documentation>',
    `<wsdl:types><xsd:schema targetNamespace="${SID_NS}" elementFormDefault="qualified">`,
    ...elements.map((element) => `<xsd:element name="${element}" type="sid:${typeName(element)}"/>`),
    ...complex,
    ...simple,
    '</xsd:schema></wsdl:types>',
    ...messages,
    `<wsdl:portType name="EckIDPort">${port.join('')}</wsdl:portType>`,
    `<wsdl:binding name="EckIDSoapBinding" type="sid:EckIDPort"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/><wsaw:UsingAddressing wsdl:required="true"/>${binding.join('')}</wsdl:binding>`,
    `<wsdl:service name="EckIDService"><wsdl:port binding="sid:EckIDSoapBinding" name="EckIDSoap10"><soap:address location="${escapeXml(location)}"/></wsdl:port></wsdl:service>`,
    '</wsdl:definitions>',
  ].join('\n');
}

/** The standards' WSDL (address rewritten to `location`) when the file exists, else the generated one. */
export function wsdlDocument(location: string, standardsFile: string | null): { xml: string; source: 'standards' | 'generated' } {
  if (standardsFile && fs.existsSync(standardsFile)) {
    const xml = fs.readFileSync(standardsFile, 'utf8').replace(`location="${PRODUCTION_LOCATION}"`, `location="${escapeXml(location)}"`);
    return { xml, source: 'standards' };
  }
  return { xml: generateWsdl(location), source: 'generated' };
}
