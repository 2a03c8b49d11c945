/**
 * The sandbox Nummervoorziening over real HTTP(S): GET ?wsdl serves the WSDL, POST takes SOAP
 * 1.1 requests, checks WS-Addressing like the real service (Action = SOAPAction, MessageID,
 * To, From with `anonymous?oin=<20 digits>`) and answers with RelatesTo. With TLS material it
 * runs HTTPS and requires a client certificate signed by the given CA (mutual TLS).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { randomUUID } from 'node:crypto';
import { buildEnvelope, buildFaultBody, parseEnvelope, type FaultToSend, type ParsedEnvelope } from '../nummervoorziening/envelope.js';
import { OIN_PATTERN, operationByAction, responseAction, SID_NS, WSA_ANONYMOUS_OIN_PREFIX, WSA_NS } from '../nummervoorziening/operations.js';
import { MAX_XML_BYTES, XmlRefused } from '../nummervoorziening/xml.js';
import { createSandboxService, SandboxFault, type SandboxBehaviour } from './service.js';
import { wsdlDocument } from './wsdl.js';

/** Requests remembered in `seen` (the newest). */
const MAX_SEEN = 1000;

export interface SandboxTls { key: string | Buffer; cert: string | Buffer; ca: string | Buffer }

export interface SandboxOptions extends SandboxBehaviour {
  host?: string;
  port?: number;
  /** Path of the service (the production path by default). */
  path?: string;
  /** HTTPS with required client certificates when given. */
  tls?: SandboxTls | null;
  /** The standards' WSDL file to serve (null or missing: a generated one). */
  wsdlFile?: string | null;
}

/** What the sandbox saw of one request: lets tests assert the headers the client sent. */
export interface SeenRequest {
  operation: string | null;
  action?: string;
  soapAction?: string;
  messageId?: string;
  to?: string;
  from?: string;
  oin: string | null;
  clientCertificateSubject: string | null;
  faultKind: string | null;
}

export interface RunningSandbox {
  url: string;
  wsdlSource: 'standards' | 'generated';
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const service = createSandboxService(options);
  const servicePath = options.path ?? '/eck/ws/201703';
  const seen: SeenRequest[] = [];
  let location = '';
  let wsdl: ReturnType<typeof wsdlDocument> = { xml: '', source: 'generated' };

  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    if (url.pathname !== servicePath) return plain(response, 404, 'Niet gevonden: de Nummervoorziening-sandbox luistert op ' + servicePath);
    if (request.method === 'GET' && url.searchParams.has('wsdl')) {
      response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      return response.end(wsdl.xml);
    }
    if (request.method !== 'POST') return plain(response, 405, 'Gebruik POST (SOAP 1.1) of GET ?wsdl.');
    // The binding is SOAP 1.1 (text/xml); a SOAP 1.2 client has the wrong envelope and headers.
    if (!/^text\/xml\b/i.test(request.headers['content-type'] ?? '')) return plain(response, 415, 'Deze dienst spreekt SOAP 1.1: Content-Type text/xml.');
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_XML_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const certificate = (request.socket as Partial<TLSSocket>).getPeerCertificate?.();
      const record: SeenRequest = {
        operation: null,
        soapAction: String(request.headers.soapaction ?? '').replace(/^"|"$/g, ''),
        oin: null,
        clientCertificateSubject: certificate && certificate.subject ? String(certificate.subject.CN ?? '') : null,
        faultKind: null,
      };
      seen.push(record);
      if (seen.length > MAX_SEEN) seen.shift(); // a long-running demo sandbox stays small
      const { status, xml } = answer(Buffer.concat(chunks).toString('utf8'), record);
      response.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' });
      response.end(xml);
    });
  };

  function answer(text: string, record: SeenRequest): { status: number; xml: string } {
    let envelope: ParsedEnvelope | null = null;
    const reply = (body: string, status: number) => ({
      status,
      // Faults carry the WS-Addressing fault action; answers the operation's response action.
      xml: buildEnvelope({ action: status === 200 ? responseAction(operationByAction(record.action ?? '')!) : `${WSA_NS}/soap/fault`, messageId: `urn:uuid:${randomUUID()}`, to: `${WSA_NS}/anonymous`, relatesTo: envelope?.headers.messageId ?? 'http://www.w3.org/2005/08/addressing/unspecified' }, body),
    });
    const faultReply = (fault: FaultToSend) => {
      record.faultKind = fault.kind;
      return reply(buildFaultBody(fault), 500);
    };
    try {
      envelope = parseEnvelope(text);
    } catch (error) {
      service.noteInvalid('onbekend');
      return faultReply({ kind: 'invalid_input', message: error instanceof XmlRefused ? error.message : 'Ongeldig bericht.' });
    }
    const headers = envelope.headers;
    Object.assign(record, { action: headers.action, messageId: headers.messageId, to: headers.to, from: headers.from });
    const operation = headers.action ? operationByAction(headers.action) : undefined;
    if (!headers.action || !operation) return faultReply({ kind: 'addressing', message: `wsa:Action ontbreekt of is onbekend: ${headers.action ?? '(geen)'}` });
    if (record.soapAction !== headers.action) return faultReply({ kind: 'addressing', message: 'De SOAPAction-header en wsa:Action verschillen.' });
    if (!headers.messageId) return faultReply({ kind: 'addressing', message: 'wsa:MessageID ontbreekt.' });
    if (!headers.to || safePath(headers.to) !== servicePath) return faultReply({ kind: 'addressing', message: `wsa:To ontbreekt of wijst niet naar deze dienst: ${headers.to ?? '(geen)'}` });
    const oin = headers.from?.startsWith(WSA_ANONYMOUS_OIN_PREFIX) ? headers.from.slice(WSA_ANONYMOUS_OIN_PREFIX.length) : '';
    if (!OIN_PATTERN.test(oin)) return faultReply({ kind: 'addressing', message: `wsa:From moet ${WSA_ANONYMOUS_OIN_PREFIX}<OIN van 20 cijfers> zijn (nu: ${headers.from ?? '(geen)'}).` });
    record.oin = oin;
    record.operation = operation.name;
    const body = envelope.body;
    if (!body || body.ns !== SID_NS || body.name !== operation.requestElement) return faultReply({ kind: 'invalid_input', message: `De body moet sid:${operation.requestElement} zijn.` });
    try {
      return reply(service.handle(operation.name, body, oin), 200);
    } catch (error) {
      if (error instanceof SandboxFault) return faultReply(error.fault);
      return faultReply({ kind: 'server_error', message: 'Interne fout in de sandbox.' });
    }
  }

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  location = `${options.tls ? 'https' : 'http'}://${host}:${address.port}${servicePath}`;
  wsdl = wsdlDocument(location, options.wsdlFile ?? null);
  return {
    url: location,
    wsdlSource: wsdl.source,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safePath(to: string): string | null {
  try {
    return new URL(to).pathname;
  } catch {
    return null;
  }
}

function plain(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
