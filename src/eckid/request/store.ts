/** SQL of the ECK iD request pipeline; every query is scoped to one school. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { EckidRequestStatus } from '../../db/schema-parts/eckid.js';
import type { EckidRequestProgress, EckidRequestSettings } from './types.js';

type Db = Kysely<Database>;
const CHUNK = 500;

export async function loadSettings(db: Db, schoolId: number): Promise<EckidRequestSettings> {
  const row = await db.selectFrom('eckid_school_settings').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
  return { schoolId, requestsEnabled: row?.requests_enabled === 1, updatedBy: row?.updated_by ?? null, updatedAt: row?.updated_at ?? null };
}

export async function saveSettings(db: Db, schoolId: number, enabled: boolean, actor: string, now: string): Promise<void> {
  await db.insertInto('eckid_school_settings')
    .values({ school_id: schoolId, requests_enabled: enabled ? 1 : 0, updated_by: actor, updated_at: now })
    .onConflict((oc) => oc.column('school_id').doUpdateSet({ requests_enabled: enabled ? 1 : 0, updated_by: actor, updated_at: now }))
    .execute();
}

/**
 * Puts back the ECK iDs Leerpoort obtained that an import just cleared (a file without eckid
 * attributes sets the column to null): they change only through the LAS or a replacement.
 */
export async function restoreObtainedEckids(db: Db, schoolId: number): Promise<number> {
  const result = await db.updateTable('pupils')
    .set((eb) => ({
      eckid: eb.selectFrom('eckid_requests as r').select('r.eckid')
        .whereRef('r.pupil_id', '=', 'pupils.id').where('r.status', '=', 'done').limit(1),
    }))
    .where('school_id', '=', schoolId)
    .where('eckid', 'is', null)
    .where('id', 'in', (eb) => eb.selectFrom('eckid_requests').select('pupil_id')
      .where('school_id', '=', schoolId).where('status', '=', 'done').where('eckid', 'is not', null))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The school's pupils with these LAS keys that have no ECK iD: id by key. */
export async function pupilsWithoutEckid(db: Db, schoolId: number, keys: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db.selectFrom('pupils').select(['id', 'las_key'])
      .where('school_id', '=', schoolId).where('eckid', 'is', null).where('las_key', 'in', keys.slice(i, i + CHUNK)).execute();
    for (const row of rows) found.set(row.las_key, row.id);
  }
  return found;
}

export async function requestsForPupils(db: Db, schoolId: number, pupilIds: number[]) {
  const rows: Array<{ id: number; pupil_id: number; status: EckidRequestStatus; queued_at: string | null }> = [];
  for (let i = 0; i < pupilIds.length; i += CHUNK) {
    rows.push(...await db.selectFrom('eckid_requests').select(['id', 'pupil_id', 'status', 'queued_at'])
      .where('school_id', '=', schoolId).where('pupil_id', 'in', pupilIds.slice(i, i + CHUNK)).execute());
  }
  return new Map(rows.map((row) => [row.pupil_id, row]));
}

export interface NewPgn {
  pupilId: number;
  kind: 'bsn' | 'onderwijsnummer';
  sealedPgn: string;
}

export async function insertRequests(db: Db, schoolId: number, items: NewPgn[], now: string): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    await db.insertInto('eckid_requests').values(items.slice(i, i + CHUNK).map((item) => ({
      school_id: schoolId, pupil_id: item.pupilId, status: 'waiting' as const, pgn_kind: item.kind, sealed_pgn: item.sealedPgn,
      sealed_hpgn: null, eckid: null, error_code: null, next_attempt_at: null, queued_at: null, created_at: now, updated_at: now, done_at: null,
    }))).execute();
  }
}

/** A new number for a request that has not hashed yet, failed, or was skipped: it starts over. */
export async function restartRequest(db: Db, schoolId: number, requestId: number, item: NewPgn, now: string, keepQueued: boolean): Promise<void> {
  await db.updateTable('eckid_requests')
    .set({ status: 'waiting', pgn_kind: item.kind, sealed_pgn: item.sealedPgn, sealed_hpgn: null, error_code: null, next_attempt_at: null, updated_at: now, done_at: null,
      ...(keepQueued ? {} : { queued_at: null }) })
    .where('id', '=', requestId).where('school_id', '=', schoolId).execute();
}

