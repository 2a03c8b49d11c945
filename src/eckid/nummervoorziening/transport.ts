/**
 * HTTP(S) for SOAP 1.1: one POST per call with the SOAPAction header, through a node:https
 * Agent that carries the client certificate (mutual TLS) and the CA that signs the service.
 * Transport failures become typed errors with a retry policy, like SOAP faults do.
 */
import http from 'node:http';
import https from 'node:https';
import { DEFAULT_OUTAGE_RETRY_MS, NummervoorzieningError } from './faults.js';
import { MAX_XML_BYTES } from './xml.js';

/** PEM text (or Buffers) of the client certificate, its key and the CA to trust. */
export interface TlsMaterial {
  cert?: string | Buffer;
  key?: string | Buffer;
  ca?: string | Buffer;
  passphrase?: string;
}

export interface SoapHttpResponse {
  status: number;
  contentType: string;
  body: string;
}

export type Agent = http.Agent | https.Agent;

export function createAgent(url: URL, tls: TlsMaterial | null | undefined): Agent {
  // A few connections are plenty: batches carry the volume, and the service throttles per OIN.
  if (url.protocol === 'http:') return new http.Agent({ keepAlive: true, maxSockets: 8 });
  return new https.Agent({
    keepAlive: true,
    maxSockets: 8,
    cert: tls?.cert,
    key: tls?.key,
    ca: tls?.ca,
    passphrase: tls?.passphrase,
    // Explicit, whatever NODE_TLS_REJECT_UNAUTHORIZED says: the service must prove itself.
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  });
}

const outage = (detail: string) =>
  new NummervoorzieningError('nummervoorziening.unreachable', { detail, minutes: DEFAULT_OUTAGE_RETRY_MS / 60_000 }, { kind: 'later', afterMs: DEFAULT_OUTAGE_RETRY_MS });

/** TLS problems are configuration problems (certificate, key, CA): retrying does not help. */
function isTlsFailure(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return /^ERR_(SSL|TLS)|CERT|SELF_SIGNED|UNABLE_TO_|^EPROTO$|HOSTNAME_MISMATCH|ERR_OSSL/.test(code) || /alert|certificate|handshake/i.test(error.message);
}

export function postSoap(url: URL, agent: Agent, soapAction: string, xml: string, timeoutMs: number): Promise<SoapHttpResponse> {
  const transport = url.protocol === 'https:' ? https : http;
  const payload = Buffer.from(xml, 'utf8');
  return new Promise((resolve, reject) => {
    let secured = url.protocol !== 'https:';
    let tls13 = false;
    const request = transport.request(url, {
      method: 'POST',
      agent,
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        'Content-Length': payload.length,
        // SOAP 1.1: the action, quoted (as in the binding's soapAction).
        SOAPAction: `"${soapAction}"`,
      },
      timeout: timeoutMs,
    });
    request.on('socket', (socket) => {
      const tlsSocket = socket as import('node:tls').TLSSocket;
      // A kept-alive socket finished its handshake long ago: listening again would only pile up listeners.
      if (!tlsSocket.encrypted || !socket.connecting) {
        secured = tlsSocket.encrypted === true;
        tls13 = secured && tlsSocket.getProtocol?.() === 'TLSv1.3';
        return;
      }
      socket.once('secureConnect', () => {
        secured = true;
        tls13 = tlsSocket.getProtocol?.() === 'TLSv1.3';
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error(`geen antwoord binnen ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A reset before the handshake finished is the server refusing our certificate (or its absence).
      if (isTlsFailure(error) || (!secured && error.code === 'ECONNRESET')) {
        reject(new NummervoorzieningError('nummervoorziening.tls_refused', { detail: error.code ?? error.message }, { kind: 'never' }));
      } else if (tls13 && error.code === 'ECONNRESET') {
        // TLS 1.3 finishes the client's handshake before the server has checked our certificate;
        // a refusal then arrives as an alert or, if our request was still unread, as a reset.
        // Most likely the certificate, but a reset can also be the network: so try again later.
        reject(new NummervoorzieningError('nummervoorziening.tls_refused', { detail: 'verbinding direct na de TLS-handdruk verbroken' }, { kind: 'later', afterMs: DEFAULT_OUTAGE_RETRY_MS }));
      } else {
        reject(outage(error.code ?? error.message));
      }
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_XML_BYTES) {
          response.destroy();
          reject(new NummervoorzieningError('nummervoorziening.invalid_response', { detail: 'antwoord te groot', minutes: DEFAULT_OUTAGE_RETRY_MS / 60_000 }, { kind: 'later', afterMs: DEFAULT_OUTAGE_RETRY_MS }));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => reject(outage(error.message)));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.end(payload);
  });
}
