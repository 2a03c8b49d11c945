/**
 * OIDC names for the protocol-neutral release of profiles.ts, and which scope carries which
 * claim. The profile decides what may flow; scopes and the `claims` parameter only narrow it
 * further, so a client asking for more never receives more (see docs/oidc.md).
 */
import type { ReleasedAttribute, Release, SharingProfile } from '../profiles.js';
import { attributesOf } from '../profiles.js';

/** Released attribute → OIDC claim name. `pseudonym` is the pairwise `sub`. */
export const CLAIM_OF: Record<Exclude<ReleasedAttribute, 'pseudonym'>, string> = {
  role: 'role',
  brin: 'nl_edu_home_organization_id',
  givenName: 'given_name',
  group: 'group',
  yearGroup: 'year_group',
  eckId: 'eckid',
};

/** Scope → claims (oidc-provider's `claims` setting; each key is also a supported scope). */
export const SCOPE_CLAIMS: Record<string, string[]> = {
  openid: ['sub'],
  profile: ['given_name'],
  school: ['role', 'nl_edu_home_organization_id', 'group', 'year_group'],
  eckid: ['eckid'],
};

const ATTRIBUTE_OF = new Map(Object.entries(CLAIM_OF).map(([attribute, claim]) => [claim, attribute as ReleasedAttribute]));

/** Claims a profile allows (besides `sub`). */
export function claimsAllowed(profile: SharingProfile): Set<string> {
  return new Set(attributesOf(profile).filter((a) => a !== 'pseudonym').map((a) => CLAIM_OF[a as Exclude<ReleasedAttribute, 'pseudonym'>]));
}

/** The requested scopes a profile lets us grant: a scope whose claims are all outside the profile is dropped. */
export function grantableScopes(requested: Iterable<string>, profile: SharingProfile): string[] {
  const allowed = claimsAllowed(profile);
  return [...requested].filter((scope) => scope === 'openid' || scope === 'offline_access' || (SCOPE_CLAIMS[scope] ?? []).some((c) => allowed.has(c)));
}

/**
 * What goes out for one use: `sub` always, plus each released claim that the granted scopes or
 * the `claims` request ask for. Returns the claims and the attribute names for the ledger.
 */
export function claimsToRelease(release: Release, requested: Set<string>): { claims: Record<string, string>; attributes: ReleasedAttribute[] } {
  const claims: Record<string, string> = {};
  const attributes: ReleasedAttribute[] = ['pseudonym'];
  for (const attribute of release.attributes) {
    if (attribute === 'pseudonym') continue;
    const claim = CLAIM_OF[attribute];
    if (!requested.has(claim)) continue;
    claims[claim] = release.values[attribute]!;
    attributes.push(attribute);
  }
  return { claims, attributes };
}

/** Claim names a set of scopes asks for. */
export function claimsOfScopes(scope: string): string[] {
  return scope.split(' ').flatMap((s) => SCOPE_CLAIMS[s] ?? []);
}

export const attributeOfClaim = (claim: string) => ATTRIBUTE_OF.get(claim);
