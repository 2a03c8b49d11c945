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
import { createSignOut } from './http/sign-out.js';
import { registerOperationalEndpoints } from './http/operations.js';
import { accountRoutes, schoolStaffRoutes, staffRoutes, substituteRoutes } from './accounts/routes.js';
import { organisationRoutes } from './organisations/routes.js';
import { rosterPageRoutes, rosterPushRoutes } from './roster/routes.js';
import { mailRoutes } from './mail/routes.js';
import { classroomRoutes } from './classroom/routes.js';
import { eckidReadinessPageRoutes, eckidStatusApiRoutes } from './eckid/routes.js';
import { eckidRequestRoutes } from './eckid/request/routes.js';
import { scheduleCoverageSnapshot } from './eckid/index.js';
import { parentRoutes } from './accounts/views/parents/routes.js';
import { catalogueRoutes } from './catalogue/routes.js';
import { accountAdminRoutes } from './accounts/views/admin/routes.js';
import { mountOidcProtocol, oidcRoutes } from './sso/oidc/routes.js';
import { samlRoutes } from './sso/saml/routes.js';
import { launchRoutes } from './sso/routes.js';
import { privacyRoutes } from './privacy/routes.js';

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
  // Before the session lookup: OIDC protocol requests mostly do not use the Leerpoort session (see the function).
  mountOidcProtocol(app, capabilities.oidc, { sessions: capabilities.sessions, resolveActor: capabilities.resolveActor });
  registerActorResolution(app, { sessions: capabilities.sessions, resolveActor: capabilities.resolveActor });
  app.addHook('onClose', () => capabilities.sessions.close());
  // Background jobs (hPGN/ECK iD requests, …) run in the serving process unless JOB_WORKERS=off;
  // closing waits for running jobs before the database closes (docs/jobs.md).
  if (config.jobWorkers) {
    app.addHook('onReady', async () => {
      await capabilities.jobs.start();
      capabilities.eckidRequests.startDispatcher();
      // The nightly ECK iD coverage snapshot (eckid/coverage/job.ts); one waiting run at most.
      await scheduleCoverageSnapshot(capabilities.jobs, deps.clock);
    });
  }
  app.addHook('onClose', async () => {
    await capabilities.eckidRequests.stopDispatcher();
    await capabilities.jobs.stop();
  });
  registerErrorMapper(app, { maxBytes: config.import.maxBytes });

  registerOperationalEndpoints(app, { db: deps.db, redisUrl: config.redisUrl, metrics: capabilities.metrics });
  // Every logout button ends the publishers' sessions too (OIDC back-channel, SAML single logout).
  const signOut = createSignOut({ sessions: capabilities.sessions, sso: capabilities.ssoLogout, secureCookies: usesHttps(config) });
  await app.register(accountRoutes, { access: capabilities.operatorAccess, secureCookies: usesHttps(config), signOut });
  await app.register(staffRoutes, { staff: capabilities.staffAccounts, sessions: capabilities.sessions, publishers: capabilities.publisherSessions, secureCookies: usesHttps(config), signOut });
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
    signOut,
    publicUrl: config.publicUrl,
    clock: deps.clock,
    portalTiles: (person) => capabilities.catalogue.tilesFor(person),
    eckidReasons: capabilities.eckidReadiness.groupReasonLabels,
  });
  await app.register(eckidReadinessPageRoutes, { readiness: capabilities.eckidReadiness, lasTokens: capabilities.lasTokens });
  await app.register(eckidStatusApiRoutes, { readiness: capabilities.eckidReadiness, lasTokens: capabilities.lasTokens });
  await app.register(eckidRequestRoutes, { requests: capabilities.eckidRequests, organisations: capabilities.organisations });
  await app.register(mailRoutes, { mailer: capabilities.mail });
  await app.register(catalogueRoutes, {
    catalogue: capabilities.catalogue,
    organisations: capabilities.organisations,
    groupsOf: (schoolId) => capabilities.pupilAccess.groups({ schoolId }),
  });
  await app.register(parentRoutes, { parents: capabilities.parentAccounts, pupilAccess: capabilities.pupilAccess, organisations: capabilities.organisations, sessions: capabilities.sessions, secureCookies: usesHttps(config), signOut });
  await app.register(accountAdminRoutes, { staff: capabilities.staffAccounts, parents: capabilities.parentAccounts });
  await app.register(oidcRoutes, { oidc: capabilities.oidc, publishers: capabilities.catalogue.publishers });
  await app.register(samlRoutes, { saml: capabilities.saml, catalogue: capabilities.catalogue, organisations: capabilities.organisations, signOut, db: deps.db.kysely, clock: deps.clock });
  await app.register(launchRoutes, { launch: capabilities.launch, organisations: capabilities.organisations });
  await app.register(privacyRoutes, { privacy: capabilities.privacy, organisations: capabilities.organisations, publishers: capabilities.catalogue.publishers });
  return app;
}
