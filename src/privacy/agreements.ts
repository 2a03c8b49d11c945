/**
 * Processing agreements (verwerkersovereenkomsten) per board × publisher, after the model of the
 * Privacyconvenant: the operator records that the board signed one, with the widest sharing
 * profile it allows. Setting again while one runs changes that one (profile, reference); ending it
 * stops every release to that publisher for the board's schools at the next launch.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { isUniqueViolation } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { isoNow, type Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { isSharingProfile } from '../sso/index.js';
import * as store from './store.js';
import type { Agreement, PrivacyActor, PublisherDirectory } from './types.js';
import type { GateChangeListener } from './gate-changes.js';

export interface SetAgreementInput {
  boardId: number;
  publisherId: number;
  profile: string;
  reference?: string | null;
  /** YYYY-MM-DD, the date on the signed document. */
  signedOn?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string | null | undefined): string | null {
  const date = value?.trim() || null;
  if (date === null) return null;
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new AppError('privacy.invalid_date', { date });
  }
  return date;
}

function validReference(value: string | null | undefined): string | null {
  const reference = value?.trim() || null;
  // eslint-disable-next-line no-control-regex
  if (reference !== null && (reference.length > 200 || /[\u0000-\u001f\u007f]/.test(reference))) throw new AppError('privacy.invalid_reference');
  return reference;
}

export function createAgreements(deps: { db: Kysely<Database>; clock: Clock; publishers: PublisherDirectory; gateChanged: GateChangeListener }) {
  const { db, clock, publishers, gateChanged } = deps;

  /** After a committed change: every school of the board had its gate for this publisher changed. */
  async function boardGateChanged(boardId: number, publisherId: number): Promise<void> {
    const schools = await db.selectFrom('schools').select('id').where('board_id', '=', boardId).execute();
    await gateChanged({ schoolIds: schools.map((school) => Number(school.id)), publisherId });
  }

  async function requirePublisher(publisherId: number) {
    const publisher = await publishers.byId(publisherId);
    if (!publisher) throw new AppError('privacy.publisher_not_found', { publisher: String(publisherId) });
    return publisher;
  }

  async function set(actor: PrivacyActor, input: SetAgreementInput): Promise<Agreement> {
    if (!isSharingProfile(input.profile)) throw new AppError('privacy.invalid_profile', { profile: input.profile });
    const profile = input.profile;
    const reference = validReference(input.reference);
    const signedOn = validDate(input.signedOn);
    await requirePublisher(input.publisherId);
    const board = await db.selectFrom('boards').select('id').where('id', '=', input.boardId).executeTakeFirst();
    if (!board) throw new AppError('not_found');
    const now = isoNow(clock);
    let agreement: Agreement;
    try {
      agreement = await db.transaction().execute(async (trx) => {
        const current = await store.activeAgreement(trx, { boardId: input.boardId }, input.publisherId);
        let id: number;
        if (current) {
          id = current.id;
          await trx
            .updateTable('processing_agreements')
            .set({ profile, reference: reference ?? current.reference, signed_on: signedOn ?? current.signedOn, updated_at: now })
            .where('id', '=', id)
            .where('board_id', '=', input.boardId)
            .execute();
        } else {
          const row = await trx
            .insertInto('processing_agreements')
            .values({ board_id: input.boardId, publisher_id: input.publisherId, status: 'active', profile, reference, signed_on: signedOn, started_at: now, started_by: actor.id, updated_at: now, ended_at: null, ended_by: null })
            .returning('id')
            .executeTakeFirstOrThrow();
          id = Number(row.id);
        }
        await recordAudit(trx, clock, { actor: actor.id, action: current ? 'privacy.agreement_changed' : 'privacy.agreement_started', boardId: input.boardId, details: { agreementId: id, publisherId: input.publisherId, profile, reference } });
        const saved = await trx.selectFrom('processing_agreements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return store.toAgreement(saved);
      });
    } catch (error) {
      // Two operators starting the same agreement at once: the second one changes the first.
      if (isUniqueViolation(error)) return set(actor, input);
      throw error;
    }
    await boardGateChanged(input.boardId, input.publisherId);
    return agreement;
  }

  async function end(actor: PrivacyActor, scope: { boardId: number }, publisherId: number): Promise<Agreement> {
    const publisher = await requirePublisher(publisherId);
    const ended = await db.transaction().execute(async (trx) => {
      const current = await store.activeAgreement(trx, scope, publisherId);
      if (!current) {
        const board = await trx.selectFrom('boards').select('number').where('id', '=', scope.boardId).executeTakeFirst();
        throw new AppError('privacy.agreement_not_found', { board: board?.number ?? String(scope.boardId), publisher: publisher.slug });
      }
      const now = isoNow(clock);
      await trx.updateTable('processing_agreements').set({ status: 'ended', ended_at: now, ended_by: actor.id, updated_at: now }).where('id', '=', current.id).where('board_id', '=', scope.boardId).execute();
      await recordAudit(trx, clock, { actor: actor.id, action: 'privacy.agreement_ended', boardId: scope.boardId, details: { agreementId: current.id, publisherId } });
      return { ...current, status: 'ended' as const, endedAt: now, endedBy: actor.id, updatedAt: now };
    });
    await boardGateChanged(scope.boardId, publisherId);
    return ended;
  }

  return {
    set,
    end,
    /** Every agreement, active and ended; of one board, or of all boards (operator) when scope is null. */
    list: (scope: { boardId: number } | null) => store.listAgreements(db, scope),
    /** The operator's pages address an agreement by id; everyone else goes through a board scope. */
    byId: (id: number) => store.agreementById(db, id),
    active: (scope: { boardId: number }, publisherId: number) => store.activeAgreement(db, scope, publisherId),
  };
}

export type Agreements = ReturnType<typeof createAgreements>;
