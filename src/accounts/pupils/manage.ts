/**
 * What a teacher or ICT-coördinator does with pupil credentials and the school network. New
 * codes are returned once (to show) and only their keyed hashes are kept. A card token is kept
 * as a keyed hash (the login lookup) and, so the same card can be printed again, sealed with
 * the secret box under SECRET_KEY (purpose 'pupils.card'). Every change writes an audit entry;
 * none records a code or token.
 */
import type { Kysely } from 'kysely';
import { sealedColumn, type Database } from '../../db/index.js';
import { isoNow, type Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { newToken } from '../../lib/tokens.js';
import { recordAudit } from '../../audit/index.js';
import * as store from './store.js';
import { normaliseAddress, parseRangeList } from './network.js';
import { pictureById, PICTURES } from './pictures.js';
import { newCardToken, randomPictureCode, randomPincode, type PupilSecrets } from './secrets.js';
import type { SecretBox } from '../../lib/secret-box.js';

const CARD_PURPOSE = 'pupils.card';

/** For `leerpoort secrets reseal`. */
export const cardSealedColumn = sealedColumn({
  kind: CARD_PURPOSE, label: 'kopieën van inlogkaarten', table: 'pupil_credentials', key: 'pupil_id', column: 'card_token_sealed',
  purpose: () => CARD_PURPOSE,
});

type Scope = { schoolId: number };

export interface IssuedCard {
  pupilId: number;
  token: string;
}

export interface ReprintedCards {
  cards: IssuedCard[];
  /** Pupils with a valid card that was issued before sealed copies were kept: reissue to print. */
  needReissue: number[];
}

export function createPupilCredentialAdmin(deps: { db: Kysely<Database>; clock: Clock; secrets: PupilSecrets; box: SecretBox }) {
  const { db, clock, secrets, box } = deps;

  /** A pupil without a chosen picture gets one by id, so neighbours in a class rarely look alike. */
  const defaultPicture = (pupilId: number) => PICTURES[pupilId % PICTURES.length].id;

  async function requirePupil(scope: Scope, pupilId: number) {
    const pupil = await store.activePupil(db, scope, pupilId);
    if (!pupil) throw new AppError('pupils.not_found');
    return pupil;
  }

  async function change(actor: string, scope: Scope, pupilId: number, action: string, changes: store.CredentialChanges): Promise<void> {
    await requirePupil(scope, pupilId);
    await db.transaction().execute(async (trx) => {
      await store.saveCredential(trx, scope, pupilId, defaultPicture(pupilId), changes);
      await recordAudit(trx, clock, { actor, action, schoolId: scope.schoolId, details: { pupilId } });
    });
  }

  async function issueCards(actor: string, scope: Scope, pupilIds: readonly number[]): Promise<IssuedCard[]> {
    for (const pupilId of pupilIds) await requirePupil(scope, pupilId);
    const at = isoNow(clock);
    const cards = pupilIds.map((pupilId) => ({ pupilId, token: newCardToken() }));
    await db.transaction().execute(async (trx) => {
      for (const card of cards) {
        const current = await store.credentialOf(trx, scope, card.pupilId);
        await store.saveCredential(trx, scope, card.pupilId, defaultPicture(card.pupilId), {
          card_token_hash: secrets.hash('card', null, card.token),
          card_token_sealed: box.seal(card.token, CARD_PURPOSE),
          card_version: (current?.card_version ?? 0) + 1,
          card_issued_at: at,
        });
      }
      await recordAudit(trx, clock, { actor, action: 'pupil.cards.issued', schoolId: scope.schoolId, details: { pupilIds } });
    });
    return cards;
  }

  async function voidCards(actor: string, scope: Scope, pupilIds: readonly number[]): Promise<void> {
    for (const pupilId of pupilIds) await requirePupil(scope, pupilId);
    await db.transaction().execute(async (trx) => {
      for (const pupilId of pupilIds) {
        await store.saveCredential(trx, scope, pupilId, defaultPicture(pupilId), { card_token_hash: null, card_token_sealed: null, card_issued_at: null });
      }
      await recordAudit(trx, clock, { actor, action: 'pupil.cards.voided', schoolId: scope.schoolId, details: { pupilIds } });
    });
  }

  /**
   * The current cards of these pupils, to print again: the same tokens, so cards already handed
   * out keep working. Pupils without a card are left out; a card without a sealed copy (issued
   * before reprinting existed), or whose copy does not match its hash, needs reissuing.
   */
  async function reprintCards(actor: string, scope: Scope, pupilIds: readonly number[]): Promise<ReprintedCards> {
    const result: ReprintedCards = { cards: [], needReissue: [] };
    for (const pupilId of pupilIds) {
      await requirePupil(scope, pupilId);
      const credential = await store.credentialOf(db, scope, pupilId);
      if (!credential?.card_token_hash) continue;
      const token = credential.card_token_sealed ? openCard(credential.card_token_sealed) : null;
      if (token !== null && secrets.matches(credential.card_token_hash, 'card', null, token)) result.cards.push({ pupilId, token });
      else result.needReissue.push(pupilId);
    }
    if (result.cards.length > 0) await recordAudit(db, clock, { actor, action: 'pupil.cards.reprinted', schoolId: scope.schoolId, details: { pupilIds: result.cards.map((c) => c.pupilId) } });
    return result;
  }

  /** A sealed copy that does not open (altered, or sealed under another SECRET_KEY) counts as none. */
  function openCard(sealed: string): string | null {
    try {
      return box.open(sealed, CARD_PURPOSE);
    } catch {
      return null;
    }
  }

  return {
    defaultPicture,
    reprintCards,
    async resetPictureCode(actor: string, scope: Scope, pupilId: number): Promise<string[]> {
      const code = randomPictureCode();
      await change(actor, scope, pupilId, 'pupil.picture_code.reset', { picture_code_hash: secrets.hash('picture', pupilId, code.join('-')), failed_attempts: 0, locked_until: null });
      return code;
    },
    async resetPincode(actor: string, scope: Scope, pupilId: number): Promise<string> {
      const pin = randomPincode();
      await change(actor, scope, pupilId, 'pupil.pincode.reset', { pincode_hash: secrets.hash('pin', pupilId, pin), failed_attempts: 0, locked_until: null });
      return pin;
    },
    async setPicture(actor: string, scope: Scope, pupilId: number, pictureId: string): Promise<void> {
      if (!pictureById(pictureId)) throw new AppError('pupils.invalid_picture');
      await change(actor, scope, pupilId, 'pupil.picture.set', { picture: pictureId });
    },
    unlock: (actor: string, scope: Scope, pupilId: number) => change(actor, scope, pupilId, 'pupil.unlocked', { failed_attempts: 0, locked_until: null }),
    setHomeLogin: (actor: string, scope: Scope, pupilId: number, on: boolean) =>
      change(actor, scope, pupilId, on ? 'pupil.home_login.on' : 'pupil.home_login.off', { home_login: on ? 1 : 0 }),
    issueCards,
    voidCards,

    async setSchoolRanges(actor: string, scope: Scope, text: string): Promise<string[]> {
      const { ranges, invalid } = parseRangeList(text);
      if (invalid.length > 0) throw new AppError('pupils.invalid_ranges', { ranges: invalid.join(', ') });
      const cidrs = ranges.map((r) => r.cidr);
      await store.replaceRanges(db, scope, 'manual', cidrs, isoNow(clock));
      await recordAudit(db, clock, { actor, action: 'school.network.ranges_set', schoolId: scope.schoolId, details: { ranges: cidrs } });
      return cidrs;
    },
    schoolRanges: (scope: Scope) => store.schoolRanges(db, scope),
    ipTokenInfo: (scope: Scope) => store.ipTokenOf(db, scope),

    /** A new IP update token replaces the old one; shown once. */
    async newIpToken(actor: string, scope: Scope): Promise<string> {
      const token = newToken('lpip_');
      await store.saveIpToken(db, scope, secrets.hash('ip-token', scope.schoolId, token), isoNow(clock));
      await recordAudit(db, clock, { actor, action: 'school.network.ip_token_created', schoolId: scope.schoolId });
      return token;
    },

    /** The IP tool: a router or script with the school's token sets the school's current address. */
    async updateDynamicAddress(scope: Scope, token: string, address: string): Promise<string> {
      const stored = await store.ipTokenOf(db, scope);
      if (!stored || !secrets.matches(stored.token_hash, 'ip-token', scope.schoolId, token)) throw new AppError('pupils.ip_token_invalid');
      const normal = normaliseAddress(address);
      if (!normal) throw new AppError('pupils.invalid_address', { address: address.slice(0, 64) });
      const cidr = `${normal}/${normal.includes(':') ? 128 : 32}`;
      const at = isoNow(clock);
      await store.replaceRanges(db, scope, 'dynamic', [cidr], at);
      await store.markIpTokenUsed(db, scope, at);
      await recordAudit(db, clock, { actor: 'ip-tool', action: 'school.network.dynamic_address_set', schoolId: scope.schoolId, details: { cidr } });
      return cidr;
    },
  };
}

export type PupilCredentialAdmin = ReturnType<typeof createPupilCredentialAdmin>;
