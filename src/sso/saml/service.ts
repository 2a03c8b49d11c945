/**
 * The SAML IdP's use cases: metadata, SP registration, SP-initiated login (request → pending →
 * signed response once the person is signed in), IdP-initiated login (portal tile), single
 * logout. Every release goes through the privacy gate and into the disclosure ledger.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { createPseudonyms } from '../pseudonyms.js';
import { narrowerProfile, releaseFor, type ReleasePerson } from '../profiles.js';
import { createSigningKeys } from './keys.js';
import { createSamlStore, type ServiceProvider } from './store.js';
import { idpEntity, idpMetadataXml, idpUrls, spEntity, type IdpEntity } from './entities.js';
import { checkInbound, type InboundMessage } from './inbound.js';
import { createSpRegistry } from './registry.js';
import { samlAttributes } from './attributes.js';
import { buildLoginResponse, buildStatusResponse } from './response.js';
import { buildLogoutResponse } from './logout.js';
import { useSchemaValidator } from './xml.js';
import { createSingleLogout, sessionIndexOf } from './single-logout.js';
import type { PostForm, SamlDeps } from './deps.js';

export type { PostForm } from './deps.js';

const PENDING_MINUTES = 15;

export function createSamlService(deps: SamlDeps & { db: Kysely<Database>; clock: Clock }) {
  const { db, clock, catalogue, privacy } = deps;
  useSchemaValidator();
  const store = createSamlStore(db);
  const urls = idpUrls(deps.publicUrl);
  const keys = createSigningKeys({ db, clock, box: deps.secretBox, commonName: new URL(deps.publicUrl).hostname });
  const pseudonyms = createPseudonyms(deps.pseudonymKey);
  // samlify builds (and re-parses) metadata for every entity it makes: keep them per key / per SP record.
  let idpCache: { keyId: number; entities: Map<boolean, IdpEntity> } = { keyId: -1, entities: new Map() };
  const idpFor = async (requireSigned: boolean): Promise<IdpEntity> => {
    const key = await keys.active();
    if (idpCache.keyId !== key.id) idpCache = { keyId: key.id, entities: new Map() };
    let entity = idpCache.entities.get(requireSigned);
    if (!entity) {
      entity = idpEntity(urls, key, requireSigned);
      idpCache.entities.set(requireSigned, entity);
    }
    return entity;
  };

  const singleLogout = createSingleLogout({ store, clock, urls, idpFor });

  async function publisherOf(sp: ServiceProvider) {
    const publisher = await catalogue.publishers.byId(sp.publisherId);
    if (!publisher) throw new AppError('saml.sp_not_found', { entityId: sp.entityId });
    return publisher;
  }

  /** The one path by which personal data leaves for an SP: gate → profile → ledger → signed response. */
  async function respond(sp: ServiceProvider, person: ReleasePerson, target: { acsUrl: string; inResponseTo: string | null; relayState: string | null; sessionId: string }): Promise<PostForm> {
    const grant = await privacy.authorizeRelease({ schoolId: person.schoolId, publisherId: sp.publisherId });
    const publisher = await publisherOf(sp);
    const profile = narrowerProfile(sp.profile, grant.profile);
    const nameId = pseudonyms.forPublisher(publisher.sector, person.subjectKey);
    const release = releaseFor(person, profile, nameId);
    const response = await buildLoginResponse({
      idp: await idpFor(false),
      sp: spEntity(sp, target.acsUrl),
      issuer: urls.entityId,
      spEntityId: sp.entityId,
      acsUrl: target.acsUrl,
      inResponseTo: target.inResponseTo,
      nameId,
      // Lets the SP name this login in a LogoutRequest without learning the session id.
      sessionIndex: sessionIndexOf(target.sessionId),
      attributes: samlAttributes(release, person.role),
      now: clock.now(),
    });
    await privacy.ledger.record({
      schoolId: person.schoolId,
      boardId: person.boardId,
      publisherId: sp.publisherId,
      subject: { kind: person.kind, id: person.id },
      attributes: release.attributes,
      channel: 'saml',
      recipient: sp.entityId,
      agreementId: grant.agreementId,
    });
    // Single logout tells this SP when the session ends (single-logout.ts).
    await singleLogout.recordParticipant(target.sessionId, sp.id, nameId);
    deps.onLaunch?.();
    const fields: Record<string, string> = { SAMLResponse: response.base64 };
    if (target.relayState) fields.RelayState = target.relayState;
    return { action: target.acsUrl, fields };
  }

  async function remember(kind: 'login' | 'logout', values: { spId: number; requestId: string; acsUrl?: string; relayState: string | null; nameId?: string | null; schoolHint?: string | null; passive?: boolean }): Promise<string> {
    const token = newToken();
    await store.purgePending(clock.now().toISOString());
    await store.insertPending({
      token_hash: hashToken(token),
      kind,
      sp_id: values.spId,
      request_id: values.requestId,
      acs_url: values.acsUrl ?? null,
      relay_state: values.relayState,
      name_id: values.nameId ?? null,
      school_hint: values.schoolHint ?? null,
      passive: values.passive ? 1 : 0,
      expires_at: new Date(clock.now().getTime() + PENDING_MINUTES * 60_000).toISOString(),
    });
    return token;
  }

  async function pendingOf(kind: 'login' | 'logout', token: string) {
    const row = await store.pending(hashToken(token), clock.now().toISOString());
    if (!row || row.kind !== kind) throw new AppError('saml.pending_expired');
    const sp = await store.byId(row.sp_id);
    if (!sp) throw new AppError('saml.pending_expired');
    return { row, sp };
  }

  /** Does the parked LogoutRequest name the person signed in here (subject key, or null: nobody)? */
  async function namesSignedIn(sp: ServiceProvider, nameId: string | null, subjectKey: string | null): Promise<boolean> {
    if (subjectKey === null) return false;
    return nameId === pseudonyms.forPublisher((await publisherOf(sp)).sector, subjectKey);
  }

  return {
    urls,
    keys,
    singleLogout,
    async metadata(): Promise<string> {
      const published = await keys.published();
      return idpMetadataXml(urls, published.map((p) => p.certificate));
    },

    serviceProviders: createSpRegistry({ store, clock, catalogue }),

    /** SP-initiated, step 1: check the AuthnRequest and park it until the person is signed in. */
    async receiveAuthnRequest(message: InboundMessage, schoolHint: string | null): Promise<string> {
      const checked = await checkInbound('login', message, { store, urls, idpFor, now: clock.now() });
      const request = checked.fields.request as Record<string, string | undefined>;
      const asked = request.assertionConsumerServiceURL ?? request.assertionConsumerServiceUrl;
      if (request.protocolBinding && request.protocolBinding !== 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST') {
        throw new AppError('saml.message_invalid', { reason: 'alleen de HTTP-POST-binding wordt voor het antwoord ondersteund' });
      }
      // Only a registered ACS URL, compared exactly (Profiles §4.1.4.1): never where the request points.
      if (asked && !checked.sp.acsUrls.includes(asked)) throw new AppError('saml.acs_not_registered', { url: asked.slice(0, 200) });
      const passive = request.isPassive === 'true' || request.isPassive === '1';
      return remember('login', { spId: checked.sp.id, requestId: checked.id, acsUrl: asked ?? checked.sp.acsUrls[0], relayState: checked.relayState, schoolHint, passive });
    },

    /** What the continuation page needs before answering: which SP, which school hint. */
    async pendingLogin(token: string) {
      const { row, sp } = await pendingOf('login', token);
      return { sp, schoolHint: row.school_hint, passive: row.passive === 1 };
    },

    /** IsPassive and nobody signed in: a signed Responder/NoPassive status, no login page (Core §3.4.1). */
    async refusePassive(token: string): Promise<PostForm> {
      const { row, sp } = await pendingOf('login', token);
      if (!(await store.consumePending(row.id))) throw new AppError('saml.pending_expired');
      const acsUrl = row.acs_url ?? sp.acsUrls[0];
      const base64 = buildStatusResponse({ key: await keys.active(), issuer: urls.entityId, acsUrl, inResponseTo: row.request_id, second: 'urn:oasis:names:tc:SAML:2.0:status:NoPassive', now: clock.now() });
      const fields: Record<string, string> = { SAMLResponse: base64 };
      if (row.relay_state) fields.RelayState = row.relay_state;
      return { action: acsUrl, fields };
    },

    /** SP-initiated, step 2: the signed-in person is answered (once) at the registered ACS. */
    async completeLogin(token: string, person: ReleasePerson, sessionId: string): Promise<PostForm> {
      const { row, sp } = await pendingOf('login', token);
      // Single use before anything is released: a second tab cannot answer the same request twice.
      if (!(await store.consumePending(row.id))) throw new AppError('saml.pending_expired');
      return respond(sp, person, { acsUrl: row.acs_url ?? sp.acsUrls[0], inResponseTo: row.request_id, relayState: row.relay_state, sessionId });
    },

    /** IdP-initiated (a portal tile): unsolicited response to the SP's default ACS. */
    async launch(entityId: string, person: ReleasePerson, sessionId: string, relayState: string | null): Promise<PostForm> {
      const sp = await store.byEntityId(entityId);
      if (!sp) throw new AppError('saml.sp_not_found', { entityId });
      return respond(sp, person, { acsUrl: sp.acsUrls[0], inResponseTo: null, relayState, sessionId });
    },

    /** Single logout, step 1: check the LogoutRequest, park it (the POST binding arrives without our cookie). */
    async receiveLogoutRequest(message: InboundMessage): Promise<string> {
      const checked = await checkInbound('logout', message, { store, urls, idpFor, now: clock.now() });
      const nameId = typeof checked.fields.nameID === 'string' ? checked.fields.nameID.trim() : null;
      return remember('logout', { spId: checked.sp.id, requestId: checked.id, relayState: checked.relayState, nameId });
    },

    /**
     * Single logout, before step 2: which SP asks, and does it name the person signed in here?
     * Then the session ends first and the other SPs are told (single-logout.ts) before the answer.
     */
    async logoutRequestOf(token: string, subjectKey: string | null): Promise<{ spId: number; namesSignedIn: boolean }> {
      const { row, sp } = await pendingOf('logout', token);
      return { spId: sp.id, namesSignedIn: await namesSignedIn(sp, row.name_id, subjectKey) };
    },

    /**
     * Single logout, step 2: the signed LogoutResponse for the SP's SLO endpoint: Success when the
     * request names the person signed in here or nobody is (any more), else Requester.
     */
    async completeLogout(token: string, subjectKey: string | null): Promise<{ response: { redirect: string } | { form: PostForm } }> {
      const { row, sp } = await pendingOf('logout', token);
      await store.consumePending(row.id);
      const matches = await namesSignedIn(sp, row.name_id, subjectKey);
      // Nobody signed in: already logged out, which is what the SP asked for.
      const success = matches || subjectKey === null;
      if (!sp.sloUrl) throw new AppError('saml.message_invalid', { reason: 'de lesmethode heeft geen SingleLogoutService in haar metadata' });
      const response = await buildLogoutResponse({ idp: await idpFor(false), sp: spEntity(sp, sp.acsUrls[0]), sp$: sp, issuer: urls.entityId, inResponseTo: row.request_id, success, relayState: row.relay_state, now: clock.now() });
      return { response };
    },
  };
}

export type SamlService = ReturnType<typeof createSamlService>;
