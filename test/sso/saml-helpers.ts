/**
 * What the SAML tests share: a publisher's SP made with @node-saml/node-saml (the independent
 * SP a publisher would run), registered at Leerpoort by its own generated metadata, and small
 * readers for the HTML form that carries a SAML message.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SAML, type SamlConfig } from '@node-saml/node-saml';
import { generate } from 'selfsigned';
import type { TestApp } from '../helpers/app.js';
import type { SharingProfile } from '../../src/sso/index.js';

export const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

let spKeys: Promise<{ private: string; cert: string }> | null = null;
/** One SP key pair per test process (RSA generation is slow on a shared machine). */
export function spKeyPair() {
  spKeys ??= generate([{ name: 'commonName', value: 'sp.uitgever.test' }], { keySize: 2048, algorithm: 'sha256' });
  return spKeys;
}

export async function idpCertificate(t: TestApp & { baseUrl?: string }): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: '/saml/metadata' });
  assert.equal(response.statusCode, 200);
  const cert = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(response.body)?.[1];
  assert.ok(cert, 'metadata carries a signing certificate');
  return cert.replace(/\s+/g, '');
}

export interface TestSp {
  saml: SAML;
  /** The same SP speaking the HTTP-POST binding (base64 without deflate, SAML Bindings §3.5.4). */
  postSaml: SAML;
  entityId: string;
  acsUrl: string;
  metadata: string;
}

/** A node-saml SP for `publisher`; `signRequests` decides whether its metadata says AuthnRequestsSigned. */
export async function makeSp(
  t: TestApp & { baseUrl?: string },
  options: { signRequests?: boolean; register?: { publisherSlug: string; profile: SharingProfile }; callbackUrl?: string; entityId?: string; validateInResponseTo?: 'never' | 'ifPresent'; passive?: boolean } = {},
): Promise<TestSp> {
  const keys = await spKeyPair();
  const host = `https://sp-${randomBytes(4).toString('hex')}.uitgever.test`;
  const entityId = options.entityId ?? `${host}/metadata`;
  const acsUrl = options.callbackUrl ?? `${host}/acs`;
  const base = t.config.publicUrl;
  const signRequests = options.signRequests ?? true;
  const config: SamlConfig = {
    entryPoint: `${base}/saml/sso`,
    logoutUrl: `${base}/saml/slo`,
    callbackUrl: acsUrl,
    logoutCallbackUrl: `${host}/slo`,
    issuer: entityId,
    audience: entityId,
    idpIssuer: `${base}/saml/metadata`,
    idpCert: await idpCertificate(t),
    identifierFormat: PERSISTENT,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    acceptedClockSkewMs: 2000,
    validateInResponseTo: (options.validateInResponseTo ?? 'ifPresent') as never,
    disableRequestedAuthnContext: true,
    passive: options.passive ?? false,
    ...(signRequests ? { privateKey: keys.private, publicCert: keys.cert } : {}),
  };
  const saml = new SAML(config);
  const postSaml = new SAML({ ...config, skipRequestCompression: true, authnRequestBinding: 'HTTP-POST' });
  const metadata = saml.generateServiceProviderMetadata(null, signRequests ? keys.cert : null);
  if (options.register) {
    await t.capabilities.saml.serviceProviders.add('operator:test', { publisherSlug: options.register.publisherSlug, metadataXml: metadata, profile: options.register.profile });
  }
  return { saml, postSaml, entityId, acsUrl, metadata };
}

/** The hidden fields and action of the (auto-posting) form on a page. */
export function postedForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*id="saml-autopost"/.exec(html);
  assert.ok(form, `expected the SAML auto-post form, got: ${html.slice(0, 600)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[match[1]] = decodeEntities(match[2]);
  return { action: decodeEntities(form[1]), fields };
}

function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The Dutch error page's code (data-code) for a refused request. */
export function errorCode(html: string): string | null {
  return /data-code="([^"]+)"/.exec(html)?.[1] ?? null;
}

export function decodeSamlResponse(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}
