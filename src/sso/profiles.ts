/**
 * Data-sharing profiles: which attributes a publisher receives about a pupil or teacher. One
 * table decides for both protocols; OIDC and SAML only rename (oidc/claims.ts, saml/attributes.ts).
 * A publisher's client or SP has a profile, the processing agreement of the board has a profile;
 * the narrower of the two applies, so neither side alone can widen what flows.
 */
import { AppError } from '../lib/errors.js';

export const SHARING_PROFILES = ['minimal', 'standard', 'with_eck'] as const;
export type SharingProfile = (typeof SHARING_PROFILES)[number];

/** Protocol-neutral names; also what the disclosure ledger records. */
export type ReleasedAttribute = 'pseudonym' | 'role' | 'brin' | 'givenName' | 'group' | 'yearGroup' | 'eckId';

const PROFILE_ATTRIBUTES: Record<SharingProfile, readonly ReleasedAttribute[]> = {
  minimal: ['pseudonym', 'role', 'brin'],
  standard: ['pseudonym', 'role', 'brin', 'givenName', 'group', 'yearGroup'],
  with_eck: ['pseudonym', 'role', 'brin', 'givenName', 'group', 'yearGroup', 'eckId'],
};

export function isSharingProfile(value: string): value is SharingProfile {
  return (SHARING_PROFILES as readonly string[]).includes(value);
}

export function attributesOf(profile: SharingProfile): readonly ReleasedAttribute[] {
  return PROFILE_ATTRIBUTES[profile];
}

/** The narrower of two profiles (the order of SHARING_PROFILES is from narrow to wide). */
export function narrowerProfile(a: SharingProfile, b: SharingProfile): SharingProfile {
  return SHARING_PROFILES.indexOf(a) <= SHARING_PROFILES.indexOf(b) ? a : b;
}

/** Who logs in, as far as a publisher could ever learn it (see release-person.ts). */
export interface ReleasePerson {
  kind: 'pupil' | 'staff';
  /** Internal, never released: "pupil:12" or "staff:7"; input of the pseudonym. */
  subjectKey: string;
  /** Internal id of the pupil or staff account, for the disclosure ledger. */
  id: number;
  role: 'leerling' | 'leerkracht' | 'medewerker';
  schoolId: number;
  boardId: number;
  brin: string;
  givenName: string | null;
  group: string | null;
  yearGroup: string | null;
  eckId: string | null;
}

export interface Release {
  values: Partial<Record<ReleasedAttribute, string>>;
  /** The attributes actually released (for the ledger): absent values are not listed. */
  attributes: ReleasedAttribute[];
}

/**
 * What `person` releases under `profile`, with `pseudonym` as the identifier. A profile that
 * needs the ECK iD and a person without one is refused (sso.eckid_missing), never silently
 * sent without it: the publisher would create a second, unlinked account.
 */
export function releaseFor(person: ReleasePerson, profile: SharingProfile, pseudonym: string): Release {
  const all: Record<ReleasedAttribute, string | null> = {
    pseudonym,
    role: person.role,
    brin: person.brin,
    givenName: person.givenName,
    group: person.group,
    yearGroup: person.yearGroup,
    eckId: person.eckId,
  };
  if (PROFILE_ATTRIBUTES[profile].includes('eckId') && !person.eckId) throw new AppError('sso.eckid_missing');
  const values: Partial<Record<ReleasedAttribute, string>> = {};
  const attributes: ReleasedAttribute[] = [];
  for (const name of PROFILE_ATTRIBUTES[profile]) {
    const value = all[name];
    if (value === null || value === '') continue;
    values[name] = value;
    attributes.push(name);
  }
  return { values, attributes };
}
