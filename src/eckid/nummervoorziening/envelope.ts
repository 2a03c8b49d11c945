/**
 * SOAP 1.1 envelopes with WS-Addressing headers: written by the client (requests) and the
 * sandbox (responses, faults), read by both through the safe parser in xml.ts.
 */
import { FAULTS, type FaultKind, type SoapFaultInfo } from './faults.js';
import { SID_NS, SOAP11_NS, WSA_NS } from './operations.js';
import { child, childText, escapeXml, parseXml, XmlRefused, type XmlElement } from './xml.js';

export interface AddressingHeaders {
  action: string;
  messageId: string;
  to?: string;
  /** wsa:From/wsa:Address, e.g. `http://www.w3.org/2005/08/addressing/anonymous?oin=…`. */
  from?: string;
  relatesTo?: string;
}

/** A child element in the sid namespace, text escaped; `inner` is already XML. */
export const sid = (name: string, text: string): string => `<sid:${name}>${escapeXml(text)}</sid:${name}>`;
export const sidRaw = (name: string, inner: string): string => `<sid:${name}>${inner}</sid:${name}>`;

export function buildEnvelope(headers: AddressingHeaders, body: string): string {
  const lines = [
    `<wsa:Action soap:mustUnderstand="1">${escapeXml(headers.action)}</wsa:Action>`,
    `<wsa:MessageID>${escapeXml(headers.messageId)}</wsa:MessageID>`,
  ];
  if (headers.to !== undefined) lines.push(`<wsa:To soap:mustUnderstand="1">${escapeXml(headers.to)}</wsa:To>`);
  if (headers.from !== undefined) lines.push(`<wsa:From><wsa:Address>${escapeXml(headers.from)}</wsa:Address></wsa:From>`);
  if (headers.relatesTo !== undefined) lines.push(`<wsa:RelatesTo>${escapeXml(headers.relatesTo)}</wsa:RelatesTo>`);
  else lines.push(`<wsa:ReplyTo><wsa:Address>${WSA_NS}/anonymous</wsa:Address></wsa:ReplyTo>`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP11_NS}" xmlns:wsa="${WSA_NS}" xmlns:sid="${SID_NS}">` +
    `<soap:Header>${lines.join('')}</soap:Header>` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export interface FaultToSend {
  kind: FaultKind;
  message: string;
  retryAfterSeconds?: number;
}

export function buildFaultBody(fault: FaultToSend): string {
  const spec = FAULTS[fault.kind];
  const detail = fault.retryAfterSeconds === undefined ? '' : `<detail>${sid('retryAfterSeconds', String(fault.retryAfterSeconds))}</detail>`;
  return (
    `<soap:Fault><faultcode>${spec.codeNs}:${spec.code}</faultcode>` +
    `<faultstring xml:lang="nl">${escapeXml(fault.message)}</faultstring>` +
    (spec.actor === null ? '' : `<faultactor>${escapeXml(spec.actor)}</faultactor>`) +
    `${detail}</soap:Fault>`
  );
}

export interface ParsedEnvelope {
  headers: Partial<AddressingHeaders>;
  /** The single element inside soap:Body (absent for an empty body). */
  body: XmlElement | undefined;
  fault: (SoapFaultInfo & { retryAfterSeconds?: number }) | null;
}

/** Reads a SOAP 1.1 envelope; throws XmlRefused for a DOCTYPE, bad XML or a non-SOAP document. */
export function parseEnvelope(text: string): ParsedEnvelope {
  const root = parseXml(text);
  if (root.ns !== SOAP11_NS || root.name !== 'Envelope') throw new XmlRefused('Het bericht is geen SOAP 1.1-envelop.');
  const header = child(root, SOAP11_NS, 'Header');
  const bodyElement = child(root, SOAP11_NS, 'Body');
  if (!bodyElement) throw new XmlRefused('De SOAP-envelop heeft geen Body.');
  const from = child(header, WSA_NS, 'From');
  const headers: Partial<AddressingHeaders> = {
    action: childText(header, WSA_NS, 'Action'),
    messageId: childText(header, WSA_NS, 'MessageID'),
    to: childText(header, WSA_NS, 'To'),
    from: from ? childText(from, WSA_NS, 'Address') : undefined,
    relatesTo: childText(header, WSA_NS, 'RelatesTo'),
  };
  const body = bodyElement.children[0];
  if (body && body.ns === SOAP11_NS && body.name === 'Fault') {
    // faultcode is a QName; its prefix differs per server, the local part is what counts.
    const code = (childText(body, '*', 'faultcode') ?? '').replace(/^.*:/, '');
    const retryAfter = Number(childText(child(body, '*', 'detail'), '*', 'retryAfterSeconds'));
    return {
      headers,
      body,
      fault: {
        code,
        actor: childText(body, '*', 'faultactor') || null,
        message: childText(body, '*', 'faultstring') ?? '',
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
      },
    };
  }
  return { headers, body, fault: null };
}
