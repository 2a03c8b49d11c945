/** The only place the SQL of operator login links lives. Tokens arrive here hashed. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

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
): Promise<{ actorLabel: string } | undefined> {
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
    .select('actor_label')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirstOrThrow();
  return { actorLabel: row.actor_label };
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

/** Expired links are useless; dropping them keeps the table small. */
export async function deleteExpiredLinks(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('login_links').where('expires_at', '<=', now).execute();
}
