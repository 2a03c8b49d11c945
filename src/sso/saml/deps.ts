/**
 * What the SAML IdP needs from the catalogue and privacy capabilities (their contracts, see
 * src/catalogue and src/privacy): structural, so sso/ does not reach into their internals.
 */
import type { SecretBox } from '../../lib/secret-box.js';
import type { PrivacyGate } from '../privacy-gate.js';

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

/** The privacy gate and ledger, as OIDC uses them too. */
export type SamlPrivacy = PrivacyGate;

export interface SamlDeps {
  publicUrl: string;
  /** Seals the IdP's private keys under SECRET_KEY. */
  secretBox: SecretBox;
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
