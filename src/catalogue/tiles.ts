/**
 * What a person may launch: the tiles of "Mijn lesmateriaal" and the licence check a launch
 * makes. Pupils never get teacher or test applications (tagged leerkrachtApplicatie or
 * toetsApplicatie), even when the whole school holds a licence for them; staff do.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { holderFacts } from './holders.js';
import { licensedProductIds, tileRows } from './licence-store.js';
import { schoolYearAt } from './school-year.js';
import type { LicencePerson, ProductTag, Tile } from './types.js';

export function launchPath(productId: number, schoolId: number): string {
  return `/starten/${productId}?school=${schoolId}`;
}

export function createTileUseCases(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  async function tilesOf(person: LicencePerson, productId?: number): Promise<Tile[]> {
    const now = clock.now();
    const facts = await holderFacts(db, person, now.toISOString());
    if (!facts) return [];
    const ids = await licensedProductIds(db, facts, schoolYearAt(now), productId);
    const rows = await tileRows(db, ids);
    const tiles = rows.map((row) => ({
      productId: Number(row.id),
      name: row.name,
      iconUrl: row.icon_url,
      publisherName: row.publisher_name,
      tags: JSON.parse(row.tags) as ProductTag[],
      schoolId: person.schoolId,
      launchPath: launchPath(Number(row.id), person.schoolId),
    }));
    return person.kind === 'pupil' ? tiles.filter((tile) => tile.tags.length === 0) : tiles;
  }

  return {
    tilesFor: (person: LicencePerson) => tilesOf(person),
    async isLicensed(person: LicencePerson, productId: number): Promise<boolean> {
      return (await tilesOf(person, productId)).length > 0;
    },
  };
}

