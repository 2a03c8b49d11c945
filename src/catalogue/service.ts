/** The catalogue capability: publishers, products, licences, tiles and shortcut targets. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { createPublisherUseCases } from './publishers.js';

export function createCatalogueService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { publishers, products } = createPublisherUseCases(deps);
  return { publishers, products };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