/** Waiting requests no job was queued for yet (the outbox), oldest first. */
export async function unqueuedRequests(db: Db, limit: number) {
  return db.selectFrom('eckid_requests').select(['id', 'school_id']).where('status', '=', 'waiting').where('queued_at', 'is', null)
    .orderBy('id').limit(limit).execute();
}

export async function markQueued(db: Db, schoolId: number, requestId: number, now: string): Promise<void> {
  await db.updateTable('eckid_requests').set({ queued_at: now }).where('id', '=', requestId).where('school_id', '=', schoolId).where('queued_at', 'is', null).execute();
}

export async function requestById(db: Db, schoolId: number, requestId: number) {
  return db.selectFrom('eckid_requests as r').innerJoin('pupils as p', 'p.id', 'r.pupil_id')
    .select(['r.id', 'r.pupil_id', 'r.status', 'r.pgn_kind', 'r.sealed_pgn', 'r.sealed_hpgn', 'p.eckid as pupil_eckid'])
    .where('r.id', '=', requestId).where('r.school_id', '=', schoolId).where('p.school_id', '=', schoolId).executeTakeFirst();
}

/** The hPGN is known: the number itself is erased in the same statement. */
export async function storeHpgn(db: Db, schoolId: number, requestId: number, sealedHpgn: string, now: string): Promise<void> {
  await db.updateTable('eckid_requests').set({ sealed_hpgn: sealedHpgn, sealed_pgn: null, updated_at: now })
    .where('id', '=', requestId).where('school_id', '=', schoolId).execute();
}

export async function finishRequest(db: Db, schoolId: number, requestId: number,
  outcome: { status: 'done'; eckid: string } | { status: 'skipped' } | { status: 'failed'; errorCode: string }, now: string): Promise<void> {
  await db.updateTable('eckid_requests').set({
    status: outcome.status,
    eckid: outcome.status === 'done' ? outcome.eckid : null,
    error_code: outcome.status === 'failed' ? outcome.errorCode : null,
    sealed_pgn: null,
    sealed_hpgn: null,
    next_attempt_at: null,
    updated_at: now,
    done_at: now,
  }).where('id', '=', requestId).where('school_id', '=', schoolId).where('status', '=', 'waiting').execute();
}

export async function noteNextAttempt(db: Db, schoolId: number, requestId: number, at: string, errorCode: string, now: string): Promise<void> {
  await db.updateTable('eckid_requests').set({ next_attempt_at: at, error_code: errorCode, updated_at: now })
    .where('id', '=', requestId).where('school_id', '=', schoolId).execute();
}

/** Sets the ECK iD on the pupil (like one from the LAS), unless the LAS delivered one meanwhile. */
export async function setPupilEckid(db: Db, schoolId: number, pupilId: number, eckid: string, now: string): Promise<boolean> {
  const result = await db.updateTable('pupils').set({ eckid, updated_at: now })
    .where('id', '=', pupilId).where('school_id', '=', schoolId).where('eckid', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function progressOf(db: Db, schoolId: number): Promise<EckidRequestProgress> {
  const rows = await db.selectFrom('eckid_requests').select((eb) => ['status', 'error_code', eb.fn.countAll<number>().as('n')])
    .where('school_id', '=', schoolId).groupBy(['status', 'error_code']).execute();
  const progress: EckidRequestProgress = { schoolId, total: 0, done: 0, skipped: 0, waiting: 0, failed: 0, failures: {} };
  for (const row of rows) {
    const n = Number(row.n);
    progress.total += n;
    progress[row.status] += n;
    if (row.status === 'failed') progress.failures[row.error_code ?? 'onbekend'] = (progress.failures[row.error_code ?? 'onbekend'] ?? 0) + n;
  }
  return progress;
}
