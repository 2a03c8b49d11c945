/**
 * SQL of agreements and consents (the ledger's SQL lives in ledger/). Agreements are scoped by
 * board, consents and receipts by school.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/index.js';
import type { ConsentReceiptTable, ProcessingAgreementTable } from '../db/schema-parts/privacy.js';
import type { SharingProfile } from '../sso/index.js';
import type { Agreement, ConsentReceipt, ReceiptContent } from './types.js';

export function toAgreement(row: Selectable<ProcessingAgreementTable>): Agreement {
  return {
    id: Number(row.id),
    boardId: Number(row.board_id),
    publisherId: Number(row.publisher_id),
    status: row.status,
    profile: row.profile as SharingProfile,
    reference: row.reference,
    signedOn: row.signed_on,
    startedAt: row.started_at,
    startedBy: row.started_by,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
  };
}

export function toReceipt(row: Selectable<ConsentReceiptTable>): ConsentReceipt {
  return {
    id: Number(row.id),
    number: row.number,
    schoolId: Number(row.school_id),
    publisherId: Number(row.publisher_id),
    action: row.action,
    actor: row.actor,
    actorName: row.actor_name,
    at: row.at,
    content: JSON.parse(row.content) as ReceiptContent,
    hash: row.hash,
  };
}

export async function activeAgreement(db: Kysely<Database>, scope: { boardId: number }, publisherId: number): Promise<Agreement | null> {
  const row = await db
    .selectFrom('processing_agreements')
    .selectAll()
    .where('board_id', '=', scope.boardId)
    .where('publisher_id', '=', publisherId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row ? toAgreement(row) : null;
}

export async function agreementById(db: Kysely<Database>, id: number): Promise<Agreement | null> {
  const row = await db.selectFrom('processing_agreements').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAgreement(row) : null;
}

/** Every agreement of a board (active and ended), or of all boards for the operator (scope null). */
export async function listAgreements(db: Kysely<Database>, scope: { boardId: number } | null): Promise<Agreement[]> {
  let q = db.selectFrom('processing_agreements').selectAll();
  if (scope) q = q.where('board_id', '=', scope.boardId);
  const rows = await q.orderBy('board_id').orderBy('publisher_id').orderBy('id', 'desc').execute();
  return rows.map(toAgreement);
}

export async function consentsOfSchool(db: Kysely<Database>, scope: { schoolId: number }) {
  const rows = await db.selectFrom('publisher_consents').selectAll().where('school_id', '=', scope.schoolId).execute();
  return new Map(rows.map((r) => [Number(r.publisher_id), { granted: r.granted === 1, changedAt: r.changed_at, changedBy: r.changed_by }]));
}

export async function schoolForConsent(db: Kysely<Database>, schoolId: number) {
  return db.selectFrom('schools').select(['id', 'board_id', 'brin', 'location_code', 'name']).where('id', '=', schoolId).executeTakeFirst();
}

export async function receiptsOfSchool(db: Kysely<Database>, scope: { schoolId: number }, limit = 500): Promise<ConsentReceipt[]> {
  const rows = await db.selectFrom('consent_receipts').selectAll().where('school_id', '=', scope.schoolId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toReceipt);
}

export async function receiptsOfBoard(db: Kysely<Database>, scope: { boardId: number }, limit = 500): Promise<ConsentReceipt[]> {
  const rows = await db
    .selectFrom('consent_receipts')
    .innerJoin('schools', 'schools.id', 'consent_receipts.school_id')
    .selectAll('consent_receipts')
    .where('schools.board_id', '=', scope.boardId)
    .orderBy('consent_receipts.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toReceipt);
}

export async function receiptByNumber(db: Kysely<Database>, scope: { schoolId: number }, number: string): Promise<ConsentReceipt | null> {
  const row = await db.selectFrom('consent_receipts').selectAll().where('school_id', '=', scope.schoolId).where('number', '=', number).executeTakeFirst();
  return row ? toReceipt(row) : null;
}
