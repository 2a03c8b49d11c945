/**
 * Pupil login as named steps: network policy → IP ceiling → device limit → pupil lock →
 * check the code → record the outcome. Each refusal is a distinct result, so the page can say
 * kindly what happened and tests can say which step refused.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { PupilLoginConfig } from '../../config/index.js';
import * as store from './store.js';
import { addressInRanges } from './network.js';
import { pictureCodeOf } from './pictures.js';
import type { PupilSecrets } from './secrets.js';
import { createThrottle } from './throttle.js';
import type { AttemptCounters } from './counters.js';

export interface PupilActorInput {
  kind: 'pupil';
  pupilId: number;
  schoolId: number;
  label: string;
}

export type LoginOutcome =
  | { result: 'ok'; actor: PupilActorInput }
  | { result: 'wrong' }
  | { result: 'locked'; until: string }
  | { result: 'device_blocked' }
  | { result: 'ip_blocked' }
  | { result: 'outside_network' }
  | { result: 'unknown' };

export interface Attempt {
  schoolId: number;
  pupilId: number;
  deviceId: string;
  ip: string;
  method: 'picture' | 'pin';
  /** Picture ids in order (picture code) or the digits (pincode). */
  value: string | readonly string[];
}

export interface NetworkStatus {
  restricted: boolean;
  inside: boolean;
}

/**
 * What the login page already loaded for this attempt (pupil, credential, network status for
 * the caller's address): passed in, the login does not read them again. Each must be for the
 * attempt's school, pupil and address.
 */
export interface KnownForAttempt {
  pupil: store.ActivePupil;
  credential: store.CredentialRow | undefined;
  network: NetworkStatus;
}

/** No ranges: the school allows logins from anywhere. */
export function statusFromRanges(cidrs: readonly string[], ip: string): NetworkStatus {
  if (cidrs.length === 0) return { restricted: false, inside: true };
  return { restricted: true, inside: addressInRanges(ip, cidrs) };
}

export function createPupilLogin(deps: { db: Kysely<Database>; clock: Clock; secrets: PupilSecrets; limits: PupilLoginConfig; counters: AttemptCounters }) {
  const { db, clock, secrets, limits } = deps;
  const throttle = createThrottle(deps.counters, limits);

  async function networkStatus(schoolId: number, ip: string): Promise<NetworkStatus> {
    return statusFromRanges((await store.schoolRanges(db, { schoolId })).map((r) => r.cidr), ip);
  }

  const lockedUntil = (credential: store.CredentialRow, now: Date) =>
    credential.locked_until && credential.locked_until > now.toISOString() ? credential.locked_until : null;

  async function succeed(scope: { schoolId: number }, pupilId: number, now: Date, known?: store.ActivePupil): Promise<LoginOutcome> {
    const pupil = known ?? (await store.activePupil(db, scope, pupilId));
    if (!pupil) return { result: 'unknown' };
    const at = now.toISOString();
    if (!(await store.recordSignIn(db, scope, pupilId, at))) await store.saveCredential(db, scope, pupilId, 'kat', { failed_attempts: 0, locked_until: null, last_login_at: at });
    const label = pupil.nickname || pupil.first_names || 'Leerling';
    return { result: 'ok', actor: { kind: 'pupil', pupilId, schoolId: scope.schoolId, label } };
  }

  /** Steps shared by code and card login, up to the point where the secret is checked. */
  async function gate(scope: { schoolId: number }, credential: store.CredentialRow, input: { deviceId: string; ip: string }, now: Date, known?: NetworkStatus): Promise<LoginOutcome | null> {
    const network = known ?? (await networkStatus(scope.schoolId, input.ip));
    if (!network.inside && credential.home_login !== 1) return { result: 'outside_network' };
    // Both counters at once: with Redis one script call, one round trip.
    const { ipAllowed, deviceBlocked } = await throttle.gate(input.ip, input.deviceId, now);
    if (!ipAllowed) return { result: 'ip_blocked' };
    if (deviceBlocked) return { result: 'device_blocked' };
    const until = lockedUntil(credential, now);
    return until ? { result: 'locked', until } : null;
  }

  async function loginWithCode(attempt: Attempt, known?: KnownForAttempt): Promise<LoginOutcome> {
    const now = clock.now();
    const scope = { schoolId: attempt.schoolId };
    const credential = known ? known.credential : await store.credentialOf(db, scope, attempt.pupilId);
    if (!credential) return { result: 'unknown' };
    const refused = await gate(scope, credential, attempt, now, known?.network);
    if (refused) return refused;

    const stored = attempt.method === 'picture' ? credential.picture_code_hash : credential.pincode_hash;
    // No code of this kind was ever set: nothing to guess, so nothing to count.
    if (!stored) return { result: 'unknown' };
    const correct =
      attempt.method === 'picture'
        ? secrets.matches(stored, 'picture', attempt.pupilId, pictureCodeOf(attempt.value as string[]) ?? '')
        : secrets.matches(stored, 'pin', attempt.pupilId, String(attempt.value));
    if (correct) return succeed(scope, attempt.pupilId, now, known?.pupil);

    await throttle.deviceFailed(attempt.deviceId, now);
    const lockUntil = new Date(now.getTime() + limits.lockMinutes * 60_000).toISOString();
    const after = await store.recordFailure(db, scope, attempt.pupilId, limits.maxFailuresPerPupil, lockUntil);
    const until = after ? lockedUntil(after, now) : null;
    return until ? { result: 'locked', until } : { result: 'wrong' };
  }

  /** Who a card belongs to, for the confirm page; null for a void or unknown card. */
  async function cardHolder(token: string) {
    return (await store.cardHolderByHash(db, secrets.hash('card', null, token))) ?? null;
  }

  async function loginWithCard(input: { token: string; deviceId: string; ip: string }): Promise<LoginOutcome> {
    const now = clock.now();
    const holder = await cardHolder(input.token);
    if (!holder) {
      // Guessing card tokens is pointless (128 bits), but unknown tokens still count per device.
      if (!(await throttle.ipAllows(input.ip, now))) return { result: 'ip_blocked' };
      await throttle.deviceFailed(input.deviceId, now);
      return { result: 'unknown' };
    }
    const scope = { schoolId: holder.credential.school_id };
    // The school's ranges came with the card: the network status needs no statement of its own.
    const refused = await gate(scope, holder.credential, input, now, statusFromRanges(holder.ranges, input.ip));
    if (refused) return refused;
    return succeed(scope, holder.credential.pupil_id, now, holder.pupil);
  }

  return { networkStatus, loginWithCode, loginWithCard, cardHolder };
}

export type PupilLogin = ReturnType<typeof createPupilLogin>;
