/**
 * The one decision behind every OIDC release, made at each authorization and again at the
 * token and userinfo endpoints: is the person still there (pupil active, staff account
 * enabled with a role at the school), does the privacy gate let this publisher receive data
 * from this school (processing agreement + the school's consent), and under which profile
 * (the narrower of the client's and the agreement's). With Redis, a pupil's decision made at
 * the authorization is kept for the code exchange and userinfo of that launch (release-cache.ts,
 * ADR 0018): `decideWithinLaunch`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { isoNow, type Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { narrowerProfile, releaseFor, type Release, type ReleasedAttribute, type ReleasePerson, type SharingProfile } from '../profiles.js';
import { createGatedPupilLoader, loadPupil, loadStaff } from '../release-person.js';
import type { Pseudonyms } from '../pseudonyms.js';
import type { PrivacyGate } from '../privacy-gate.js';
import type { ReleaseCache } from './release-cache.js';


/** What a client carries for the release (extra client metadata, see clients.ts). */
export interface ReleaseClient {
  clientId: string;
  publisherId: number;
  sector: string;
  profile: SharingProfile;
}

export interface ReleaseDecision {
  person: ReleasePerson;
  agreementId: number;
  profile: SharingProfile;
  release: Release;
}

/** oidc-provider's accountId: `pupil:<pupilId>@<schoolId>` or `staff:<accountId>@<schoolId>`. */
export function parseAccountId(accountId: string): { kind: 'pupil' | 'staff'; id: number; schoolId: number } | null {
  const match = /^(pupil|staff):(\d{1,15})@(\d{1,15})$/.exec(accountId);
  if (!match) return null;
  return { kind: match[1] as 'pupil' | 'staff', id: Number(match[2]), schoolId: Number(match[3]) };
}

export const accountIdOf = (kind: 'pupil' | 'staff', id: number, schoolId: number) => `${kind}:${id}@${schoolId}`;

export function createReleaseDecider(deps: { db: Kysely<Database>; clock: Clock; pseudonyms: Pseudonyms; privacy: PrivacyGate; cache?: ReleaseCache<ReleaseDecision> | null }) {
  const { db, clock, pseudonyms, privacy } = deps;
  const cache = deps.cache ?? null;
  const loadPupilWithGate = createGatedPupilLoader(db, privacy.releaseGate);

  /** A pupil's decision may be kept for her launch (with Redis only); a staff member's is always made in full. */
  function keepablePupil(accountId: string) {
    const parsed = cache ? parseAccountId(accountId) : null;
    return parsed?.kind === 'pupil' ? parsed : null;
  }

  async function person(accountId: string): Promise<ReleasePerson | null> {
    const parsed = parseAccountId(accountId);
    if (!parsed) return null;
    return parsed.kind === 'pupil' ? loadPupil(db, parsed.id, parsed.schoolId) : loadStaff(db, parsed.id, parsed.schoolId, isoNow(clock));
  }

  /** A pupil and the gate in one statement; staff (four statements of their own) then the gate's. */
  async function personAndGate(accountId: string, publisherId: number): Promise<{ person: ReleasePerson; agreementId: number; profile: SharingProfile }> {
    const parsed = parseAccountId(accountId);
    if (parsed?.kind === 'pupil') {
      const gated = await loadPupilWithGate({ pupilId: parsed.id, schoolId: parsed.schoolId, publisherId });
      if (!gated) throw new AppError('sso.person_not_found');
      return gated;
    }
    const who = await person(accountId);
    if (!who) throw new AppError('sso.person_not_found');
    return { person: who, ...(await privacy.authorizeRelease({ schoolId: who.schoolId, publisherId })) };
  }

  return {
    person,

    /** The pairwise `sub`: the one pseudonym rule, per publisher sector (subject key without the school). */
    pseudonym(accountId: string, sector: string): string {
      const parsed = parseAccountId(accountId);
      if (!parsed) throw new Error(`oidc: unexpected accountId ${accountId}`);
      return pseudonyms.forPublisher(sector, `${parsed.kind}:${parsed.id}`);
    },

    /**
     * Decides in full. Throws AppError (sso.person_not_found, privacy.no_agreement,
     * privacy.no_consent, sso.eckid_missing) when nothing may flow. A pupil's decision is kept
     * (with Redis) for the rest of the launch; the gate's generation is read first, see release-cache.ts.
     */
    async decide(accountId: string, client: ReleaseClient): Promise<ReleaseDecision> {
      const pupil = keepablePupil(accountId);
      const generation = pupil && cache ? await cache.generation(pupil.schoolId, client.publisherId) : null;
      const { person: who, ...gate } = await personAndGate(accountId, client.publisherId);
      const profile = narrowerProfile(client.profile, gate.profile);
      const release = releaseFor(who, profile, this.pseudonym(accountId, client.sector));
      const decision = { person: who, agreementId: gate.agreementId, profile, release };
      // Not awaited: nothing here needs it. Until it is in Redis, or if it never gets there, the
      // launch's next request decides in full.
      if (generation !== null && cache) void cache.keep(accountId, client.clientId, generation, decision).catch(() => undefined);
      return decision;
    },

    /** The code exchange and userinfo of a launch: the decision its authorization kept, while the gate is unchanged; otherwise in full. */
    async decideWithinLaunch(accountId: string, client: ReleaseClient): Promise<ReleaseDecision> {
      const pupil = keepablePupil(accountId);
      const kept = pupil && cache ? await cache.find(accountId, client.clientId, pupil.schoolId, client.publisherId) : null;
      return kept ?? this.decide(accountId, client);
    },

    /** One ledger entry per release that left Leerpoort (recipient: the client_id). */
    async record(decision: ReleaseDecision, client: ReleaseClient, attributes: ReleasedAttribute[]): Promise<void> {
      const { person: who } = decision;
      await privacy.ledger.record({
        schoolId: who.schoolId,
        boardId: who.boardId,
        publisherId: client.publisherId,
        subject: { kind: who.kind, id: who.id },
        attributes,
        channel: 'oidc',
        recipient: client.clientId,
        agreementId: decision.agreementId,
      });
    },
  };
}

export type ReleaseDecider = ReturnType<typeof createReleaseDecider>;
