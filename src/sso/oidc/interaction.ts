/**
 * The authorization step Leerpoort adds to every OIDC login, in named steps:
 * 1. whoIsSignedIn  — the Leerpoort session (pupil or staff); not signed in → the right login page;
 * 2. whichSchool    — a pupil's own school; staff: the hinted, chosen or only school they work at;
 * 3. decide         — person still active, privacy gate (agreement + consent), effective profile;
 * 4. grant          — a fresh grant with only the scopes/claims the profile allows, the rest rejected.
 * Refusals are AppErrors, shown to the person as a Dutch page that says who can fix it.
 * For a person already signed in whose launch needs no question and passes the gate, the same
 * steps run inside the authorization request itself (decideWithoutAsking, see provider.ts), so
 * the launch skips the two extra browser hops through the interaction page.
 */
import type Provider from 'oidc-provider';
import type { Actor } from '../../accounts/index.js';
import { AppError, isAppError } from '../../lib/errors.js';
import { accountIdOf, type ReleaseClient, type ReleaseDecider } from './release.js';
import { claimsAllowed, grantableScopes } from './claims.js';

export interface SchoolLookup {
  schoolById(id: number): Promise<{ id: number; name: string; instellingRef: string; active: boolean } | undefined | null>;
  schoolByRef(ref: string): Promise<{ id: number; name: string; instellingRef: string; active: boolean } | undefined | null>;
  schoolsOfBoard(scope: { boardId: number }): Promise<Array<{ id: number; name: string; active?: boolean }>>;
}

export type InteractionOutcome =
  | { kind: 'signIn'; returnTo: string; school: { instellingRef: string } | null }
  | { kind: 'chooseSchool'; schools: Array<{ id: number; name: string }> }
  | GrantOutcome;

export interface GrantOutcome {
  kind: 'grant';
  accountId: string;
  scopes: string[];
  rejectedScopes: string[];
  claims: string[];
  rejectedClaims: string[];
}

export interface InteractionInput {
  uid: string;
  actor: Actor | null;
  client: ReleaseClient;
  /** The authorization request's parameters as oidc-provider stored them. */
  params: { scope?: string; claims?: string; instelling_ref?: string };
  /** A school the person picked on the chooser page. */
  chosenSchoolId: number | null;
}

/** Claim names a `claims` request parameter asks for (OIDC Core §5.5), for userinfo and the ID token. */
function requestedClaimNames(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as { userinfo?: Record<string, unknown>; id_token?: Record<string, unknown> };
    return [...new Set([...Object.keys(parsed.userinfo ?? {}), ...Object.keys(parsed.id_token ?? {})])];
  } catch {
    return [];
  }
}

