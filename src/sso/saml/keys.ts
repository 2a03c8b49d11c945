/**
 * The IdP's signing key and certificate. Made on first use (RSA 2048, self-signed, SHA-256,
 * valid 5 years: SAML trusts the certificate in the metadata, not a CA chain), the private key
 * sealed with the secret box. Rotation adds a new key that signs from then on; the previous
 * certificate stays in the metadata for ROLLOVER_DAYS so SPs that refresh metadata slowly keep
 * accepting responses.
 */
import { generate } from 'selfsigned';
import type { Kysely } from 'kysely';
import { sealedColumn, type Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';

const PURPOSE = 'saml.idp-signing-key';
const ROLLOVER_DAYS = 30;

/** For `leerpoort secrets reseal`. */
export const samlKeySealedColumn = sealedColumn({
  kind: PURPOSE, label: 'SAML-ondertekeningssleutels', table: 'saml_idp_keys', key: 'id', column: 'private_key_sealed',
  purpose: () => PURPOSE,
});

export interface SigningKey {
  id: number;
  privateKeyPem: string;
  /** Base64 DER, no PEM headers (as metadata and KeyInfo carry it). */
  certificate: string;
  createdAt: string;
}

export interface PublishedCertificate {
  id: number;
  certificate: string;
  active: boolean;
  createdAt: string;
}

export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

export function certificatePem(body: string): string {
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function createSigningKeys(deps: { db: Kysely<Database>; clock: Clock; box: SecretBox; commonName: string }) {
  const { db, clock, box } = deps;
  // Re-read now and then: a rotation by `leerpoort saml rotate-key` in another process is picked up within a minute.
  let cached: SigningKey | null = null;
  let cachedAt = 0;
  let making: Promise<SigningKey> | null = null;

  async function make(): Promise<SigningKey> {
    const now = clock.now();
    const notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600_000);
    const pems = await generate([{ name: 'commonName', value: deps.commonName }], {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - 3600_000),
      notAfterDate: notAfter,
      extensions: [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true }],
    });
    const certificate = certificateBody(pems.cert);
    const row = await db
      .insertInto('saml_idp_keys')
      .values({ private_key_sealed: box.seal(pems.private, PURPOSE), certificate, created_at: now.toISOString(), retired_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, privateKeyPem: pems.private, certificate, createdAt: now.toISOString() };
  }

  async function loadActive(): Promise<SigningKey | null> {
    const row = await db.selectFrom('saml_idp_keys').selectAll().where('retired_at', 'is', null).orderBy('id', 'desc').executeTakeFirst();
    if (!row) return null;
    return { id: row.id, privateKeyPem: box.open(row.private_key_sealed, PURPOSE), certificate: row.certificate, createdAt: row.created_at };
  }

  return {
    /** The key that signs now; made on first use (one maker at a time inside this process). */
    async active(): Promise<SigningKey> {
      if (cached && Date.now() - cachedAt < 60_000) return cached;
      cachedAt = Date.now();
      const found = await loadActive();
      if (found) return (cached = found);
      making ??= make().finally(() => (making = null));
      const made = await making;
      // Two processes may both have made one on first use: the newest wins, for both.
      cached = (await loadActive()) ?? made;
      return cached;
    },
    /** Certificates the metadata lists: the active one and those retired less than ROLLOVER_DAYS ago. */
    async published(): Promise<PublishedCertificate[]> {
      const active = await this.active();
      const since = new Date(clock.now().getTime() - ROLLOVER_DAYS * 24 * 3600_000).toISOString();
      const retired = await db.selectFrom('saml_idp_keys').select(['id', 'certificate', 'created_at']).where('retired_at', '>', since).orderBy('id', 'desc').execute();
      return [
        { id: active.id, certificate: active.certificate, active: true, createdAt: active.createdAt },
        ...retired.map((r) => ({ id: r.id, certificate: r.certificate, active: false, createdAt: r.created_at })),
      ];
    },
    /** Makes a new signing key; the ones before it are retired (still published for a while). */
    async rotate(): Promise<SigningKey> {
      const made = await make();
      await db.updateTable('saml_idp_keys').set({ retired_at: clock.now().toISOString() }).where('retired_at', 'is', null).where('id', '<>', made.id).execute();
      cached = made;
      return made;
    },
    /** Forget the in-process copy (another process may have rotated). */
    forget(): void {
      cached = null;
    },
  };
}

export type SigningKeys = ReturnType<typeof createSigningKeys>;
