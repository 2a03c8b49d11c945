/**
 * The school's consent per publisher ("Uitgeverijen"): the ICT-coördinator ticks which
 * publishers may receive data about the school's pupils and staff. Every change writes a
 * receipt (ontvangstbewijs) in the same transaction: number, who, what, when, the agreement in
 * force at that moment, and a SHA-256 over that content, which the school can download.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation, type Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { isoNow, type Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { sha256Hex } from './ledger/chain.js';
import * as store from './store.js';
import type { ConsentReceipt, ConsentRow, PrivacyActor, PublisherDirectory, ReceiptContent } from './types.js';
import type { GateChangeListener } from './gate-changes.js';

/** "OB-000042": ontvangstbewijs and the receipt's id, so numbers are unique and ordered. */
export function receiptNumber(id: number): string {
  return `OB-${String(id).padStart(6, '0')}`;
}

export function createConsents(deps: { db: Kysely<Database>; clock: Clock; publishers: PublisherDirectory; gateChanged: GateChangeListener }) {
  const { db, clock, publishers, gateChanged } = deps;

  async function schoolOf(schoolId: number) {
    const school = await store.schoolForConsent(db, schoolId);
    if (!school) throw new AppError('not_found');
    return school;
  }

  /** Every publisher with the board's agreement (if any) and the school's choice. */
  async function overview(scope: { schoolId: number }): Promise<ConsentRow[]> {
    const school = await schoolOf(scope.schoolId);
    const [all, agreements, consents] = await Promise.all([publishers.list(), store.listAgreements(db, { boardId: Number(school.board_id) }), store.consentsOfSchool(db, scope)]);
    return all.map((publisher) => {
      const agreement = agreements.find((a) => a.publisherId === publisher.id && a.status === 'active') ?? null;
      const consent = consents.get(publisher.id);
      return {
        publisher,
        agreement: agreement ? { id: agreement.id, profile: agreement.profile, reference: agreement.reference } : null,
        granted: consent?.granted ?? false,
        changedAt: consent?.changedAt ?? null,
        changedBy: consent?.changedBy ?? null,
      };
    });
  }

  /**
   * Sets consent for one publisher; returns the receipt, or null when nothing changed (no
   * receipt for a tick that was already there).
   */
  async function set(actor: PrivacyActor, scope: { schoolId: number }, input: { publisherId: number; granted: boolean }): Promise<ConsentReceipt | null> {
    let receipt: ConsentReceipt | null;
    try {
      receipt = await change(actor, scope, input);
    } catch (error) {
      // Two people saving the first choice for a publisher at once: the second sees the first's row.
      if (!isUniqueViolation(error)) throw error;
      receipt = await change(actor, scope, input);
    }
    if (receipt) await gateChanged({ schoolIds: [scope.schoolId], publisherId: input.publisherId });
    return receipt;
  }

  async function change(actor: PrivacyActor, scope: { schoolId: number }, input: { publisherId: number; granted: boolean }): Promise<ConsentReceipt | null> {
    const school = await schoolOf(scope.schoolId);
    const publisher = await publishers.byId(input.publisherId);
    if (!publisher) throw new AppError('privacy.publisher_not_found', { publisher: String(input.publisherId) });
    const boardId = Number(school.board_id);
    return db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('publisher_consents')
        .select('granted')
        .where('school_id', '=', scope.schoolId)
        .where('publisher_id', '=', input.publisherId)
        .executeTakeFirst();
      if ((current?.granted === 1) === input.granted) return null;
      const at = isoNow(clock);
      const flag = input.granted ? 1 : 0;
      if (current) {
        await trx.updateTable('publisher_consents').set({ granted: flag, changed_at: at, changed_by: actor.name }).where('school_id', '=', scope.schoolId).where('publisher_id', '=', input.publisherId).execute();
      } else {
        await trx.insertInto('publisher_consents').values({ school_id: scope.schoolId, publisher_id: input.publisherId, granted: flag, changed_at: at, changed_by: actor.name }).execute();
      }
      const agreement = await store.activeAgreement(trx, { boardId }, input.publisherId);
      const action = input.granted ? 'granted' : 'withdrawn';
      // The id decides the number, so the row is written first and completed with its content.
      const inserted = await trx
        .insertInto('consent_receipts')
        .values({ number: `pending-${scope.schoolId}-${input.publisherId}-${at}`, school_id: scope.schoolId, publisher_id: input.publisherId, action, actor: actor.id, actor_name: actor.name, at, content: '', hash: '' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(inserted.id);
      const content: ReceiptContent = {
        type: 'leerpoort-toestemming-v1',
        number: receiptNumber(id),
        school: { id: scope.schoolId, brin: school.brin, locationCode: school.location_code, name: school.name },
        publisher: { id: publisher.id, slug: publisher.slug, name: publisher.name },
        action,
        by: { id: actor.id, name: actor.name },
        at,
        agreement: agreement ? { id: agreement.id, profile: agreement.profile, reference: agreement.reference } : null,
      };
      const text = JSON.stringify(content);
      const hash = sha256Hex(text);
      await trx.updateTable('consent_receipts').set({ number: content.number, content: text, hash }).where('id', '=', id).execute();
      await recordAudit(trx, clock, { actor: actor.id, action: `privacy.consent_${action}`, boardId, schoolId: scope.schoolId, details: { publisherId: publisher.id, receipt: content.number } });
      return { id, number: content.number, schoolId: scope.schoolId, publisherId: publisher.id, action, actor: actor.id, actorName: actor.name, at, content, hash };
    });
  }

  /** The page's form: `granted` is every ticked publisher; one receipt per publisher that changed. */
  async function update(actor: PrivacyActor, scope: { schoolId: number }, granted: number[]): Promise<ConsentReceipt[]> {
    const rows = await overview(scope);
    const ticked = new Set(granted);
    const receipts: ConsentReceipt[] = [];
    for (const row of rows) {
      const want = ticked.has(row.publisher.id);
      if (want === row.granted) continue;
      const receipt = await set(actor, scope, { publisherId: row.publisher.id, granted: want });
      if (receipt) receipts.push(receipt);
    }
    return receipts;
  }

  return {
    overview,
    set,
    update,
    receipts: (scope: { schoolId: number }) => store.receiptsOfSchool(db, scope),
    receiptsOfBoard: (scope: { boardId: number }) => store.receiptsOfBoard(db, scope),
    async receipt(scope: { schoolId: number }, number: string): Promise<ConsentReceipt> {
      const receipt = await store.receiptByNumber(db, scope, number);
      if (!receipt) throw new AppError('privacy.receipt_not_found');
      return receipt;
    },
  };
}

export type Consents = ReturnType<typeof createConsents>;
