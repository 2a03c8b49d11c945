/**
 * The SSO benchmark's load: one virtual client per pupil, each with its own cookie jar (its
 * Leerpoort session), launching again and again over keep-alive loopback HTTP, either as fast
 * as the server answers (closed loop) or at a fixed arrival rate (open loop: latency counts from
 * when a launch was due, so queueing counts). Run as a script by bench/sso.ts, in its own
 * process, so the load neither shares the app's event loop nor loads the app's modules: the input
 * as JSON on stdin, the result as JSON on stdout. A launch that goes wrong stops the run.
 * Each virtual client has two keep-alive connections, the browser's and the publisher backend's,
 * on the lean client of keep-alive-client.ts. The load shares the two cores with the server:
 * with node:http's client it spent 0.63–0.67 ms of CPU per Leerpoort launch, with this one
 * 0.28–0.31 ms (0.36–0.42 and 0.17–0.19 against the bare provider; 30 November 2026).
 */
import { KeepAliveConnection, requestWithCookies } from './keep-alive-client.js';
import { launch, type LaunchTarget, type Send } from './oidc-launch.js';
import { serveAsLoadProcess } from './load-process.js';

export interface SsoLoadInput extends LaunchTarget {
  /** Signed `leerpoort_sessie` cookie values, one virtual client each. */
  sessionCookies: string[];
  seconds: number;
  /** null: closed loop (each client launches again at once); a number: launches per second, open loop. */
  rate: number | null;
}

export interface SsoLoadResult {
  launches: number;
  seconds: number;
  /** Milliseconds per launch, sorted. */
  latencies: number[];
  /** HTTP requests of all launches together. */
  requests: number;
  /** CPU milliseconds of the load process itself while it ran (user + system). */
  loadCpuMs: number;
}

/** One virtual client's requests: the browser's (with its cookie jar) and the backend's, each on its own connection. */
function virtualClient(origin: string): { send: Send; close(): void } {
  const { hostname, port } = new URL(origin);
  const browser = new KeepAliveConnection(hostname, Number(port));
  const backend = new KeepAliveConnection(hostname, Number(port));
  const send: Send = async (url, options, cookies) => {
    const method = options.method ?? 'GET';
    const path = url.pathname + url.search;
    const answer = cookies ? await requestWithCookies(browser, method, path, options.headers ?? {}, cookies, options.body) : await backend.request(method, path, options.headers ?? {}, options.body);
    return { status: answer.status, location: answer.headers.find(([name]) => name === 'location')?.[1] ?? null, body: answer.body };
  };
  return { send, close: () => (browser.close(), backend.close()) };
}

export async function runSsoLoad(input: SsoLoadInput): Promise<SsoLoadResult> {
  const jars = input.sessionCookies.map((cookie) => new Map([['leerpoort_sessie', cookie]]));
  const clients = jars.map(() => virtualClient(input.origin));
  const latencies: number[] = [];
  let requests = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + input.seconds * 1000;
  try {
    if (input.rate === null) {
      await Promise.all(
        jars.map(async (jar, i) => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            const made = await launch(clients[i].send, input, jar);
            requests += made;
            latencies.push(performance.now() - t0);
          }
        }),
      );
    } else {
      // Launch i is due at start + i/rate on the next client in turn.
      const busy = jars.map(() => Promise.resolve());
      const all: Promise<void>[] = [];
      const interval = 1000 / input.rate;
      for (let i = 0; start + i * interval < deadline; i++) {
        const due = start + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const slot = i % jars.length;
        busy[slot] = busy[slot].then(async () => {
          const made = await launch(clients[slot].send, input, jars[slot]);
          requests += made;
          latencies.push(performance.now() - due);
        });
        all.push(busy[slot]);
      }
      await Promise.all(all);
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { launches: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b), requests, loadCpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    for (const client of clients) client.close();
  }
}

await serveAsLoadProcess(import.meta.url, runSsoLoad);
