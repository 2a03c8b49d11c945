/**
 * The privacy capability: processing agreements, the school's consent per publisher with
 * receipts, the release gate (`authorizeRelease`, and `releaseGate` to join it onto a person query; `onGateChange` tells
 * who keeps a decision that the gate changed) and the disclosure ledger.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { createAgreements } from './agreements.js';
import { createAuthorizer } from './authorize.js';
import { createConsents } from './consents.js';
import { createGateChanges } from './gate-changes.js';
import { createLedger } from './ledger/index.js';
import type { PublisherDirectory } from './types.js';

export function createPrivacyService(deps: { db: Kysely<Database>; clock: Clock; publishers: PublisherDirectory }) {
  const gateChanges = createGateChanges();
  return {
    ...createAuthorizer(deps),
    agreements: createAgreements({ ...deps, gateChanged: gateChanges.notify }),
    consents: createConsents({ ...deps, gateChanged: gateChanges.notify }),
    ledger: createLedger(deps),
    onGateChange: gateChanges.listen,
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
