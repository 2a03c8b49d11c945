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
import { createMetrics, type Metrics } from './lib/metrics.js';

export function composeCapabilities(deps: { config: Config; db: Db; clock: Clock }) {
  const { config, db, clock } = deps;
  const metrics = createMetrics();
  const sessions = countingLogins(metrics, createSessionService({ db: db.kysely, clock, ttl: { minutes: config.sessionTtlMinutes, sharedDeviceMinutes: config.sessionSharedDeviceTtlMinutes }, redisUrl: config.redisUrl }));
  const pupilAccess = createPupilAccessService({ db: db.kysely, clock, config: config.pupilLogin, redisUrl: config.redisUrl });
  const mail = createMailer({ db: db.kysely, clock, smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  const staffAccounts = createStaffAccountService({ db: db.kysely, clock, mailer: mail, publicUrl: config.publicUrl, throttle: config.staffLogin });
  return {
    metrics,
    organisations: createOrganisationService({ db: db.kysely, clock }),
    roster: createRosterService({ db: db.kysely, clock, limits: config.import }),
    lasTokens: createLasTokenService({ db: db.kysely, clock }),
    pupilAccess,
    sessions,
    resolveActor: createActorResolver({ db: db.kysely, clock }),
    operatorAccess: createOperatorAccessService({ db: db.kysely, clock, sessions }),
    mail,
    staffAccounts,
    parentAccounts: createParentAccountService({ db: db.kysely, clock, mailer: mail, publicUrl: config.publicUrl, throttle: config.staffLogin, pupilLogin: pupilAccess.login }),
    substitutes: createSubstituteService({ db: db.kysely, clock, members: staffAccounts.members }),
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
