/**
 * Builds every capability from its explicit dependencies. `main.ts` (serve), the CLI commands
 * and `buildTestApp` all compose Leerpoort here, so they cannot drift apart.
 */
import type { Config } from './config/index.js';
import type { Db } from './db/index.js';
import type { Clock } from './lib/clock.js';
import { createOrganisationService } from './organisations/index.js';
import { createActorResolver, createOperatorAccessService, createSessionService, type SessionService } from './accounts/index.js';
import { createStaffAccountService } from './accounts/staff/index.js';
import { createLasTokenService, createRosterService } from './roster/index.js';
import { createMailer } from './mail/index.js';
import { createPupilAccessService } from './accounts/pupils/index.js';
import { createParentAccountService } from './accounts/parents/index.js';
import { createSubstituteService } from './accounts/substitutes/index.js';
import { createCatalogueService } from './catalogue/index.js';
import { createPrivacyService } from './privacy/index.js';
import { createLauncher, createOidcService, createSamlService } from './sso/index.js';
import { clientFromConfig, createEckidReadinessService, createEckidRequestService, numberServiceFromClient, registerCoverageSnapshotJob } from './eckid/index.js';
import { createJobQueue } from './db/jobs/index.js';
import { createSecretBox } from './lib/secret-box.js';
import { createMetrics, type Metrics } from './lib/metrics.js';

export function composeCapabilities(deps: { config: Config; db: Db; clock: Clock }) {
  const { config, db, clock } = deps;
  const metrics = createMetrics();
  const sessions = countingLogins(metrics, createSessionService({ db: db.kysely, clock, ttl: { minutes: config.sessionTtlMinutes, sharedDeviceMinutes: config.sessionSharedDeviceTtlMinutes }, redisUrl: config.redisUrl }));
  const pupilAccess = createPupilAccessService({ db: db.kysely, clock, config: config.pupilLogin, redisUrl: config.redisUrl, secretKey: config.secretKey });
  const mail = createMailer({ db: db.kysely, clock, smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  const staffAccounts = createStaffAccountService({ db: db.kysely, clock, mailer: mail, publicUrl: config.publicUrl, throttle: config.staffLogin, secretKey: config.secretKey });
  const catalogue = createCatalogueService({ db: db.kysely, clock });
  const eckidReadiness = createEckidReadinessService({ db: db.kysely, clock });
  // Background jobs: pg-boss on PostgreSQL, the in-process queue on SQLite (docs/jobs.md); started by buildApp.
  const jobs = createJobQueue(db, config.databaseUrl);
  metrics.observeQueueDepth(() => jobs.depth());
  registerCoverageSnapshotJob(jobs, { snapshotAll: eckidReadiness.snapshotAll, clock });
  const nummervoorziening = config.nummervoorziening;
  const eckidRequests = createEckidRequestService({
    db: db.kysely, clock, secretBox: createSecretBox(config.secretKey), queue: jobs,
    hpgnSalt: config.eckidRequests.hpgnSalt, concurrency: config.eckidRequests.hpgnConcurrency,
    numbers: nummervoorziening.url !== null && nummervoorziening.oin !== null ? numberServiceFromClient(() => clientFromConfig(nummervoorziening)) : null,
  });
  const organisations = createOrganisationService({ db: db.kysely, clock });
  const privacy = createPrivacyService({ db: db.kysely, clock, publishers: catalogue.publishers });
  const oidc = createOidcService({ db: db.kysely, clock, config, publishers: catalogue.publishers, privacy, schools: organisations, onLaunch: () => metrics.launched('oidc') });
  const saml = createSamlService({ db: db.kysely, clock, publicUrl: config.publicUrl, secretKey: config.secretKey, pseudonymKey: config.pseudonymKey, catalogue, privacy, onLaunch: () => metrics.launched('saml') });
  return {
    metrics,
    organisations,
    roster: createRosterService({ db: db.kysely, clock, limits: config.import, onApplied: async (trx, applied) => {
      await eckidReadiness.onRosterApplied(trx, applied);
      await eckidRequests.onRosterApplied(trx, applied);
    } }),
    jobs,
    eckidRequests,
    eckidReadiness,
    lasTokens: createLasTokenService({ db: db.kysely, clock }),
    pupilAccess,
    sessions,
    resolveActor: createActorResolver({ db: db.kysely, clock }),
    operatorAccess: createOperatorAccessService({ db: db.kysely, clock, sessions }),
    mail,
    staffAccounts,
    parentAccounts: createParentAccountService({ db: db.kysely, clock, mailer: mail, publicUrl: config.publicUrl, throttle: config.staffLogin, pupilLogin: pupilAccess.login }),
    substitutes: createSubstituteService({ db: db.kysely, clock, members: staffAccounts.members }),
    catalogue,
    privacy,
    oidc,
    saml,
    launch: createLauncher({ db: db.kysely, clock, catalogue, privacy, saml }),
    /** OIDC clients of publishers (CLI `clients`, operator page, demo seeding). */
    oidcClients: oidc.clients,
  };
}

/** Every sign-in, of any kind, starts a session: counting starts counts logins without touching each flow. */
function countingLogins(metrics: Metrics, sessions: SessionService): SessionService {
  return {
    ...sessions,
    start: async (subject, options) => {
      const started = await sessions.start(subject, options);
      metrics.loginSucceeded(subject.kind);
      return started;
    },
  };
}

export type Capabilities = ReturnType<typeof composeCapabilities>;
