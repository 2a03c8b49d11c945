/**
 * Checks an AuthnRequest or LogoutRequest from an SP, as named steps (each refusal says which):
 * decode (no DOCTYPE) → read issuer → known SP → signature (when the SP must sign) and schema
 * (samlify + xmllint) → Destination is us → IssueInstant fresh → not seen before (replay).
 * The ACS URL check is login-only and lives in login.ts.
 */
import { AppError } from '../../lib/errors.js';
import type { IdpEntity, IdpUrls, SpEntity } from './entities.js';
import { spEntity } from './entities.js';
import type { SamlStore, ServiceProvider } from './store.js';
import { decodePostMessage, decodeRedirectMessage, extractFields } from './xml.js';

/** How far IssueInstant may be from our clock (SAML Profiles leave it to the IdP). */
export const FRESH_MINUTES = 5;

export type Binding = 'redirect' | 'post';

export interface InboundMessage {
  binding: Binding;
  /** The decoded query (redirect) or form body (post). */
  params: Record<string, string | undefined>;
  /** Redirect binding: the raw query string as received, for the signature (Bindings §3.4.4.1). */
  rawQuery?: string;
}

export interface CheckedRequest {
  sp: ServiceProvider;
  id: string;
  xml: string;
  fields: Record<string, any>;
  relayState: string | null;
}

/** `SAMLRequest=…&RelayState=…&SigAlg=…` (or SAMLResponse) exactly as the SP encoded them, in that order. */
export function signedOctets(rawQuery: string): string {
  const parts = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const [name] = part.split('=', 1);
    if (!parts.has(name)) parts.set(name, part);
  }
  return ['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg'].flatMap((n) => (parts.has(n) ? [parts.get(n) as string] : [])).join('&');
}

const FIELDS = {
  login: [
    { key: 'request', localPath: ['AuthnRequest'], attributes: ['ID', 'IssueInstant', 'Destination', 'AssertionConsumerServiceURL', 'ProtocolBinding', 'Version', 'IsPassive'] },
    { key: 'issuer', localPath: ['AuthnRequest', 'Issuer'], attributes: [] },
  ],
  logout: [
    { key: 'request', localPath: ['LogoutRequest'], attributes: ['ID', 'IssueInstant', 'Destination', 'Version'] },
    { key: 'issuer', localPath: ['LogoutRequest', 'Issuer'], attributes: [] },
    { key: 'nameID', localPath: ['LogoutRequest', 'NameID'], attributes: [] },
  ],
};

type Deps = { store: SamlStore; urls: IdpUrls; idpFor: (requireSigned: boolean) => Promise<IdpEntity>; now: Date };

async function senderOf(issuer: string, store: SamlStore): Promise<ServiceProvider> {
  const sp = await store.byEntityId(issuer);
  if (!sp) throw new AppError('saml.unknown_sp', { entityId: issuer.slice(0, 200) });
  return sp;
}

/**
 * Signature when this SP must sign, then samlify's own checks (schema, signature) through
 * `parse`; returns samlify's complaint, or null. A missing signature is refused here already.
 */
async function samlifyComplaint(sp: ServiceProvider, message: InboundMessage, xml: string, deps: Deps, parse: (idp: IdpEntity, entity: SpEntity, request$: never) => Promise<unknown>): Promise<string | null> {
  if (sp.authnRequestsSigned) {
    const signed = message.binding === 'redirect' ? Boolean(message.params.Signature && message.params.SigAlg) : /<(\w+:)?Signature[\s>]/.test(xml);
    if (!signed) throw new AppError('saml.signature_missing');
  }
  const idp = await deps.idpFor(sp.authnRequestsSigned);
  const request$ = message.binding === 'redirect' ? { query: message.params, octetString: signedOctets(message.rawQuery ?? '') } : { body: message.params };
  try {
    await parse(idp, spEntity(sp, sp.acsUrls[0]), request$ as never);
    return null;
  } catch (error) {
    return String((error as Error)?.message ?? error);
  }
}

function refusal(complaint: string): AppError {
  if (/SIGNATURE|SIG_ALG|SIGNED/i.test(complaint)) return new AppError('saml.signature_invalid');
  return new AppError('saml.message_invalid', { reason: /XML/.test(complaint) ? 'geen geldig SAML-bericht' : 'niet te verwerken' });
}

