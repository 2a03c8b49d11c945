/**
 * Holds the running oidc-provider instance. oidc-provider reads its keys once, at
 * construction, so after a key rotation (possibly by `leerpoort keys rotate` in another
 * process) the instance is rebuilt; state lives in the database, so nothing is lost.
 * Expired payload rows are purged on a timer.
 * A process without the HTTP edge (a CLI roster import that deactivates pupils) still gets a
 * provider, to sign back-channel logouts; it serves no pages, so it has none.
 */
import type Provider from 'oidc-provider';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { buildProvider, type ProviderDeps } from './provider.js';
import { purgeExpiredPayloads } from './adapter.js';
import type { SigningKeys } from './keys.js';

/** Pages of a provider that serves no HTTP (see above): rendering one is a bug. */
const noPage = async (): Promise<string> => {
  throw new Error('oidc: no pages in a process without the HTTP edge');
};
const HEADLESS: ProviderDeps['pages'] = { logout: noPage, loggedOut: noPage, error: noPage, unavailable: noPage };

type Handler = ReturnType<Provider['callback']>;

interface Current {
  provider: Provider;
  handler: Handler;
  version: string;
  checkedAt: number;
}

const KEY_CHECK_MS = 30_000;
const PURGE_MS = 10 * 60_000;

export function createProviderRuntime(deps: { db: Kysely<Database>; keys: SigningKeys; options: Omit<ProviderDeps, 'jwks' | 'pages'>; onStop?: () => Promise<void> | void }) {
  let current: Current | null = null;
  let building: Promise<Current> | null = null;
  let pages: ProviderDeps['pages'] | null = null;
  let purgeTimer: NodeJS.Timeout | null = null;

  async function build(): Promise<Current> {
    const jwks = await deps.keys.jwks();
    const provider = buildProvider({ ...deps.options, jwks: { keys: jwks.keys }, pages: pages ?? HEADLESS });
    // Koa composes its middleware on every callback() call: once per provider instance is enough.
    current = { provider, handler: provider.callback(), version: jwks.version, checkedAt: Date.now() };
    return current;
  }

  async function fresh(): Promise<Current> {
    if (current && Date.now() - current.checkedAt < KEY_CHECK_MS) return current;
    if (building) return building;
    building = (async () => {
      try {
        if (current && (await deps.keys.version()) === current.version) {
          current.checkedAt = Date.now();
          return current;
        }
        return await build();
      } finally {
        building = null;
      }
    })();
    return building;
  }

  return {
    /** Called once by the HTTP edge with its page renderers; starts the purge timer. */
    start(renderers: ProviderDeps['pages']): void {
      pages = renderers;
      current = null; // a provider built before, headless, has no pages
      purgeTimer ??= setInterval(() => void purgeExpiredPayloads(deps.db).catch(() => undefined), PURGE_MS).unref();
    },

    async stop(): Promise<void> {
      if (purgeTimer) clearInterval(purgeTimer);
      purgeTimer = null;
      await deps.onStop?.();
    },

    /** The provider to serve this request with; rebuilt when the key set changed. */
    async provider(): Promise<Provider> {
      return (await fresh()).provider;
    },

    /** The provider's Node request handler (what /oidc/* is handed to). */
    async handler(): Promise<Handler> {
      return (await fresh()).handler;
    },

    /** After a rotation in this process: serve with the new key at once. */
    invalidate(): void {
      if (current) current.checkedAt = 0;
    },
  };
}

export type ProviderRuntime = ReturnType<typeof createProviderRuntime>;
