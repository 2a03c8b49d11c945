/**
 * What single sign-on needs from the privacy capability (src/privacy/index.ts): the release gate
 * (agreement + consent → the agreement's profile) and the disclosure ledger. One definition for
 * OIDC, SAML and the launch route.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import type { ReleasedAttribute, SharingProfile } from './profiles.js';

/** The gate's columns for one school and publisher (null where there is no agreement or no consent row). */
export interface ReleaseGateColumns {
  agreementId: number | null;
  profile: string | null;
  granted: number | null;
}

export interface PrivacyGate {
  authorizeRelease(input: { schoolId: number; publisherId: number }): Promise<{ agreementId: number; profile: SharingProfile }>;
  /**
   * The same gate in two halves, for a caller that reads it in its own statement (the OIDC
   * pupil query, three times per launch): `from` gives `schools` with the gate's columns
   * selected, to join the person onto and filter to one school; `verdict` turns those columns
   * into the agreement and profile, or throws privacy.no_agreement / privacy.no_consent.
   */
  releaseGate: {
    from(db: Kysely<Database>, publisherId: number): SelectQueryBuilder<Database, 'schools', ReleaseGateColumns>;
    verdict(columns: ReleaseGateColumns, publisherId: number): Promise<{ agreementId: number; profile: SharingProfile }>;
  };
  /**
   * Called after each committed change to consent or an agreement, with the schools whose gate
   * for that publisher it changed (a decision kept within a launch then no longer counts, see
   * oidc/release-cache.ts). A listener that fails does not undo the change.
   */
  onGateChange(listener: (change: { schoolIds: number[]; publisherId: number }) => Promise<void>): void;
  ledger: {
    record(entry: {
      schoolId: number;
      boardId: number;
      publisherId: number;
      subject: { kind: 'pupil' | 'staff'; id: number };
      attributes: ReleasedAttribute[];
      channel: 'oidc' | 'saml' | 'api';
      recipient: string;
      agreementId: number;
    }): Promise<void>;
  };
}
