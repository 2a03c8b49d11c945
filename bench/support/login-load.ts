/**
 * The login benchmark's load: virtual clients that each fetch their login form once (CSRF
 * cookie, device cookie, the `_csrf` field, as a browser does) and then post it again and
 * again, keeping the cookies the app sets; all clients at once, bounded in requests and time.
 * One keep-alive connection per client (keep-alive-client.ts: a lean client, as the load shares
 * the cores with the server). A login that does not answer 303 stops the run.
 */
import { KeepAliveConnection, requestWithCookies, type Answer } from './keep-alive-client.js';
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

function request(connection: KeepAliveConnection, method: 'GET' | 'POST', path: string, cookies: Map<string, string>, body?: string): Promise<Answer> {
  return requestWithCookies(connection, method, path, body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }, cookies, body);
}

export interface LoadInput {
  origin: string;
  clients: VirtualClient[];
  seconds: number;
  maxRequests: number;
}

export async function runLoad(input: LoadInput): Promise<LoadResult> {
  const { hostname, port } = new URL(input.origin);
  // One keep-alive connection per virtual client, as one browser has.
  const connections = input.clients.map(() => new KeepAliveConnection(hostname, Number(port)));
  const latencies: number[] = [];
  let issued = 0;
  try {
    const prepared = await Promise.all(
      input.clients.map(async (client, i) => {
        const cookies = new Map<string, string>();
        const connection = connections[i];
        const form = await request(connection, 'GET', client.formPath, cookies);
        const token = CSRF.exec(form.body)?.[1];
        if (form.status !== 200 || !token) throw new Error(`form ${client.formPath} answered ${form.status} without a CSRF field`);
        return { client, connection, cookies, body: new URLSearchParams({ ...client.fields, _csrf: token }).toString() };
      }),
    );
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    const deadline = start + input.seconds * 1000;
    await Promise.all(
      prepared.map(async ({ client, connection, cookies, body }) => {
        while (issued < input.maxRequests && performance.now() < deadline) {
          issued++;
          const t0 = performance.now();
          const answer = await request(connection, 'POST', client.postPath, cookies, body);
          if (answer.status !== 303) throw new Error(`login at ${client.postPath} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return { requests: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b), cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    for (const connection of connections) connection.close();
  }
}

/** Run as a process of its own by bench/login.ts. */
await serveAsLoadProcess(import.meta.url, runLoad);
