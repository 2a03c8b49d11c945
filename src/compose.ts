/**
 * Builds every capability from its explicit dependencies. `main.ts` (serve), the CLI commands
 * and `buildTestApp` all compose Leerpoort here, so they cannot drift apart.
 */
import type { Config } from './config/index.js';
import type { Db } from './db/index.js';
import type { Clock } from './lib/clock.js';
import { createOrganisationService } from './organisations/index.js';
import { pino } from 'pino';
import { createActorResolver, createOperatorAccessService, createSessionService, type PublisherSessions, type SessionService } from './accounts/index.js';
import { createStaffAccountService, totpSealedColumn } from './accounts/staff/index.js';
import { createLasTokenService, createRosterService } from './roster/index.js';
import { createMailer } from './mail/index.js';
import { cardSealedColumn, createPupilAccessService } from './accounts/pupils/index.js';
import { createParentAccountService } from './accounts/parents/index.js';
import { createSubstituteService } from './accounts/substitutes/index.js';
import { createCatalogueService } from './catalogue/index.js';
import { createPrivacyService } from './privacy/index.js';
import { clientSecretSealedColumn, createLauncher, createOidcService, createSamlService, createSsoLogout, samlKeySealedColumn, signingKeySealedColumn, type SsoLogout } from './sso/index.js';
import { clientFromConfig, createEckidReadinessService, createEckidRequestService, numberServiceFromClient, registerCoverageSnapshotJob, requestSealedColumns } from './eckid/index.js';
import { createJobQueue } from './db/jobs/index.js';
import { resealAll, type ResealReport, type SealedColumn } from './db/index.js';
import { recordAudit } from './audit/index.js';
import { createSecretBox, type SecretBox } from './lib/secret-box.js';
import { createMetrics, type Metrics } from './lib/metrics.js';

