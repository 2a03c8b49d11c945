/**
 * Checks the whole chain from the first entry: positions without gaps, each entry's prev_hash
 * equal to the hash before it, each hash equal to the one recomputed from the stored content,
 * and the head pointing at the last entry (so removing entries from the end is noticed too).
 * Consent receipts are checked against their own hashes. Reads in pages so memory stays flat.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { VerifyResult } from '../types.js';
import { GENESIS_HASH, entryHash, sha256Hex } from './chain.js';

const PAGE = 5000;

export async function verifyLedger(db: Kysely<Database>): Promise<VerifyResult> {
  // The head first: entries up to it are committed (they commit with the head), and launches
  // recorded while verify runs come after it, so they are neither required nor a false alarm.
  const head = await db.selectFrom('disclosure_ledger_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) return { ok: false, entries: 0, firstBrokenSeq: null, reason: 'de kop van de keten ontbreekt' };
  const headSeq = Number(head.seq);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const broken = (seq: number | null, reason: string): VerifyResult => ({ ok: false, entries, firstBrokenSeq: seq, reason });
  while (expectedSeq <= headSeq) {
    const rows = await db.selectFrom('disclosure_ledger').selectAll().where('seq', '>=', expectedSeq).where('seq', '<=', headSeq).orderBy('seq').limit(PAGE).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken(expectedSeq, `volgnummer ${expectedSeq} ontbreekt (de volgende is ${seq})`);
      if (row.prev_hash !== prevHash) return broken(seq, 'de verwijzing naar de vorige regel klopt niet');
      const recomputed = entryHash(
        {
          seq,
          at: row.at,
          schoolId: Number(row.school_id),
          boardId: Number(row.board_id),
          publisherId: Number(row.publisher_id),
          subjectKind: row.subject_kind,
          subjectId: Number(row.subject_id),
          attributes: row.attributes,
          channel: row.channel,
          recipient: row.recipient,
          agreementId: Number(row.agreement_id),
        },
        prevHash,
      );
      if (recomputed !== row.hash) return broken(seq, 'de inhoud past niet bij de controlewaarde (gewijzigd na vastleggen)');
      prevHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
  }
  if (entries !== headSeq) {
    return broken(entries + 1, `de kop van de keten wijst naar volgnummer ${headSeq}, maar de keten eindigt bij ${entries} (regels aan het eind verwijderd?)`);
  }
  if (head.hash !== prevHash) return broken(headSeq, 'de controlewaarde in de kop van de keten past niet bij de laatste regel');
  const receipts = await verifyReceipts(db);
  if (receipts.broken) return { ok: false, entries, firstBrokenSeq: null, reason: `ontvangstbewijs ${receipts.broken} is gewijzigd`, receiptNumber: receipts.broken };
  return { ok: true, entries, headHash: prevHash, receipts: receipts.count };
}

/** Each receipt's hash over its stored content, and the columns people filter on agree with that content. */
async function verifyReceipts(db: Kysely<Database>): Promise<{ count: number; broken: string | null }> {
  let count = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db.selectFrom('consent_receipts').selectAll().where('id', '>', afterId).orderBy('id').limit(PAGE).execute();
    for (const row of rows) {
      afterId = Number(row.id);
      count += 1;
      if (sha256Hex(row.content) !== row.hash) return { count, broken: row.number };
      const content = JSON.parse(row.content) as { number: string; school: { id: number }; publisher: { id: number }; action: string; by: { id: string; name: string }; at: string };
      const agrees =
        content.number === row.number &&
        content.school.id === Number(row.school_id) &&
        content.publisher.id === Number(row.publisher_id) &&
        content.action === row.action &&
        content.by.id === row.actor &&
        content.by.name === row.actor_name &&
        content.at === row.at;
      if (!agrees) return { count, broken: row.number };
    }
    if (rows.length < PAGE) return { count, broken: null };
  }
}
