/**
 * samlify entities for one exchange. The IdP is built from the active signing key; the SP is
 * built from OUR record of it (not its metadata file), narrowed to the one ACS URL this
 * response goes to, and always asking for signed responses AND signed assertions with
 * RSA-SHA256 — whatever the SP's metadata says (SAML 2.0 Profiles §4.1.3.5 allows both).
 */
import samlify from 'samlify';
import type { SigningKey } from './keys.js';
import type { ServiceProvider } from './store.js';
import { certificatePem } from './keys.js';
import { BINDING_POST, BINDING_REDIRECT } from './sp-metadata.js';

export const NAMEID_PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

export interface IdpUrls {
  entityId: string;
  sso: string;
  slo: string;
}

export function idpUrls(publicUrl: string): IdpUrls {
  const base = publicUrl.replace(/\/+$/, '');
  return { entityId: `${base}/saml/metadata`, sso: `${base}/saml/sso`, slo: `${base}/saml/slo` };
}

function services(location: string) {
  return [
    { Binding: BINDING_REDIRECT, Location: location },
    { Binding: BINDING_POST, Location: location },
  ];
}

/** The IdP that signs (and checks requests when `requireSignedRequests`). */
export function idpEntity(urls: IdpUrls, key: SigningKey, requireSignedRequests: boolean) {
  return samlify.IdentityProvider({
    entityID: urls.entityId,
    signingCert: certificatePem(key.certificate),
    privateKey: key.privateKeyPem,
    singleSignOnService: services(urls.sso),
    singleLogoutService: services(urls.slo),
    nameIDFormat: [NAMEID_PERSISTENT],
    wantAuthnRequestsSigned: requireSignedRequests,
    wantLogoutRequestSigned: requireSignedRequests,
    // LogoutResponses to our own LogoutRequests (single-logout.ts): signed when the SP must sign.
    wantLogoutResponseSigned: requireSignedRequests,
    requestSignatureAlgorithm: RSA_SHA256,
    messageSigningOrder: 'sign-then-encrypt',
  } as never);
}

/** Metadata published at /saml/metadata: every certificate still in use (rollover). */
export function idpMetadataXml(urls: IdpUrls, certificates: string[]): string {
  return samlify
    .IdentityProvider({
      entityID: urls.entityId,
      signingCert: certificates.map(certificatePem),
      singleSignOnService: services(urls.sso),
      singleLogoutService: services(urls.slo),
      nameIDFormat: [NAMEID_PERSISTENT],
      wantAuthnRequestsSigned: false,
    } as never)
    .getMetadata();
}

const spEntities = new Map<string, ReturnType<typeof makeSpEntity>>();

/** Cached per SP record and ACS URL: a changed record (new metadata) has another key. */
export function spEntity(sp: ServiceProvider, acsUrl: string) {
  const key = JSON.stringify([sp.entityId, acsUrl, sp.sloUrl, sp.sloBinding, sp.signingCert, sp.authnRequestsSigned]);
  let entity = spEntities.get(key);
  if (!entity) {
    if (spEntities.size >= 1000) spEntities.clear();
    entity = makeSpEntity(sp, acsUrl);
    spEntities.set(key, entity);
  }
  return entity;
}

function makeSpEntity(sp: ServiceProvider, acsUrl: string) {
  const slo = sp.sloUrl ? [{ Binding: sp.sloBinding === 'redirect' ? BINDING_REDIRECT : BINDING_POST, Location: sp.sloUrl }] : [];
  return samlify.ServiceProvider({
    entityID: sp.entityId,
    assertionConsumerService: [{ Binding: BINDING_POST, Location: acsUrl }],
    singleLogoutService: slo,
    signingCert: sp.signingCert ? certificatePem(sp.signingCert) : undefined,
    authnRequestsSigned: sp.authnRequestsSigned,
    wantAssertionsSigned: true,
    wantMessageSigned: true,
    // samlify reads the SP's setting to decide whether OUR LogoutResponse is signed: always.
    wantLogoutResponseSigned: true,
    // …and whether OUR LogoutRequest (single-logout.ts) is signed: always.
    wantLogoutRequestSigned: true,
    nameIDFormat: [NAMEID_PERSISTENT],
  } as never);
}

export type IdpEntity = ReturnType<typeof idpEntity>;
export type SpEntity = ReturnType<typeof makeSpEntity>;
