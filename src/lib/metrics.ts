/**
 * Prometheus metrics for one Leerpoort process. A registry per app (not prom-client's global
 * one), so tests that build many apps in one process do not share counters. Capabilities get
 * the small `Metrics` face below; only the HTTP edge knows about routes and the exposition format.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  /** A sign-in that started a session ('operator' | 'staff' | 'pupil' | 'parent'). */
  loginSucceeded(kind: string): void;
  /** A launch of a publisher's method through single sign-on ('oidc' | 'saml'). */
  launched(protocol: string): void;
  /** A finished HTTP request; `route` is the route pattern, never the raw URL (no ids, no secrets). */
  requestFinished(method: string, route: string, status: number, seconds: number): void;
  /** Reports the job queue depth whenever metrics are scraped. */
  observeQueueDepth(read: () => Promise<number>): void;
}

/** Buckets around the 500 ms p99 target of the morning rush. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const logins = new Counter({ name: 'leerpoort_logins_total', help: 'Sessions started by signing in', labelNames: ['kind'], registers: [registry] });
  const launches = new Counter({ name: 'leerpoort_sso_launches_total', help: 'Methods launched through single sign-on', labelNames: ['protocol'], registers: [registry] });
  const requests = new Histogram({
    name: 'leerpoort_http_request_duration_seconds',
    help: 'HTTP request latency per route',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  let readDepth: (() => Promise<number>) | null = null;
  new Gauge({
    name: 'leerpoort_job_queue_depth',
    help: 'Background jobs waiting or running',
    registers: [registry],
    async collect() {
      if (readDepth) this.set(await readDepth());
    },
  });
  return {
    registry,
    loginSucceeded: (kind) => logins.inc({ kind }),
    launched: (protocol) => launches.inc({ protocol }),
    requestFinished: (method, route, status, seconds) => requests.observe({ method, route, status: String(status) }, seconds),
    observeQueueDepth: (read) => {
      readDepth = read;
    },
  };
}
