/**
 * What the SAML IdP needs from the catalogue and privacy capabilities (their contracts, see
 * src/catalogue and src/privacy): structural, so sso/ does not reach into their internals.
 */
import type { ReleasedAttribute, SharingProfile } from '../profiles.js';

export interface SamlPublisher {
  id: number;
  slug: string;
  name: string;
  sector: string;
}

export interface SamlCatalogue {
  publishers: {
    byId(id: number): Promise<SamlPublisher | null>;
    bySlug(slug: string): Promise<SamlPublisher | null>;
  };
}

export interface SamlPrivacy {
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

export interface SamlDeps {
  publicUrl: string;
  secretKey: string;
  pseudonymKey: string;
  catalogue: SamlCatalogue;
  privacy: SamlPrivacy;
  /** Called once per signed login response: one launch of a method (metrics). */
  onLaunch?: () => void;
}

/** A SAML message on its way to an SP by the HTTP-POST binding: the form's action and hidden fields. */
export interface PostForm {
  action: string;
  fields: Record<string, string>;
}
