/**
 * The OpenID Connect capability, composed from explicit dependencies (see compose.ts):
 * clients and signing keys (use cases for the CLI and operator pages), the provider
 * runtime the HTTP edge mounts at /oidc, and the interaction steps.
 */
import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import type { Actor } from '../../accounts/index.js';
import type { Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { createPseudonyms } from '../pseudonyms.js';
import { createAdapterClass, purgeExpiredPayloads } from './adapter.js';
import { createRedisAdapterClass } from './adapter-redis.js';
import { createOidcClients, type PublisherLookup } from './clients.js';
import { createSigningKeys } from './keys.js';
import { createReleaseDecider, type ReleaseDecision } from './release.js';
import { createReleaseCache } from './release-cache.js';
import type { PrivacyGate } from '../privacy-gate.js';
import { createProviderRuntime } from './runtime.js';
import { createInteractionSteps, type SchoolLookup } from './interaction.js';

export interface OidcServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  config: {
    publicUrl: string;
    pseudonymKey: string;
    cookieSecret: string;
    env: string;
    trustProxy: boolean | string;
    sessionTtlMinutes: number;
    /** With Redis, oidc-provider's short-lived state goes there (adapter-redis.ts). */
    redisUrl: string | null;
  };
  /** Seals signing keys and client secrets under SECRET_KEY. */
  secretBox: SecretBox;
  publishers: PublisherLookup;
  privacy: PrivacyGate;
  schools: SchoolLookup;
  /** Counts launches (metrics). */
  onLaunch?: () => void;
}

export function createOidcService(deps: OidcServiceDeps) {
  const { db, clock, config } = deps;
  const box = deps.secretBox;
  const clients = createOidcClients({ db, clock, box, publishers: deps.publishers, allowHttp: config.env !== 'production' });
  const keys = createSigningKeys({ db, clock, box });
  const clientMetadata = (id: string) => clients.metadata(id);
  const redisStore = config.redisUrl ? createRedisAdapterClass(config.redisUrl, clientMetadata) : null;
  // With Redis a launch's decision is kept for its code exchange and userinfo; a gate change ends that (ADR 0018).
  const releaseCache = redisStore ? createReleaseCache<ReleaseDecision>(redisStore.redis) : null;
  if (releaseCache) deps.privacy.onGateChange((change) => releaseCache.gateChanged(change.schoolIds, change.publisherId));
  const decider = createReleaseDecider({ db, clock, pseudonyms: createPseudonyms(config.pseudonymKey), privacy: deps.privacy, cache: releaseCache });
  // One storage for the provider and for the person index read without it (session-end.ts).
  const Adapter = redisStore?.Adapter ?? createAdapterClass(db, clientMetadata);
  const interaction = createInteractionSteps({ decider, schools: deps.schools });
  /** Who is signed in to Leerpoort in the browser of an authorization request (set by the HTTP edge). */
  const signedInBrowsers = new WeakMap<IncomingMessage, Actor>();
  const runtime = createProviderRuntime({
    db,
    keys,
    onStop: () => redisStore?.close(),
    options: {
      issuer: `${config.publicUrl}/oidc`,
      cookieSecret: config.cookieSecret,
      adapter: Adapter,
      decider,
      proxy: config.trustProxy !== false,
      allowPrivateNetworkFetch: config.env !== 'production',
      sessionTtlSeconds: config.sessionTtlMinutes * 60,
      onLaunch: deps.onLaunch,
      decideInRequest: (req, client, params) => interaction.decideWithoutAsking(signedInBrowsers.get(req) ?? null, client, params),
    },
  });
  return {
    issuer: `${config.publicUrl}/oidc`,
    clients,
    keys: {
      ...keys,
      /** Rotation as a use case: the new key signs at once in this process, elsewhere within 30 s. */
      async rotate(actorId: string) {
        const result = await keys.rotate(actorId);
        runtime.invalidate();
        return result;
      },
      async retire(actorId: string, kid: string) {
        await keys.retire(actorId, kid);
        runtime.invalidate();
      },
    },
    runtime,
    /** A person's OIDC sessions and grants, found without building the provider (cheap when there are none). */
    accountIndex: (kind: 'Session' | 'Grant') => new Adapter(kind),
    interaction,
    /** The HTTP edge tells who is signed in to Leerpoort in the browser sending this authorization request. */
    rememberSignedIn(req: IncomingMessage, actor: Actor): void {
      signedInBrowsers.set(req, actor);
    },
    purgeExpired: () => purgeExpiredPayloads(db),
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
