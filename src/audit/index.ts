/**
 * The audit log: who did what to which board or school, with details. Every change an
 * operator, school admin or LAS makes writes one entry, in the same transaction as the change.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { isoNow, type Clock } from '../lib/clock.js';

export interface AuditEntry {
  actor: string;
  action: string; // e.g. school.created, roster.import.applied
  boardId?: number | null;
  schoolId?: number | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details'>> {
  id: number;
  at: string;
  details: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database>, clock: Clock, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: isoNow(clock),
      actor: entry.actor,
      action: entry.action,
      board_id: entry.boardId ?? null,
      school_id: entry.schoolId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listSchoolAudit(db: Kysely<Database>, scope: { schoolId: number }, limit = 100): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('school_id', '=', scope.schoolId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    boardId: row.board_id,
    schoolId: row.school_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}
