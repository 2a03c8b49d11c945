/**
 * Endpoints for whoever runs Leerpoort, not for people: liveness (`/healthz`: the process
 * answers), readiness (`/readyz`: the database and Redis answer, so a load balancer sends
 * traffic only to instances that can serve it) and Prometheus metrics (`/metrics`). They carry
 * no personal data and skip the session lookup.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Redis } from 'ioredis';
import type { Db } from '../db/index.js';
import type { Metrics } from '../lib/metrics.js';

/** A dependency that does not answer within this time counts as down. */
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`geen antwoord binnen ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Check = { status: 'ok' } | { status: 'fout'; reason: string };

async function check(work: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(work());
    return { status: 'ok' };
  } catch (error) {
    return { status: 'fout', reason: (error as Error).message };
  }
}

export function registerOperationalEndpoints(app: FastifyInstance, deps: { db: Db; redisUrl: string | null; metrics: Metrics }): void {
  const { db, metrics } = deps;
  // Its own connection: a readiness probe must not queue behind (or be hidden by) session traffic.
  const redis = deps.redisUrl
    ? new Redis(deps.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: CHECK_TIMEOUT_MS })
    : null;
  // A refused connection is what /readyz reports; without a listener ioredis would log it as unhandled.
  redis?.on('error', () => {});
  app.addHook('onClose', async () => {
    redis?.disconnect();
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern ("/scholen/:id"), never the URL: bounded label values, no ids or tokens.
    const route = request.routeOptions.url ?? 'onbekend';
    metrics.requestFinished(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, Check> = { database: await check(() => sql`select 1`.execute(db.kysely)) };
    if (redis) {
      checks.redis = await check(async () => {
        if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
        return redis.ping();
      });
    }
    const ready = Object.values(checks).every((c) => c.status === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
