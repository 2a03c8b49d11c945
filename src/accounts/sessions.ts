/**
 * Server-side sessions for every kind of user: the platform operator, staff, pupils and
 * parents. The cookie carries a 256-bit random id; the database keeps only its SHA-256 hash,
 * so a copy of the database cannot be used to take over a session, and sessions survive a
 * restart. Sessions on a shared device (a class iPad) get a shorter lifetime. With a Redis
 * URL the sessions live in Redis instead, behind the same interface.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { redisSessionBackend } from './session-redis.js';
import { databaseSessionBackend, type SessionOwnerColumns, type SessionRow } from './session-store.js';

export type SessionSubject =
  | { kind: 'operator'; label: string }
  | { kind: 'staff'; accountId: number; label: string }
  | { kind: 'pupil'; pupilId: number; schoolId: number; label: string }
  | { kind: 'parent'; parentId: number; label: string };

/**
 * Whose sessions `endAllFor` ends: a subject will do, but only the id counts (the operator has
 * none, so her name does), which lets the roster sign out pupils it knows only by id.
 */
export type SessionOwner =
  | { kind: 'operator'; label: string }
  | { kind: 'staff'; accountId: number }
  | { kind: 'pupil'; pupilId: number }
  | { kind: 'parent'; parentId: number };

export interface SessionTtl {
  minutes: number;
  sharedDeviceMinutes: number;
}

export interface LiveSession {
  subject: SessionSubject;
  sharedDevice: boolean;
  expiresAt: string;
}

/** Writing "last seen" on every request would turn each page view into a write; once a minute is enough. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The columns that say whose a session is: the id, or for the operator (who has none) her name. */
function ownerColumns(owner: SessionOwner): SessionOwnerColumns {
  switch (owner.kind) {
    case 'operator':
      return { actorKind: 'operator', actorId: null, actorLabel: owner.label };
    case 'staff':
      return { actorKind: 'staff', actorId: owner.accountId };
    case 'pupil':
      return { actorKind: 'pupil', actorId: owner.pupilId };
    case 'parent':
      return { actorKind: 'parent', actorId: owner.parentId };
  }
}

function subjectColumns(subject: SessionSubject): Pick<SessionRow, 'actorKind' | 'actorLabel' | 'actorId' | 'schoolId'> {
  return { ...ownerColumns(subject), actorLabel: subject.label, schoolId: subject.kind === 'pupil' ? subject.schoolId : null };
}

function subjectOf(row: SessionRow): SessionSubject | null {
  const label = row.actorLabel;
  switch (row.actorKind) {
    case 'operator':
      return { kind: 'operator', label };
    case 'staff':
      return row.actorId === null ? null : { kind: 'staff', accountId: row.actorId, label };
    case 'pupil':
      return row.actorId === null || row.schoolId === null ? null : { kind: 'pupil', pupilId: row.actorId, schoolId: row.schoolId, label };
    case 'parent':
      return row.actorId === null ? null : { kind: 'parent', parentId: row.actorId, label };
  }
}

export function createSessionService(deps: { db: Kysely<Database>; clock: Clock; ttl: SessionTtl; redisUrl?: string | null }) {
  const { clock, ttl } = deps;
  const backend = deps.redisUrl
    ? redisSessionBackend(deps.redisUrl, { longestTtlMinutes: Math.max(ttl.minutes, ttl.sharedDeviceMinutes) })
    : databaseSessionBackend(deps.db);

  /**
   * Opens a new session. The session the browser had before (`replacing`) is ended in the same
   * transaction, so an id planted before sign-in is never promoted (session fixation).
   */
  async function start(
    subject: SessionSubject,
    options: { sharedDevice?: boolean; replacing?: string | null } = {},
  ): Promise<{ sessionId: string; expiresAt: string }> {
    const sharedDevice = options.sharedDevice ?? false;
    const now = clock.now();
    const minutes = sharedDevice ? ttl.sharedDeviceMinutes : ttl.minutes;
    const expiresAt = new Date(now.getTime() + minutes * 60_000).toISOString();
    const sessionId = newToken();
    const row = { ...subjectColumns(subject), idHash: hashToken(sessionId), sharedDevice, lastSeenAt: now.toISOString(), createdAt: now.toISOString(), expiresAt };
    await backend.insert(row, options.replacing ? hashToken(options.replacing) : null, now.toISOString());
    return { sessionId, expiresAt };
  }

  async function lookup(sessionId: string | null | undefined): Promise<LiveSession | null> {
    if (!sessionId) return null;
    const idHash = hashToken(sessionId);
    const now = clock.now();
    const row = await backend.live(idHash, now.toISOString());
    const subject = row && subjectOf(row);
    if (!row || !subject) return null;
    if (!row.lastSeenAt || now.getTime() - Date.parse(row.lastSeenAt) >= LAST_SEEN_RESOLUTION_MS) {
      await backend.touch(idHash, now.toISOString(), row);
    }
    return { subject, sharedDevice: row.sharedDevice, expiresAt: row.expiresAt };
  }

  async function end(sessionId: string | null | undefined): Promise<void> {
    if (sessionId) await backend.remove(hashToken(sessionId));
  }

  /**
   * "Log out everywhere", and cutting a person off (account switched off, pupil gone from the
   * roster): ends every session of this person; returns how many there were.
   */
  async function endAllFor(owner: SessionOwner): Promise<number> {
    return backend.removeAllOf(ownerColumns(owner));
  }

  /** Closes the Redis connection, if any; the database is closed by its owner. */
  async function close(): Promise<void> {
    await backend.close();
  }

  return { start, lookup, end, endAllFor, close, backend: deps.redisUrl ? ('redis' as const) : ('database' as const) };
}

export type SessionService = ReturnType<typeof createSessionService>;
