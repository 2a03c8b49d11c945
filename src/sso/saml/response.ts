/**
 * Builds the signed <samlp:Response> (SAML 2.0 Core §3.3.3, Web Browser SSO Profile §4.1.4.2):
 * persistent pairwise NameID qualified by both entities (Core §8.3.7), bearer subject
 * confirmation with Recipient = the ACS URL and a short NotOnOrAfter, an audience restriction
 * to the SP, an AuthnStatement with a SessionIndex, and the released attributes. samlify signs
 * the assertion and then the response (RSA-SHA256, exclusive c14n).
 */
import { randomBytes } from 'node:crypto';
import samlify from 'samlify';
import type { IdpEntity, SpEntity } from './entities.js';
import { NAMEID_PERSISTENT } from './entities.js';
import { attributeStatementXml } from './attributes.js';
import { escapeXml } from './xml.js';

/** How long a response may be presented at the ACS (the SP checks it). */
const RESPONSE_MINUTES = 5;

export function samlId(): string {
  // NCName: must not start with a digit (xs:ID).
  return `_${randomBytes(20).toString('hex')}`;
}

export interface LoginResponseInput {
  idp: IdpEntity;
  sp: SpEntity;
  issuer: string;
  spEntityId: string;
  acsUrl: string;
  inResponseTo: string | null;
  nameId: string;
  sessionIndex: string;
  attributes: Array<{ name: string; values: string[] }>;
  now: Date;
}

const STATEMENTS_MARK = 'LEERPOORT_STATEMENTS_MARK';

export async function buildLoginResponse(input: LoginResponseInput): Promise<{ id: string; base64: string }> {
  const now = input.now.toISOString();
  const later = new Date(input.now.getTime() + RESPONSE_MINUTES * 60_000).toISOString();
  const id = samlId();
  const authn =
    `<saml:AuthnStatement AuthnInstant="${now}" SessionIndex="${escapeXml(input.sessionIndex)}">` +
    '<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext>' +
    '</saml:AuthnStatement>';
  const replace = (template: string) => {
    const withQualifiers = template.replace(
      '<saml:NameID Format="{NameIDFormat}">',
      '<saml:NameID Format="{NameIDFormat}" NameQualifier="{Issuer}" SPNameQualifier="{Audience}">',
    );
    // Scalar values are escaped by samlify; the two statements are built (and escaped) above.
    const filled = samlify.SamlLib.replaceTagsByValue(withQualifiers.replace('{AuthnStatement}{AttributeStatement}', STATEMENTS_MARK), {
      ID: id,
      AssertionID: samlId(),
      Destination: input.acsUrl,
      Audience: input.spEntityId,
      SubjectRecipient: input.acsUrl,
      Issuer: input.issuer,
      IssueInstant: now,
      StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      ConditionsNotBefore: now,
      ConditionsNotOnOrAfter: later,
      SubjectConfirmationDataNotOnOrAfter: later,
      NameIDFormat: NAMEID_PERSISTENT,
      NameID: input.nameId,
      InResponseTo: input.inResponseTo ?? undefined,
    } as Record<string, string>);
    return { id, context: filled.replace(STATEMENTS_MARK, authn + attributeStatementXml(input.attributes)) };
  };
  const made = await input.idp.createLoginResponse(input.sp, { extract: { request: { id: input.inResponseTo ?? '' } } } as never, 'post', {}, replace as never);
  return { id, base64: (made as { context: string }).context };
}

/**
 * A signed Response without assertion carrying only a status, e.g. Responder/NoPassive when an
 * IsPassive request finds nobody signed in (SAML 2.0 Core §3.2.2.2).
 */
export function buildStatusResponse(input: { key: { privateKeyPem: string; certificate: string }; issuer: string; acsUrl: string; inResponseTo: string; second: string; now: Date }): string {
  const id = samlId();
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${input.now.toISOString()}" Destination="${escapeXml(input.acsUrl)}" InResponseTo="${escapeXml(input.inResponseTo)}">` +
    `<saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="${escapeXml(input.second)}"/></samlp:StatusCode></samlp:Status>` +
    '</samlp:Response>';
  return samlify.SamlLib.constructSAMLSignature({
    rawSamlMessage: xml,
    privateKey: input.key.privateKeyPem,
    signingCert: input.key.certificate,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    isMessageSigned: true,
    isBase64Output: true,
    signatureConfig: { prefix: 'ds', location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' } },
  } as never) as string;
}
