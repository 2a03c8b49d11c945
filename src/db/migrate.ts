/**
 * Runs the schema migrations with Kysely's Migrator (which takes a lock on both dialects,
 * so several processes starting at once migrate exactly once).
 */
import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import * as foundation from './migrations/001-foundation.js';
import * as sessionsStaff from './migrations/002-sessions-staff.js';
import * as mail from './migrations/003-mail.js';
import * as pupilLogin from './migrations/004-pupil-login.js';
import * as parents from './migrations/005-parents.js';
import * as substitutes from './migrations/006-substitutes.js';
import * as eckidIndex from './migrations/007-eckid-index-per-school.js';
import * as accountsHardening from './migrations/008-accounts-hardening.js';
import * as catalogue from './migrations/009-catalogue.js';
import * as privacy from './migrations/010-privacy.js';
import * as oidc from './migrations/011-oidc.js';
import * as saml from './migrations/012-saml.js';
import * as eckidRequests from './migrations/013-eckid-requests.js';
import * as eckidReadiness from './migrations/014-eckid-readiness.js';
import * as singleLogout from './migrations/015-single-logout.js';
import * as oidcPartialIndexes from './migrations/016-oidc-partial-indexes.js';

function migrationsFor(db: Db): Record<string, Migration> {
  return {
    '001-foundation': { up: (k) => foundation.up(k, db.dialect) },
    '002-sessions-staff': { up: (k) => sessionsStaff.up(k, db.dialect) },
    '003-mail': { up: (k) => mail.up(k, db.dialect) },
    '004-pupil-login': { up: (k) => pupilLogin.up(k, db.dialect) },
    '005-parents': { up: (k) => parents.up(k, db.dialect) },
    '006-substitutes': { up: (k) => substitutes.up(k, db.dialect) },
    '007-eckid-index-per-school': { up: (k) => eckidIndex.up(k) },
    '008-accounts-hardening': { up: (k) => accountsHardening.up(k, db.dialect) },
    '009-catalogue': { up: (k) => catalogue.up(k, db.dialect) },
    '010-privacy': { up: (k) => privacy.up(k, db.dialect) },
    '011-oidc': { up: (k) => oidc.up(k, db.dialect) },
    '012-saml': { up: (k) => saml.up(k, db.dialect) },
    '013-eckid-requests': { up: (k) => eckidRequests.up(k, db.dialect) },
    '014-eckid-readiness': { up: (k) => eckidReadiness.up(k, db.dialect) },
    '015-single-logout': { up: (k) => singleLogout.up(k, db.dialect) },
    '016-oidc-partial-indexes': { up: (k) => oidcPartialIndexes.up(k) },
  };
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrationsFor(db) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
