/**
 * The demo's catalogue: two publishers with one method each, served by the demo publisher app,
 * each with an OIDC client, a processing agreement with the demo board, the demo schools'
 * consent and a school-wide licence for this school year, so a new user can sign in as a pupil
 * and launch a method. Idempotent: what exists is left alone. Client secrets are shown only once
 * by Leerpoort, so the demo keeps them in a file of its own (data/demo-uitgever-clients.json), never in the repo.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogueService } from '../catalogue/index.js';
import type { PrivacyService } from '../privacy/index.js';
import type { OidcService } from '../sso/index.js';
import type { DemoClient } from './relying-party.js';

/** Where the demo publisher app listens when `npm start` runs (and thus its redirect URIs). */
export const DEMO_PUBLISHER_PORT = 4100;
export const DEMO_PUBLISHER_URL = `http://127.0.0.1:${DEMO_PUBLISHER_PORT}`;

export const DEMO_PUBLISHERS = [
  {
    slug: 'demo-rekenen',
    name: 'Uitgeverij Demo Rekenen',
    product: { code: 'rekenroute', name: 'Rekenroute (demo)', prefix: '/rekenen' },
    profile: 'standard',
    scope: 'openid profile school',
  },
  {
    slug: 'demo-lezen',
    name: 'Uitgeverij Demo Lezen',
    product: { code: 'leesavontuur', name: 'Leesavontuur (demo)', prefix: '/lezen' },
    profile: 'minimal',
    scope: 'openid school',
  },
] as const;

type StoredClients = Record<string, { clientId: string; clientSecret: string; baseUrl: string }>;

async function readClients(file: string): Promise<StoredClients> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as StoredClients;
  } catch {
    return {};
  }
}

/** What seeding uses of Leerpoort's capabilities (composed in compose.ts). */
export interface SeedCapabilities {
  catalogue: CatalogueService;
  privacy: Pick<PrivacyService, 'agreements' | 'consents'>;
  oidcClients: Pick<OidcService['clients'], 'add' | 'list'>;
}

export interface DemoCatalogueSeed {
  clients: DemoClient[];
  /** Products created now, by name. */
  productsCreated: string[];
}

export async function seedDemoCatalogue(deps: {
  capabilities: SeedCapabilities;
  actor: string;
  /** Where the demo keeps its clients' secrets between runs, e.g. data/demo-uitgever-clients.json. */
  stateFile: string;
  boardId: number;
  schoolIds: number[];
  publisherAppUrl?: string;
}): Promise<DemoCatalogueSeed> {
  const { catalogue, privacy, oidcClients } = deps.capabilities;
  const baseUrl = deps.publisherAppUrl ?? DEMO_PUBLISHER_URL;
  const privacyActor = { id: deps.actor, name: 'Demo' };
  const file = deps.stateFile;
  const stored = await readClients(file);
  const existingClients = new Set((await oidcClients.list()).map((c) => c.clientId));
  const result: DemoCatalogueSeed = { clients: [], productsCreated: [] };

  for (const demo of DEMO_PUBLISHERS) {
    const publisher = (await catalogue.publishers.bySlug(demo.slug)) ?? (await catalogue.publishers.add(deps.actor, { slug: demo.slug, name: demo.name }));
    const launchUrl = `${baseUrl}${demo.product.prefix}/start`;
    let product = (await catalogue.products.list({ publisherId: publisher.id })).find((p) => p.code === demo.product.code);
    if (!product) {
      product = await catalogue.products.add(deps.actor, { publisherSlug: demo.slug, code: demo.product.code, name: demo.product.name, launchUrl, protocol: 'oidc' });
      result.productsCreated.push(product.name);
    }
    const overview = await privacy.consents.overview({ schoolId: deps.schoolIds[0] });
    if (!overview.find((row) => row.publisher.id === publisher.id)?.agreement) {
      await privacy.agreements.set(privacyActor, { boardId: deps.boardId, publisherId: publisher.id, profile: demo.profile, reference: `DEMO-${demo.slug}` });
    }
    for (const schoolId of deps.schoolIds) {
      await privacy.consents.set(privacyActor, { schoolId }, { publisherId: publisher.id, granted: true });
      await catalogue.licences.grant(deps.actor, { schoolId, productId: product.id, holder: { kind: 'school' } });
    }
    let client = stored[demo.slug];
    if (!client || client.baseUrl !== baseUrl || !existingClients.has(client.clientId)) {
      const redirectUri = `${baseUrl}${demo.product.prefix}/callback`;
      const added = await oidcClients.add(deps.actor, { publisherSlug: demo.slug, redirectUris: [redirectUri], postLogoutRedirectUris: [`${baseUrl}/`], profile: demo.profile });
      client = { ...added, baseUrl };
      stored[demo.slug] = client;
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
    result.clients.push({ prefix: demo.product.prefix, publisherName: demo.name, methodName: demo.product.name, clientId: client.clientId, clientSecret: client.clientSecret, scope: demo.scope });
  }
  return result;
}