export function createInteractionSteps(deps: { decider: ReleaseDecider; schools: SchoolLookup }) {
  const { decider, schools } = deps;

  async function hintedSchool(ref: string | undefined) {
    if (!ref || !/^[A-Za-z0-9_-]{1,64}$/.test(ref)) return null;
    const school = await schools.schoolByRef(ref);
    return school?.active ? school : null;
  }

  async function staffSchools(actor: Extract<Actor, { kind: 'staff' }>): Promise<Array<{ id: number; name: string }>> {
    const ids = new Set<number>();
    for (const role of actor.roles) {
      if (role.schoolId !== null) ids.add(role.schoolId);
      else if (role.boardId !== null) for (const s of await schools.schoolsOfBoard({ boardId: role.boardId })) ids.add(s.id);
    }
    const found = await Promise.all([...ids].map((id) => schools.schoolById(id)));
    return found.filter((s): s is NonNullable<typeof s> => !!s && s.active).map((s) => ({ id: s.id, name: s.name }));
  }

  /** Steps 2–4 for a signed-in person: which school, the privacy gate, the grant. */
  async function decideFor(actor: Actor, client: ReleaseClient, params: InteractionInput['params'], chosenSchoolId: number | null, hint: { id: number } | null): Promise<Exclude<InteractionOutcome, { kind: 'signIn' }>> {
    if (actor.kind !== 'pupil' && actor.kind !== 'staff') throw new AppError('sso.actor_not_allowed');

    // 2. whichSchool
    let accountId: string;
    if (actor.kind === 'pupil') {
      accountId = accountIdOf('pupil', actor.pupilId, actor.schoolId);
    } else {
      const options = await staffSchools(actor);
      const pick = [chosenSchoolId, hint?.id].find((id) => id != null && options.some((s) => s.id === id));
      const schoolId = pick ?? (options.length === 1 ? options[0].id : null);
      if (options.length === 0) throw new AppError('sso.person_not_found');
      if (schoolId == null) return { kind: 'chooseSchool', schools: options };
      accountId = accountIdOf('staff', actor.accountId, schoolId);
    }

    // 3. decide (throws the privacy gate's Dutch refusal, or sso.person_not_found / sso.eckid_missing)
    const decision = await decider.decide(accountId, client);

    // 4. grant: only what the effective profile allows; the rest is rejected, never silently widened.
    const requestedScopes = (params.scope ?? '').split(' ').filter(Boolean);
    const scopes = grantableScopes(requestedScopes, decision.profile);
    const allowed = claimsAllowed(decision.profile);
    const requestedClaims = requestedClaimNames(params.claims);
    return {
      kind: 'grant',
      accountId,
      scopes,
      rejectedScopes: requestedScopes.filter((s) => !scopes.includes(s)),
      claims: requestedClaims.filter((c) => allowed.has(c) || c === 'sub'),
      rejectedClaims: requestedClaims.filter((c) => !allowed.has(c) && c !== 'sub'),
    };
  }

  return {
    /** The interaction page: every step, with a Dutch refusal (thrown) or a sign-in/school choice to show. */
    async run(input: InteractionInput): Promise<InteractionOutcome> {
      const hint = await hintedSchool(input.params.instelling_ref);
      // 1. whoIsSignedIn
      if (!input.actor) return { kind: 'signIn', returnTo: `/oidc/interaction/${input.uid}`, school: hint };
      return decideFor(input.actor, input.client, input.params, input.chosenSchoolId, hint);
    },

    /**
     * The same decision inside the authorization request, for a person already signed in to
     * Leerpoort in this browser: the grant when every step passes without asking anything,
     * otherwise null, and the authorization goes through the interaction page, which asks
     * (sign in, choose a school) or shows the refusal.
     */
    async decideWithoutAsking(actor: Actor | null, client: ReleaseClient, params: InteractionInput['params']): Promise<GrantOutcome | null> {
      if (!actor) return null;
      try {
        const outcome = await decideFor(actor, client, params, null, await hintedSchool(params.instelling_ref));
        return outcome.kind === 'grant' ? outcome : null;
      } catch (error) {
        if (isAppError(error)) return null;
        throw error;
      }
    },
  };
}

/** Stores a grant with exactly the outcome's scopes and claims (the rest rejected). */
export async function saveGrant(provider: Provider, outcome: GrantOutcome, clientId: string) {
  const grant = new provider.Grant({ accountId: outcome.accountId, clientId });
  if (outcome.scopes.length) grant.addOIDCScope(outcome.scopes.join(' '));
  if (outcome.rejectedScopes.length) grant.rejectOIDCScope(outcome.rejectedScopes.join(' '));
  if (outcome.claims.length) grant.addOIDCClaims(outcome.claims);
  if (outcome.rejectedClaims.length) grant.rejectOIDCClaims(outcome.rejectedClaims);
  await grant.save();
  return grant;
}

/** The interaction result that resumes the authorization at oidc-provider with a stored grant. */
export async function grantResult(provider: Provider, outcome: GrantOutcome, clientId: string): Promise<Record<string, unknown>> {
  const grant = await saveGrant(provider, outcome, clientId);
  return { login: { accountId: outcome.accountId }, consent: { grantId: grant.jti } };
}
