/**
 * Reads a publisher's SP metadata (SAML 2.0 Metadata §2.4.4 SPSSODescriptor): entityID, the
 * HTTP-POST AssertionConsumerService URLs (responses go only there), the SingleLogoutService,
 * whether AuthnRequests will be signed, and the signing certificate. Only https URLs are
 * accepted, except http on localhost/127.0.0.1 for a publisher's test setup.
 */
import samlify from 'samlify';
import { AppError } from '../../lib/errors.js';
import { extractFields, refuseUnsafeXml } from './xml.js';
import { certificateBody } from './keys.js';

export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export interface ParsedSpMetadata {
  entityId: string;
  acsUrls: string[];
  sloUrl: string | null;
  sloBinding: 'redirect' | 'post' | null;
  authnRequestsSigned: boolean;
  signingCert: string | null;
}

type Attrs = Record<string, string | undefined>;

function asList(value: unknown): Attrs[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]) as Attrs[];
}

function acceptableUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname.endsWith('.test');
    if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return url.toString();
  } catch {
    /* fall through */
  }
  return null;
}

const invalid = (reason: string) => new AppError('saml.metadata_invalid', { reason });

export function parseSpMetadata(xml: string): ParsedSpMetadata {
  refuseUnsafeXml(xml);
  const fields = extractFields(xml, [
    { key: 'entity', localPath: ['EntityDescriptor'], attributes: ['entityID'] },
    { key: 'sso', localPath: ['EntityDescriptor', 'SPSSODescriptor'], attributes: ['AuthnRequestsSigned', 'protocolSupportEnumeration'] },
    { key: 'acs', localPath: ['EntityDescriptor', 'SPSSODescriptor', 'AssertionConsumerService'], attributes: ['Binding', 'Location', 'index', 'isDefault'] },
    { key: 'slo', localPath: ['EntityDescriptor', 'SPSSODescriptor', 'SingleLogoutService'], attributes: ['Binding', 'Location'] },
  ]);
  // samlify's extractor gives a bare string for one attribute and lower-camel-cased keys for several.
  const entityId = typeof fields.entity === 'string' ? fields.entity : undefined;
  if (!entityId) throw invalid('er is geen EntityDescriptor met een entityID.');
  const sso = fields.sso as Attrs | undefined;
  if (!sso || typeof sso !== 'object' || Object.keys(sso).length === 0) throw invalid('er is geen SPSSODescriptor (dit lijken geen metadata van een service provider).');
  if (!String(sso.protocolSupportEnumeration ?? '').includes('urn:oasis:names:tc:SAML:2.0:protocol')) throw invalid('SAML 2.0 wordt niet genoemd in protocolSupportEnumeration.');

  const acs = asList(fields.acs).filter((a) => a.binding === BINDING_POST);
  // The default (isDefault="true", else the lowest index) first: it answers requests that name no ACS.
  acs.sort((a, b) => Number(b.isDefault === 'true') - Number(a.isDefault === 'true') || Number(a.index ?? 0) - Number(b.index ?? 0));
  const acsUrls: string[] = [];
  for (const a of acs) {
    const url = acceptableUrl(a.location);
    if (!url) throw invalid(`AssertionConsumerService "${a.location ?? ''}" is geen https-adres.`);
    acsUrls.push(url);
  }
  if (acsUrls.length === 0) throw invalid('er is geen AssertionConsumerService met de HTTP-POST-binding.');

  const slo = asList(fields.slo).find((s) => s.binding === BINDING_REDIRECT) ?? asList(fields.slo).find((s) => s.binding === BINDING_POST);
  const sloUrl = slo ? acceptableUrl(slo.location) : null;
  if (slo && !sloUrl) throw invalid(`SingleLogoutService "${slo.location ?? ''}" is geen https-adres.`);

  let signingCert: string | null = null;
  try {
    const meta = samlify.ServiceProvider({ metadata: xml }).entityMeta;
    const cert = meta.getX509Certificate('signing') as string | string[] | undefined;
    const first = Array.isArray(cert) ? cert[0] : cert;
    signingCert = first ? certificateBody(first) : null;
  } catch {
    throw invalid('de metadata zijn niet te lezen.');
  }
  const authnRequestsSigned = sso.authnRequestsSigned === 'true' || sso.authnRequestsSigned === '1';
  if (authnRequestsSigned && !signingCert) throw invalid('AuthnRequestsSigned staat aan, maar er is geen certificaat om mee te ondertekenen.');
  return { entityId, acsUrls, sloUrl, sloBinding: slo ? (slo.binding === BINDING_REDIRECT ? 'redirect' : 'post') : null, authnRequestsSigned, signingCert };
}
