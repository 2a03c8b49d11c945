/** The only place the SQL of sessions lives. Session ids arrive here hashed. */
import type { Kysely, Selectable } from 'kysely';
import { writeBatch } from '../db/write-batch.js';
import type { Database, SessionActorKind, SessionTable } from '../db/index.js';
import { compiledOncePerDatabase } from '../db/compiled-once.js';

export interface SessionRow {
  actorKind: SessionActorKind;
  actorLabel: string;
  actorId: number | null;
  schoolId: number | null;
  sharedDevice: boolean;
  lastSeenAt: string | null;
  expiresAt: string;
}

type NewSession = SessionRow & { idHash: string; createdAt: string };

const SESSION_COLUMNS = ['id_hash', 'actor_kind', 'actor_label', 'actor_id', 'school_id', 'shared_device', 'last_seen_at', 'created_at', 'expires_at'] as const;

/**
 * A sign-in's statements, compiled once: every sign-in ends the session it replaces and stores
 * the new one in one transaction (and drops expired sessions now and then).
 */
const insertStatement = compiledOncePerDatabase<(typeof SESSION_COLUMNS)[number], Database, never>((db, p) =>
  db.insertInto('sessions').values(Object.fromEntries(SESSION_COLUMNS.map((column) => [column, p(column)])) as Record<(typeof SESSION_COLUMNS)[number], never>),
);
const removeStatement = compiledOncePerDatabase<'idHash', Database, never>((db, p) => db.deleteFrom('sessions').where('id_hash', '=', p('idHash')));
const expiredStatement = compiledOncePerDatabase<'now', Database, never>((db, p) => db.deleteFrom('sessions').where('expires_at', '<=', p('now')));

function sessionValues(row: NewSession): Record<(typeof SESSION_COLUMNS)[number], unknown> {
  return {
    id_hash: row.idHash,
    actor_kind: row.actorKind,
    actor_label: row.actorLabel,
    actor_id: row.actorId,
    school_id: row.schoolId,
    shared_device: row.sharedDevice ? 1 : 0,
    last_seen_at: row.lastSeenAt,
    created_at: row.createdAt,
    expires_at: row.expiresAt,
  };
}

/** Read on every request of a signed-in person: compiled once (db/compiled-once.ts). */
const liveSessionRow = compiledOncePerDatabase<'idHash' | 'now', Database, Pick<Selectable<SessionTable>, 'actor_kind' | 'actor_label' | 'actor_id' | 'school_id' | 'shared_device' | 'last_seen_at' | 'expires_at'>>((db, p) =>
  db
    .selectFrom('sessions')
    .select(['actor_kind', 'actor_label', 'actor_id', 'school_id', 'shared_device', 'last_seen_at', 'expires_at'])
    .where('id_hash', '=', p('idHash'))
    .where('expires_at', '>', p('now')),
);

export async function liveSession(db: Kysely<Database>, idHash: string, now: string): Promise<SessionRow | undefined> {
  const [row] = (await liveSessionRow(db)({ idHash, now })).rows;
  if (!row) return undefined;
  return {
    actorKind: row.actor_kind,
    actorLabel: row.actor_label,
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    schoolId: row.school_id === null ? null : Number(row.school_id),
    sharedDevice: Number(row.shared_device) === 1,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function touchSession(db: Kysely<Database>, idHash: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await removeStatement(db)({ idHash });
}

/** Whose sessions `removeAllOf` ends: a person by id; the operator has none, so by name. */
export type SessionOwnerColumns = { actorKind: SessionActorKind; actorId: number } | { actorKind: 'operator'; actorId: null; actorLabel: string };

/** Ends every session of one person. */
export async function deleteSessionsOf(db: Kysely<Database>, who: SessionOwnerColumns): Promise<number> {
  let query = db.deleteFrom('sessions').where('actor_kind', '=', who.actorKind);
  query = who.actorId === null ? query.where('actor_id', 'is', null).where('actor_label', '=', who.actorLabel) : query.where('actor_id', '=', who.actorId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Where sessions live: the database (always available) or Redis (when configured). */
export interface SessionBackend {
  /** Stores a new session, ending the one it replaces and (database) dropping expired ones. */
  insert(row: SessionRow & { idHash: string; createdAt: string }, replacingHash: string | null, now: string): Promise<void>;
  live(idHash: string, now: string): Promise<SessionRow | undefined>;
  /** Records "last seen" on a session `live` just returned (`row`). */
  touch(idHash: string, now: string, row: SessionRow): Promise<void>;
  remove(idHash: string): Promise<void>;
  removeAllOf(who: SessionOwnerColumns): Promise<number>;
  close(): Promise<void>;
}

/**
 * Expired sessions are dropped at a sign-in at most this often per process: an expired row is
 * never live (the lookup checks `expires_at`), so tidying once a minute keeps the table as small
 * as tidying at every sign-in did, without a range delete per sign-in.
 */
const TIDY_EVERY_MS = 60_000;

export function databaseSessionBackend(db: Kysely<Database>): SessionBackend {
  let tidiedAt = Number.NEGATIVE_INFINITY;
  const batch = writeBatch(db);
  return {
    async insert(row, replacingHash, now) {
      const tidy = Date.parse(now) - tidiedAt >= TIDY_EVERY_MS;
      if (tidy) tidiedAt = Date.parse(now);
      const [insert, remove, expired] = [insertStatement(db), removeStatement(db), expiredStatement(db)];
      const values = sessionValues(row);
      // On the embedded SQLite synchronous statements in this turn's shared commit
      // (db/write-batch.ts), else Kysely's transaction.
      const inProcess = batch?.(() => {
        if (replacingHash) remove.now!({ idHash: replacingHash });
        // Expired sessions are useless; dropping them keeps the table small.
        if (tidy) expired.now!({ now });
        insert.now!(values);
      });
      if (inProcess) return inProcess;
      await db.transaction().execute(async (trx) => {
        if (replacingHash) await remove({ idHash: replacingHash }, trx);
        if (tidy) await expired({ now }, trx);
        await insert(values, trx);
      });
    },
    live: (idHash, now) => liveSession(db, idHash, now),
    touch: (idHash, now) => touchSession(db, idHash, now),
    remove: (idHash) => deleteSession(db, idHash),
    removeAllOf: (who) => deleteSessionsOf(db, who),
    close: async () => {},
  };
}
