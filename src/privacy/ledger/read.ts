/**
 * Reading a school's or board's part of the ledger, for its page and its CSV export. Every query
 * is scoped by the school or the board. The school's own view names its pupils and staff; the
 * board's view shows only the kind of person and the school. Neither ever holds an ECK iD or an
 * attribute value: the ledger does not store them.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DisclosureLedgerTable } from '../../db/schema-parts/privacy.js';
import type { Database } from '../../db/index.js';
import type { ReleasedAttribute } from '../../sso/index.js';
import type { LedgerEntry, LedgerQuery, LedgerScope } from '../types.js';

export interface LedgerPage {
  entries: LedgerEntry[];
  /** Continue after this position for the next page (exports), or null at the end. */
  nextAfterSeq: number | null;
}

function toEntry(row: Selectable<DisclosureLedgerTable>): LedgerEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    schoolId: Number(row.school_id),
    boardId: Number(row.board_id),
    publisherId: Number(row.publisher_id),
    subjectKind: row.subject_kind,
    subjectId: Number(row.subject_id),
    attributes: JSON.parse(row.attributes) as ReleasedAttribute[],
    channel: row.channel,
    recipient: row.recipient,
    agreementId: Number(row.agreement_id),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** ISO bounds for the `at` column from inclusive YYYY-MM-DD dates. */
function bounds(query: LedgerQuery): { from: string | null; before: string | null } {
  const next = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  return { from: query.from ? `${query.from}T00:00:00.000Z` : null, before: query.to ? next(query.to) : null };
}

/**
 * Newest first for the page (`order: 'desc'`), oldest first for exports (`'asc'`, continuing
 * after `afterSeq`), both on the (school|board, seq) index.
 */
export async function readLedger(
  db: Kysely<Database>,
  scope: LedgerScope,
  query: LedgerQuery & { order: 'asc' | 'desc'; afterSeq?: number },
): Promise<LedgerPage> {
  const limit = Math.min(Math.max(query.limit ?? 200, 1), 5000);
  const { from, before } = bounds(query);
  let q = db.selectFrom('disclosure_ledger').selectAll();
  q = 'schoolId' in scope ? q.where('school_id', '=', scope.schoolId) : q.where('board_id', '=', scope.boardId);
  if (from) q = q.where('at', '>=', from);
  if (before) q = q.where('at', '<', before);
  if (query.afterSeq !== undefined) q = q.where('seq', '>', query.afterSeq);
  const rows = await q.orderBy('seq', query.order).limit(limit).execute();
  const entries = rows.map(toEntry);
  return { entries, nextAfterSeq: rows.length === limit ? entries[entries.length - 1].seq : null };
}

/** Display names of the school's own pupils and staff accounts named in `entries`. */
export async function subjectNames(db: Kysely<Database>, scope: { schoolId: number }, entries: LedgerEntry[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const pupilIds = [...new Set(entries.filter((e) => e.subjectKind === 'pupil').map((e) => e.subjectId))];
  const staffIds = [...new Set(entries.filter((e) => e.subjectKind === 'staff').map((e) => e.subjectId))];
  if (pupilIds.length > 0) {
    const pupils = await db
      .selectFrom('pupils')
      .select(['id', 'nickname', 'first_names', 'prefix', 'last_name'])
      .where('school_id', '=', scope.schoolId)
      .where('id', 'in', pupilIds)
      .execute();
    for (const p of pupils) {
      // As the school's own group overview writes a pupil's name.
      names.set(`pupil:${p.id}`, [p.nickname || p.first_names, p.prefix, p.last_name].filter(Boolean).join(' '));
    }
  }
  if (staffIds.length > 0) {
    const staff = await db.selectFrom('staff_accounts').select(['id', 'display_name']).where('id', 'in', staffIds).execute();
    for (const s of staff) names.set(`staff:${s.id}`, s.display_name);
  }
  return names;
}

/** Agreement references by id, for "under which agreement". */
export async function agreementReferences(db: Kysely<Database>, ids: number[]): Promise<Map<number, string | null>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('processing_agreements').select(['id', 'reference']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [Number(r.id), r.reference]));
}
