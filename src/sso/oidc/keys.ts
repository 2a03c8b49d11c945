/**
 * Signing keys of the OpenID provider, stored sealed with the secret box (a database copy
 * alone does not reveal them). Rotation is a use case (`leerpoort keys rotate`): the new key
 * signs from then on, the previous one stays in the JWKS ('published') so tokens it signed
 * still verify, until the operator retires it. Running servers notice within a minute
 * (runtime.ts compares the key set).
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { sealedColumn, type Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { isoNow } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { recordAudit } from '../../audit/index.js';
import { AppError } from '../../lib/errors.js';

const PURPOSE = 'oidc.signing-key';
/** RS256 is what every OpenID Connect relying party must accept (OIDC Core §15.1). */
const ALG = 'RS256';

/** For `leerpoort secrets reseal` (retired keys too: they are kept, so they stay readable). */
export const signingKeySealedColumn = sealedColumn({
  kind: PURPOSE, label: 'OIDC-ondertekeningssleutels', table: 'oidc_signing_keys', key: 'id', column: 'private_jwk_sealed',
  purpose: () => PURPOSE,
});

export interface SigningKeyInfo {
  kid: string;
  alg: string;
  status: 'active' | 'published' | 'retired';
  createdAt: string;
  retiredAt: string | null;
}

async function newPrivateJwk(): Promise<JWK & { kid: string }> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, n: jwk.n, e: jwk.e });
  return { ...jwk, kid, alg: ALG, use: 'sig' };
}

export function createSigningKeys(deps: { db: Kysely<Database>; clock: Clock; box: SecretBox }) {
  const { db, clock, box } = deps;

  async function insertActive(trx: Kysely<Database>, actorId: string): Promise<string> {
    const jwk = await newPrivateJwk();
    await trx
      .insertInto('oidc_signing_keys')
      .values({ kid: jwk.kid, alg: ALG, private_jwk_sealed: box.seal(JSON.stringify(jwk), PURPOSE), status: 'active', created_at: isoNow(clock), created_by: actorId, retired_at: null })
      .execute();
    return jwk.kid;
  }

  const keys = {
    /**
     * The private JWKS for oidc-provider: the active key first (oidc-provider signs with the
     * first key of an algorithm), then the published ones. Creates the first key when none exists.
     */
    async jwks(): Promise<{ keys: JWK[]; version: string }> {
      let rows = await keys.rows();
      if (!rows.some((r) => r.status === 'active')) {
        await insertActive(db, 'system:first-start');
        rows = await keys.rows();
      }
      const ordered = [...rows.filter((r) => r.status === 'active').sort((a, b) => b.id - a.id), ...rows.filter((r) => r.status === 'published')];
      // Two processes starting at once may both create a key: the newest active one signs.
      return { keys: ordered.map((r) => JSON.parse(box.open(r.private_jwk_sealed, PURPOSE)) as JWK), version: ordered.map((r) => r.kid).join(',') };
    },

    /** A cheap fingerprint of the key set, so a running server sees a rotation made by the CLI. */
    async version(): Promise<string> {
      const rows = await db.selectFrom('oidc_signing_keys').select(['id', 'kid', 'status']).where('status', '!=', 'retired').execute();
      const active = rows.filter((r) => r.status === 'active').sort((a, b) => b.id - a.id);
      return [...active, ...rows.filter((r) => r.status === 'published')].map((r) => r.kid).join(',');
    },

    rows: () => db.selectFrom('oidc_signing_keys').selectAll().where('status', '!=', 'retired').orderBy('id').execute(),

    async list(): Promise<SigningKeyInfo[]> {
      const rows = await db.selectFrom('oidc_signing_keys').selectAll().orderBy('id').execute();
      return rows.map((r) => ({ kid: r.kid, alg: r.alg, status: r.status, createdAt: r.created_at, retiredAt: r.retired_at }));
    },

    /** A new key signs from now on; the previous active key keeps verifying (stays in the JWKS). */
    async rotate(actorId: string): Promise<{ kid: string; previous: string[] }> {
      return db.transaction().execute(async (trx) => {
        const previous = await trx.selectFrom('oidc_signing_keys').select('kid').where('status', '=', 'active').execute();
        await trx.updateTable('oidc_signing_keys').set({ status: 'published' }).where('status', '=', 'active').execute();
        const kid = await insertActive(trx, actorId);
        await recordAudit(trx, clock, { actor: actorId, action: 'oidc.key_rotated', details: { kid, previous: previous.map((p) => p.kid) } });
        return { kid, previous: previous.map((p) => p.kid) };
      });
    },

    /** Removes a no-longer-signing key from the JWKS; tokens it signed stop verifying. */
    async retire(actorId: string, kid: string): Promise<void> {
      const row = await db.selectFrom('oidc_signing_keys').select(['status']).where('kid', '=', kid).executeTakeFirst();
      if (!row || row.status === 'retired') throw new AppError('sso.key_not_found', { kid });
      if (row.status === 'active') throw new AppError('sso.key_active', { kid });
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('oidc_signing_keys').set({ status: 'retired', retired_at: isoNow(clock) }).where('kid', '=', kid).execute();
        await recordAudit(trx, clock, { actor: actorId, action: 'oidc.key_retired', details: { kid } });
      });
    },
  };
  return keys;
}

export type SigningKeys = ReturnType<typeof createSigningKeys>;
