/**
 * The login benchmark's load: virtual clients that each fetch their login form once (CSRF
 * cookie, device cookie, the `_csrf` field, as a browser does) and then post it again and
 * again, keeping the cookies the app sets; all clients at once, bounded in requests and time.
 * Loopback keep-alive HTTP only. A login that does not answer 303 stops the run.
 */
import http from 'node:http';
import { serveAsLoadProcess } from './load-process.js';

export interface VirtualClient {
  formPath: string;
  postPath: string;
  fields: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Milliseconds per login, sorted. */
  latencies: number[];
  /** CPU time (user + system, ms) the load process itself used while measuring: the client's share of the two cores. */
  cpuMs: number;
}

const CSRF = /name="_csrf" value="([^"]+)"/;

/** Host and port, parsed once: a URL object per request was the load process's own cost. */
type Origin = { hostname: string; port: string };

function request(agent: http.Agent, origin: Origin, method: 'GET' | 'POST', path: string, cookies: Map<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = http.request({ ...origin, path, method, agent, headers }, (res) => {
      for (const line of res.headers['set-cookie'] ?? []) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        const value = pair.slice(at + 1);
        if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(pair.slice(0, at));
        else cookies.set(pair.slice(0, at), value);
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface LoadInput {
  origin: string;
  clients: VirtualClient[];
  seconds: number;
  maxRequests: number;
}

export async function runLoad(input: LoadInput): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.clients.length });
  const { hostname, port } = new URL(input.origin);
  const origin: Origin = { hostname, port };
  const latencies: number[] = [];
  let issued = 0;
  try {
    const prepared = await Promise.all(
      input.clients.map(async (client) => {
        const cookies = new Map<string, string>();
        const form = await request(agent, origin, 'GET', client.formPath, cookies);
        const token = CSRF.exec(form.body)?.[1];
        if (form.status !== 200 || !token) throw new Error(`form ${client.formPath} answered ${form.status} without a CSRF field`);
        return { client, cookies, body: new URLSearchParams({ ...client.fields, _csrf: token }).toString() };
      }),
    );
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    const deadline = start + input.seconds * 1000;
    await Promise.all(
      prepared.map(async ({ client, cookies, body }) => {
        while (issued < input.maxRequests && performance.now() < deadline) {
          issued++;
          const t0 = performance.now();
          const answer = await request(agent, origin, 'POST', client.postPath, cookies, body);
          if (answer.status !== 303) throw new Error(`login at ${client.postPath} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return { requests: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b), cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    agent.destroy();
  }
}

/** Run as a process of its own by bench/login.ts. */
await serveAsLoadProcess(import.meta.url, runLoad);