export function composeCapabilities(deps: { config: Config; db: Db; clock: Clock }) {
  const { config, db, clock } = deps;
  const metrics = createMetrics();
  const sessions = countingLogins(metrics, createSessionService({ db: db.kysely, clock, ttl: { minutes: config.sessionTtlMinutes, sharedDeviceMinutes: config.sessionSharedDeviceTtlMinutes }, redisUrl: config.redisUrl }));
  // One box for every sealed value: seals under SECRET_KEY, opens under it or SECRET_KEY_PREVIOUS.
  const secretBox = createSecretBox(config.secretKey, config.secretKeyPrevious === null ? [] : [config.secretKeyPrevious]);
  const pupilAccess = createPupilAccessService({ db: db.kysely, clock, config: config.pupilLogin, redisUrl: config.redisUrl, secretBox });
  const mail = createMailer({ db: db.kysely, clock, smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  const catalogue = createCatalogueService({ db: db.kysely, clock });
  const eckidReadiness = createEckidReadinessService({ db: db.kysely, clock });
  // Background jobs: pg-boss on PostgreSQL, the in-process queue on SQLite (docs/jobs.md); started by buildApp.
  const jobs = createJobQueue(db, config.databaseUrl);
  metrics.observeQueueDepth(() => jobs.depth());
  registerCoverageSnapshotJob(jobs, { snapshotAll: eckidReadiness.snapshotAll, clock });
  const nummervoorziening = config.nummervoorziening;
  const eckidRequests = createEckidRequestService({
    db: db.kysely, clock, secretBox, queue: jobs,
    hpgnSalt: config.eckidRequests.hpgnSalt, concurrency: config.eckidRequests.hpgnConcurrency,
    numbers: nummervoorziening.url !== null && nummervoorziening.oin !== null ? numberServiceFromClient(() => clientFromConfig(nummervoorziening)) : null,
  });
  const organisations = createOrganisationService({ db: db.kysely, clock });
  const privacy = createPrivacyService({ db: db.kysely, clock, publishers: catalogue.publishers });
  const oidc = createOidcService({ db: db.kysely, clock, config, secretBox, publishers: catalogue.publishers, privacy, schools: organisations, onLaunch: () => metrics.launched('oidc') });
  const saml = createSamlService({ db: db.kysely, clock, publicUrl: config.publicUrl, secretBox, pseudonymKey: config.pseudonymKey, catalogue, privacy, onLaunch: () => metrics.launched('saml') });
  const ssoLogout = createSsoLogout({ oidc, saml });
  const publisherSessions = publisherSessionsOf(ssoLogout, config);
  const staffAccounts = createStaffAccountService({ db: db.kysely, clock, mailer: mail, publicUrl: config.publicUrl, throttle: config.staffLogin, secretBox, publishers: publisherSessions, sessions });
  return {
    metrics,
    organisations,
    roster: createRosterService({
      db: db.kysely, clock, limits: config.import,
      onApplied: async (trx, applied) => {
        await eckidReadiness.onRosterApplied(trx, applied);
        await eckidRequests.onRosterApplied(trx, applied);
      },
      onPupilsGone: (pupilIds) => signOutPupils(sessions, publisherSessions, pupilIds),
    }),
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
    parentAccounts: createParentAccountService({ db: db.kysely, clock, mailer: mail, publicUrl: config.publicUrl, throttle: config.staffLogin, pupilLogin: pupilAccess.login, sessions }),
    substitutes: createSubstituteService({ db: db.kysely, clock, members: staffAccounts.members }),
    catalogue,
    privacy,
    oidc,
    saml,
    launch: createLauncher({ db: db.kysely, clock, catalogue, privacy, saml }),
    /** What a Leerpoort logout tells the publishers (OIDC back-channel + revocation, SAML single logout). */
    ssoLogout,
    /** Leerpoort cutting people off (reset, switched off, deactivated) tells the publishers too. */
    publisherSessions,
    /** OIDC clients of publishers (CLI `clients`, operator page, demo seeding). */
    oidcClients: oidc.clients,
    /** Key rotation's second half: every sealed value moved to the current SECRET_KEY (CLI `secrets reseal`). */
    secrets: secretRotation(db, clock, secretBox),
  };
}

/** Every column holding values sealed with the secret box (test/db/sealed-columns.test.ts checks none is missing). */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  totpSealedColumn, cardSealedColumn, signingKeySealedColumn, clientSecretSealedColumn, samlKeySealedColumn, ...requestSealedColumns,
];

/** Re-sealing is an operator action on every secret: a real run is audited with its counts. */
function secretRotation(db: Db, clock: Clock, secretBox: SecretBox) {
  return {
    async reseal(actor: string, options: { dryRun: boolean }): Promise<ResealReport> {
      const report = await resealAll(db.kysely, secretBox, SEALED_COLUMNS, options);
      if (!options.dryRun) {
        const counts = Object.fromEntries(report.kinds.map(({ kind, label: _label, ...count }) => [kind, count]));
        await recordAudit(db.kysely, clock, { actor, action: 'secrets.resealed', details: { counts } });
      }
      return report;
    },
  };
}

/**
 * The accounts' and roster's port to the SSO side's "end everything of these people" (OIDC
 * sessions with back-channel logout, grants and refresh tokens). No browser, so no SAML.
 */
function publisherSessionsOf(sso: SsoLogout, config: Config): PublisherSessions {
  const log = pino({ level: config.logLevel, name: 'sso-logout' });
  return { endAllOf: async (people) => void (await sso.endAllOf(people, log)) };
}

/**
 * The roster's `onPupilsGone`, after the import's (or undo's) transaction: a deactivated or
 * removed pupil is signed out of Leerpoort on every device (database or Redis; the actor
 * resolver does not read the pupil's row on each request, so her session would otherwise last
 * until it expires), then out of the publishers. Leerpoort first, as at every logout; the
 * publishers are told even when that fails, and its error still reaches the caller.
 */
async function signOutPupils(sessions: Pick<SessionService, 'endAllFor'>, publishers: PublisherSessions, pupilIds: number[]): Promise<void> {
  try {
    for (const pupilId of pupilIds) await sessions.endAllFor({ kind: 'pupil', pupilId });
  } finally {
    await publishers.endAllOf(pupilIds.map((pupilId) => ({ kind: 'pupil' as const, pupilId })));
  }
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
