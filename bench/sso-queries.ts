/**
 * `node --import tsx bench/sso-queries.ts`: how much work one SSO launch costs the app, counted
 * instead of timed (a shared, busy machine cannot disturb a count): the database statements of
 * each of the launch's HTTP requests (authorize, token, userinfo — the same launch bench:sso
 * sends, over loopback HTTP) and its Redis commands, on SQLite, PostgreSQL and PostgreSQL +
 * Redis (when reachable). The second launch of the same browser is the one counted (the first
 * one warms oidc-provider's client cache and the OIDC session cookie, as in bench:sso).
 */
import http from 'node:http';
import { Redis } from 'ioredis';
import { buildApp } from '../src/app.js';
import { composeCapabilities } from '../src/compose.js';
import { loadConfig } from '../src/config/index.js';
import { systemClock } from '../src/lib/clock.js';
import { freshPostgres, freshSqlite, openMigrated, type BenchDatabase } from './support/databases.js';
import { launch, send, type Send } from './support/oidc-launch.js';
import { redisReachable } from './support/redis.js';
import { setUpLaunches } from './support/sso-fixture.js';
import { StatementCounter } from './support/statement-counter.js';
import { freePort } from '../test/helpers/private-servers.js';

/** A Redis database of its own (MONITOR sees the whole server; its output is filtered on this number). */
const REDIS_DB = '13';

async function measure(name: string, database: BenchDatabase, redisUrl: string | null): Promise<void> {
  const counter = new StatementCounter();
  const raw = await openMigrated(database.url);
  const db = { ...raw, kysely: raw.kysely.withPlugin(counter) };
  const origin = `http://127.0.0.1:${await freePort()}`;
  const config = loadConfig({ DATABASE_URL: database.url, LEERPOORT_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: origin, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  const capabilities = composeCapabilities({ config, db, clock: systemClock });
  const app = await buildApp({ config, db, clock: systemClock, capabilities });
  const monitorClient = redisUrl ? new Redis(redisUrl) : null;
  const agent = new http.Agent({ keepAlive: true });
  try {
    await app.listen({ host: '127.0.0.1', port: Number(new URL(origin).port) });
    // Statements are listed under the request that ran them.
    app.server.prependListener('request', (request: http.IncomingMessage) => void counter.statements.push(`| ${request.method} ${(request.url ?? '').split('?')[0]}:`));
    const fixture = await setUpLaunches(capabilities, app, 1);
    const jar = new Map([['leerpoort_sessie', fixture.sessionCookies[0]]]);
    const target = { origin, clientId: fixture.clientId, clientSecret: fixture.clientSecret, redirectUri: fixture.redirectUri };
    const viaAgent: Send = (url, options, cookies) => send(agent, url, options, cookies);
    await launch(viaAgent, target, jar);
    await new Promise((r) => setTimeout(r, 100)); // the ledger's batched append of the first launch
    const monitor = monitorClient ? await monitorClient.monitor() : null;
    const commands: string[] = [];
    // Commands a script runs inside Redis are shown in brackets: they cost Redis, not a round trip.
    // Only this app's Redis database: other programs may use the same server meanwhile.
    monitor?.on('monitor', (_time: string, args: string[], source: string, database: string) => {
      if (database === REDIS_DB) commands.push(source === 'lua' ? `[${String(args[0]).toLowerCase()}]` : String(args[0]).toLowerCase());
    });
    counter.statements = [];
    const requests = await launch(viaAgent, target, jar);
    await new Promise((r) => setTimeout(r, 100)); // the ledger append and MONITOR output arrive asynchronously
    monitor?.disconnect();
    const statements = counter.statements.filter((s) => !s.startsWith('|'));
    const redis = commands.filter((c) => c !== 'monitor');
    console.log(`${name.padEnd(15)} one launch: ${requests} HTTP requests, ${statements.length} statements, ${redis.filter((c) => !c.startsWith('[')).length} Redis commands`);
    console.log(counter.statements.join(', ').replace(/(, )?\| /g, `\n${' '.repeat(16)}`).replace(/:, /g, ': ').slice(1));
    if (redis.length) console.log(`${' '.repeat(16)}redis: ${redis.join(', ')}`);
  } finally {
    agent.destroy();
    monitorClient?.disconnect();
    await app.close();
    await raw.close();
    await database.remove();
  }
}

await measure('sqlite', await freshSqlite(), null);
const adminUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
try {
  await measure('postgres', await freshPostgres(adminUrl), null);
  const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
  const redisProblem = await redisReachable(redisUrl);
  if (redisProblem) console.log(`skipped PostgreSQL + Redis: ${redisProblem}`);
  else await measure('postgres+redis', await freshPostgres(adminUrl), `${redisUrl.replace(/\/\d*$/, '')}/${REDIS_DB}`);
} catch (error) {
  console.log(`skipped PostgreSQL: ${(error as Error).message}`);
}
