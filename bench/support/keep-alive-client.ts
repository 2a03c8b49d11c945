/**
 * A lean HTTP/1.1 client for a bench's load process: one keep-alive connection, one request at a
 * time, responses framed by Content-Length (the app sends it on every page and redirect; a
 * response without it is refused with an error, never guessed at). The load shares this machine's
 * two cores with the server it measures, so every millisecond of CPU it spends is taken from the
 * server: node:http's client spent about 0.5 ms per staff login while argon2id kept both cores
 * busy, a twentieth of what the login itself costs (docs/performance.md, "Fifth round: a leaner
 * load"). This client parses only the status line and headers, with the same keep-alive sockets.
 */
import net from 'node:net';
import { cookieHeader, keepSetCookies } from './cookie-jar.js';

export interface Answer {
  status: number;
  /** Header names in lower case, in the order received (Set-Cookie may repeat). */
  headers: Array<[name: string, value: string]>;
  body: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');

export class KeepAliveConnection {
  private readonly socket: net.Socket;
  private received: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (answer: Answer) => void; reject: (error: Error) => void } | null = null;
  private broken: Error | null = null;

  constructor(
    private readonly host: string,
    port: number,
  ) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.take(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  /** Sends one request and resolves with its answer; `headers` are name → value, without Host or Content-Length. */
  request(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.waiting) return Promise.reject(new Error('one request at a time per connection'));
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    if (body || method !== 'GET') head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    return new Promise<Answer>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`${head}\r\n${body}`);
    });
  }

  close(): void {
    this.broken ??= new Error('closed');
    this.socket.destroy();
  }

  private take(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const end = this.received.indexOf(HEAD_END);
    if (end < 0 || !this.waiting) return;
    const lines = this.received.toString('latin1', 0, end).split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers: Answer['headers'] = [];
    let length = -1;
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      const name = lines[i].slice(0, colon).toLowerCase();
      const value = lines[i].slice(colon + 1).trim();
      headers.push([name, value]);
      if (name === 'content-length') length = Number(value);
    }
    if (length < 0) return this.fail(new Error(`an answer (${lines[0]}) without Content-Length: this client reads no other framing`));
    const total = end + HEAD_END.length + length;
    if (this.received.length < total) return;
    const body = this.received.toString('utf8', end + HEAD_END.length, total);
    this.received = this.received.subarray(total);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve({ status, headers, body });
  }

  private fail(error: Error): void {
    this.broken ??= error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}

/** A request as a browser sends it on `connection`: its jar's cookies go along, and what the answer sets is kept. */
export async function requestWithCookies(connection: KeepAliveConnection, method: string, path: string, headers: Record<string, string>, cookies: Map<string, string>, body?: string): Promise<Answer> {
  const answer = await connection.request(method, path, { ...headers, cookie: cookieHeader(cookies) }, body);
  keepSetCookies(answer.headers.filter(([name]) => name === 'set-cookie').map(([, line]) => line), cookies);
  return answer;
}
