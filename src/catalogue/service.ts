/** The catalogue capability: publishers, products, licences, tiles and shortcut targets. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { createPublisherUseCases } from './publishers.js';
import { createLicenceUseCases } from './licences.js';
import { createTileUseCases } from './tiles.js';
import { createShortcutUseCases } from './shortcuts.js';

export function createCatalogueService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { publishers, products } = createPublisherUseCases(deps);
  const { tilesFor, isLicensed } = createTileUseCases(deps);
  return { publishers, products, licences: createLicenceUseCases(deps), shortcuts: createShortcutUseCases(deps), tilesFor, isLicensed };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
