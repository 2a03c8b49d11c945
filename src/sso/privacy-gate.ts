/**
 * What single sign-on needs from the privacy capability (src/privacy/index.ts): the release gate
 * (agreement + consent → the agreement's profile) and the disclosure ledger. One definition for
 * OIDC, SAML and the launch route.
 */
import type { ReleasedAttribute, SharingProfile } from './profiles.js';

export interface PrivacyGate {
  authorizeRelease(input: { schoolId: number; publisherId: number }): Promise<{ agreementId: number; profile: SharingProfile }>;
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
