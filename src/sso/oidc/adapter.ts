/**
 * oidc-provider's storage adapter on the project's database: one payload table for every
 * model (sessions, interactions, grants, codes, tokens), on SQLite and PostgreSQL alike.
 * Clients are not payloads: they are read from `oidc_clients` (see clients.ts), so the
 * operator manages them with the rest of Leerpoort.
 *
 * Expiry uses the real clock, as oidc-provider itself does (its token `exp` values are
 * epoch seconds of Date.now()); a test clock cannot move it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { compiledOnce } from '../../db/compiled-once.js';
import { accountKeyOf } from './account-index.js';
import { writeBatch } from '../../db/write-batch.js';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string };

/** What the Client model reads instead of a payload row. */
export type ClientMetadataLookup = (clientId: string) => Promise<Record<string, unknown> | undefined>;

const nowIso = () => new Date().toISOString();

/**
 * Models revoked together with their grant (as oidc-provider's reference adapters do). An
 * Interaction or Session also carries a grantId but must survive the grant's revocation: the
 * logout that precedes an account switch revokes the old grant while the interaction goes on.
 */
export const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'Grant']);

/** The statements of every launch, compiled once (db/compiled-once.ts). */
function launchStatements(db: Kysely<Database>) {
  type Row = { kind: string; id: string; consumed_at: string | null; payload: string; grant_id: string | null; uid: string | null; user_code: string | null; account_key: string | null; expires_at: string | null };
  const columns = ['kind', 'id', 'consumed_at', 'payload', 'grant_id', 'uid', 'user_code', 'account_key', 'expires_at'] as const;
  const updated = ['payload', 'grant_id', 'uid', 'user_code', 'account_key', 'expires_at'] as const;
  const select = (column: 'id' | 'uid' | 'user_code') =>
    compiledOnce<'kind' | 'value', Database, { payload: string; consumed_at: string | null; expires_at: string | null }>(db, (p) =>
      db.selectFrom('oidc_payloads').select(['payload', 'consumed_at', 'expires_at']).where('kind', '=', p('kind')).where(column, '=', p('value')),
    );
  return {
    upsert: compiledOnce<(typeof columns)[number], Database, never>(db, (p) =>
      db
        .insertInto('oidc_payloads')
        .values(Object.fromEntries(columns.map((c) => [c, p(c)])) as unknown as Row)
        .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(Object.fromEntries(updated.map((c) => [c, p(c)])) as unknown as Partial<Row>)),
    ),
    byColumn: { id: select('id'), uid: select('uid'), user_code: select('user_code') },
    consume: compiledOnce<'now' | 'kind' | 'id', Database, never>(db, (p) =>
      db.updateTable('oidc_payloads').set({ consumed_at: p('now') }).where('kind', '=', p('kind')).where('id', '=', p('id')),
    ),
  };
}

/** Returns the adapter class oidc-provider instantiates once per model name. */
export function createAdapterClass(db: Kysely<Database>, clientMetadata: ClientMetadataLookup) {
  const statements = launchStatements(db);
  const batch = writeBatch(db);
  return class KyselyOidcAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const row = {
        kind: this.kind,
        id,
        consumed_at: null,
        payload: JSON.stringify(payload),
        grant_id: GRANTABLE.has(this.kind) ? (payload.grantId ?? (this.kind === 'Grant' ? id : null)) : null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        account_key: accountKeyOf(this.kind, payload),
        expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
      };
      if (batch) return batch(() => void statements.upsert.now!(row));
      await statements.upsert(row);
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.kind === 'Client') return clientMetadata(id);
      return this.findWhere('id', id);
    }

    findByUid(uid: string): Promise<Payload | undefined> {
      return this.findWhere('uid', uid);
    }

    findByUserCode(userCode: string): Promise<Payload | undefined> {
      return this.findWhere('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      const row = { now: nowIso(), kind: this.kind, id };
      if (batch) return batch(() => void statements.consume.now!(row));
      await statements.consume(row);
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_payloads').where('kind', '=', this.kind).where('id', '=', id).execute();
    }

    /** Replayed code or refresh token, or logout: everything issued under that grant goes. */
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).execute();
    }

    /** Ids of this model's live payloads of one person (account-index.ts), for "Overal uitloggen". */
    async idsOfAccount(accountKey: string): Promise<string[]> {
      const rows = await db
        .selectFrom('oidc_payloads')
        .select('id')
        .where('account_key', '=', accountKey)
        .where('kind', '=', this.kind)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso())]))
        .execute();
      return rows.map((row) => row.id);
    }

    private async findWhere(column: 'id' | 'uid' | 'user_code', value: string): Promise<Payload | undefined> {
      const [row] = (await statements.byColumn[column]({ kind: this.kind, value })).rows;
      if (!row || (row.expires_at !== null && row.expires_at <= nowIso())) return undefined;
      const payload = JSON.parse(row.payload) as Payload;
      // oidc-provider only asks whether `consumed` is set (replay detection).
      return row.consumed_at ? { ...payload, consumed: Math.floor(Date.parse(row.consumed_at) / 1000) } : payload;
    }
  };
}

/** Deletes expired rows; returns how many. Run on a timer by the provider runtime. */
export async function purgeExpiredPayloads(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('oidc_payloads').where('expires_at', '<=', nowIso()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