export async function checkInbound(
  kind: 'login' | 'logout',
  message: InboundMessage,
  deps: Deps,
): Promise<CheckedRequest> {
  // Step 1: decode, refusing DOCTYPE/entities before any parser sees the text.
  const encoded = message.params.SAMLRequest;
  if (!encoded) throw new AppError('saml.message_invalid', { reason: 'SAMLRequest ontbreekt' });
  const xml = message.binding === 'redirect' ? decodeRedirectMessage(encoded) : decodePostMessage(encoded);

  // Step 2: who sent it.
  const fields = extractFields(xml, FIELDS[kind]);
  const request = (fields.request ?? {}) as Record<string, string | undefined>;
  const issuer = typeof fields.issuer === 'string' ? fields.issuer.trim() : '';
  if (!request.id || !issuer) throw new AppError('saml.message_invalid', { reason: kind === 'login' ? 'geen AuthnRequest met ID en Issuer' : 'geen LogoutRequest met ID en Issuer' });
  if (request.version !== '2.0') throw new AppError('saml.message_invalid', { reason: 'geen SAML 2.0' });
  const sp = await senderOf(issuer, deps.store);

  // Step 3: signature when this SP must sign, and the schema check, both by samlify.
  const complaint = await samlifyComplaint(sp, message, xml, deps, (idp, entity, request$) =>
    kind === 'login' ? idp.parseLoginRequest(entity, message.binding, request$) : idp.parseLogoutRequest(entity, message.binding, request$),
  );
  if (complaint) throw refusal(complaint);

  // Step 4: meant for us, and fresh.
  if (request.destination && request.destination !== (kind === 'login' ? deps.urls.sso : deps.urls.slo)) {
    throw new AppError('saml.message_invalid', { reason: `Destination ${request.destination.slice(0, 200)} is niet Leerpoort` });
  }
  const issued = Date.parse(request.issueInstant ?? '');
  if (!Number.isFinite(issued) || Math.abs(deps.now.getTime() - issued) > FRESH_MINUTES * 60_000) throw new AppError('saml.request_stale');

  // Step 5: replay. Ids are kept until the request could no longer pass step 4 anyway.
  const keepUntil = new Date(Math.max(issued, deps.now.getTime()) + FRESH_MINUTES * 60_000 * 2).toISOString();
  if (!(await deps.store.rememberRequestId(sp.id, request.id, keepUntil, deps.now.toISOString()))) throw new AppError('saml.request_replayed');

  // Bindings §3.4.3: an SP sends at most 80 bytes; we echo it into a page, so bound it generously.
  const relayState = message.params.RelayState ?? null;
  if (relayState !== null && relayState.length > 1024) throw new AppError('saml.message_invalid', { reason: 'RelayState is te lang' });
  return { sp, id: request.id, xml, fields, relayState };
}

export interface CheckedLogoutResponse {
  sp: ServiceProvider;
  inResponseTo: string;
  /** False when the SP answered with another status than Success (it could not log the person out). */
  success: boolean;
  relayState: string | null;
}

const RESPONSE_FIELDS = [
  { key: 'response', localPath: ['LogoutResponse'], attributes: ['ID', 'InResponseTo', 'IssueInstant', 'Destination', 'Version'] },
  { key: 'issuer', localPath: ['LogoutResponse', 'Issuer'], attributes: [] },
];

/**
 * A LogoutResponse from an SP that Leerpoort asked to log the person out (single-logout.ts):
 * decode (no DOCTYPE) → known SP → signature when the SP must sign → Destination → fresh.
 * Replay needs no list of its own: the InResponseTo it answers is waited for only once.
 */
export async function checkLogoutResponse(
  message: InboundMessage,
  deps: Deps,
): Promise<CheckedLogoutResponse> {
  const encoded = message.params.SAMLResponse;
  if (!encoded) throw new AppError('saml.message_invalid', { reason: 'SAMLResponse ontbreekt' });
  const xml = message.binding === 'redirect' ? decodeRedirectMessage(encoded) : decodePostMessage(encoded);
  const fields = extractFields(xml, RESPONSE_FIELDS);
  const response = (fields.response ?? {}) as Record<string, string | undefined>;
  const issuer = typeof fields.issuer === 'string' ? fields.issuer.trim() : '';
  if (!response.inResponseTo || !issuer || response.version !== '2.0') throw new AppError('saml.message_invalid', { reason: 'geen LogoutResponse met InResponseTo en Issuer' });
  const sp = await senderOf(issuer, deps.store);
  const complaint = await samlifyComplaint(sp, message, xml, deps, (idp, entity, request$) => idp.parseLogoutResponse(entity, message.binding, request$));
  // samlify checks the status before the signature; an SP that could not log out only ends its own step.
  const success = complaint === null;
  if (complaint && !/ERR_FAILED_STATUS/.test(complaint)) throw refusal(complaint);
  if (response.destination && response.destination !== deps.urls.slo) {
    throw new AppError('saml.message_invalid', { reason: `Destination ${response.destination.slice(0, 200)} is niet Leerpoort` });
  }
  const issued = Date.parse(response.issueInstant ?? '');
  if (!Number.isFinite(issued) || Math.abs(deps.now.getTime() - issued) > FRESH_MINUTES * 60_000) throw new AppError('saml.request_stale');
  return { sp, inResponseTo: response.inResponseTo, success, relayState: message.params.RelayState ?? null };
}
