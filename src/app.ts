/**
 * Assembles the web app from its dependencies, without listening: `main.ts` listens, tests
 * use `inject`. Order matters: platform plugins (cookies, CSRF, parsers) first, then the
 * session lookup and the error mapper, then each capability's routes.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config/index.js';
import type { Db } from './db/index.js';
import type { Clock } from './lib/clock.js';
import type { Capabilities } from './compose.js';
import { registerWebPlatform, usesHttps } from './http/plugins.js';
import { registerErrorMapper } from './http/errors.js';
import { registerActorResolution } from './http/session.js';
import { registerOperationalEndpoints } from './http/operations.js';
import { accountRoutes, schoolStaffRoutes, staffRoutes, substituteRoutes } from './accounts/routes.js';
import { organisationRoutes } from './organisations/routes.js';
import { rosterPageRoutes, rosterPushRoutes } from './roster/routes.js';
import { mailRoutes } from './mail/routes.js';
import { classroomRoutes } from './classroom/routes.js';
import { parentRoutes } from './accounts/views/parents/routes.js';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  capabilities: Capabilities;
}

/** Login links carry their secret in the path; logs get the path without it. */
function maskSecretPaths(url: string): string {
  return url.replace(/(\/inloggen\/link\/)[^/?#]+/, '$1***');
}

function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (request: { method: string; url: string; hostname?: string; ip?: string }) => ({
        method: request.method,
        url: maskSecretPaths(request.url),
        hostname: request.hostname,
        remoteAddress: request.ip,
      }),
    },
  };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, capabilities } = deps;
  const app = Fastify({ logger: loggerOptions(config), trustProxy: config.trustProxy }).withTypeProvider<TypeBoxTypeProvider>();

  await registerWebPlatform(app, config);
  registerActorResolution(app, { sessions: capabilities.sessions, resolveActor: capabilities.resolveActor });
  app.addHook('onClose', () => capabilities.sessions.close());
  registerErrorMapper(app, { maxBytes: config.import.maxBytes });

  registerOperationalEndpoints(app, { db: deps.db, redisUrl: config.redisUrl, metrics: capabilities.metrics });
  await app.register(accountRoutes, { access: capabilities.operatorAccess, sessions: capabilities.sessions, secureCookies: usesHttps(config) });
  await app.register(staffRoutes, { staff: capabilities.staffAccounts, sessions: capabilities.sessions, secureCookies: usesHttps(config) });
  await app.register(schoolStaffRoutes, {
    staff: capabilities.staffAccounts,
    schoolName: async (schoolId) => (await capabilities.organisations.schoolById(schoolId))?.name ?? null,
  });
  await app.register(substituteRoutes, {
    substitutes: capabilities.substitutes,
    clock: deps.clock,
    schoolName: async (schoolId) => (await capabilities.organisations.schoolById(schoolId))?.name ?? null,
  });
  await app.register(organisationRoutes, { organisations: capabilities.organisations });
  const rosterOptions = {
    roster: capabilities.roster,
    lasTokens: capabilities.lasTokens,
    organisations: capabilities.organisations,
    publicUrl: config.publicUrl,
    maxBytes: config.import.maxBytes,
  };
  await app.register(rosterPageRoutes, rosterOptions);
  await app.register(rosterPushRoutes, rosterOptions);
  await app.register(classroomRoutes, {
    pupilAccess: capabilities.pupilAccess,
    parents: capabilities.parentAccounts,
    organisations: capabilities.organisations,
    sessions: capabilities.sessions,
    secureCookies: usesHttps(config),
    publicUrl: config.publicUrl,
    clock: deps.clock,
  });
  await app.register(mailRoutes, { mailer: capabilities.mail });
  await app.register(parentRoutes, { parents: capabilities.parentAccounts, pupilAccess: capabilities.pupilAccess, organisations: capabilities.organisations, sessions: capabilities.sessions, secureCookies: usesHttps(config) });
  return app;
}
