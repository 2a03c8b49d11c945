/** The only place the SQL of login links and sessions lives. Secrets arrive here hashed. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { ActorKind } from './actor.js';

export interface StoredSession {
  actorKind: ActorKind;
  actorLabel: string;
  expiresAt: string;
}

export async function insertLoginLink(
  db: Kysely<Database>,
  link: { tokenHash: string; actorLabel: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('login_links')
    .values({
      token_hash: link.tokenHash,
      actor_kind: 'operator',
      actor_label: link.actorLabel,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Marks an unused, unexpired link as used and returns whom it was for. One conditional
 * UPDATE, so two simultaneous redemptions cannot both succeed on either database.
 */
export async function consumeLoginLink(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<{ actorKind: ActorKind; actorLabel: string } | undefined> {
  const result = await db
    .updateTable('login_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await db
    .selectFrom('login_links')
    .select(['actor_kind', 'actor_label'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirstOrThrow();
  return { actorKind: row.actor_kind, actorLabel: row.actor_label };
}

/** Whether a link can still be used, without using it (for the confirmation page). */
export async function loginLinkUsable(db: Kysely<Database>, tokenHash: string, now: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_links')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSession(
  db: Kysely<Database>,
  session: { idHash: string; actorKind: ActorKind; actorLabel: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      actor_kind: session.actorKind,
      actor_label: session.actorLabel,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function liveSession(db: Kysely<Database>, idHash: string, now: string): Promise<StoredSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['actor_kind', 'actor_label', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && { actorKind: row.actor_kind, actorLabel: row.actor_label, expiresAt: row.expires_at };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Expired sessions and links are useless; dropping them keeps both tables small. */
export async function deleteExpired(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await db.deleteFrom('login_links').where('expires_at', '<=', now).execute();
}
