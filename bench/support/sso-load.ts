/**
 * The SSO benchmark's load: one virtual client per pupil, each with its own cookie jar (its
 * Leerpoort session), launching again and again over keep-alive loopback HTTP, either as fast
 * as the server answers (closed loop) or at a fixed arrival rate (open loop: latency counts from
 * when a launch was due, so queueing counts). Run as a script by bench/sso.ts, in its own
 * process, so the load neither shares the app's event loop nor loads the app's modules: the input
 * as JSON on stdin, the result as JSON on stdout. A launch that goes wrong stops the run.
 */
import http from 'node:http';
import { launch, type LaunchTarget } from './oidc-launch.js';
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

export async function runSsoLoad(input: SsoLoadInput): Promise<SsoLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.sessionCookies.length * 2 });
  const jars = input.sessionCookies.map((cookie) => new Map([['leerpoort_sessie', cookie]]));
  const latencies: number[] = [];
  let requests = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + input.seconds * 1000;
  try {
    if (input.rate === null) {
      await Promise.all(
        jars.map(async (jar) => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            const made = await launch(agent, input, jar);
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
          const made = await launch(agent, input, jars[slot]);
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
    agent.destroy();
  }
}

await serveAsLoadProcess(import.meta.url, runSsoLoad);
