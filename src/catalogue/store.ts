/** SQL of publishers and products. The catalogue is platform-wide: no school scope here. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/index.js';
import type { ProductTable, PublisherTable } from '../db/schema-parts/catalogue.js';
import type { Product, ProductTag, Publisher } from './types.js';

type Db = Kysely<Database>;

export function toPublisher(row: Pick<Selectable<PublisherTable>, 'id' | 'slug' | 'name' | 'sector'>): Publisher {
  return { id: row.id, slug: row.slug, name: row.name, sector: row.sector };
}

export function toProduct(row: Selectable<ProductTable>): Product {
  return {
    id: row.id,
    publisherId: row.publisher_id,
    code: row.code,
    name: row.name,
    iconUrl: row.icon_url,
    launchUrl: row.launch_url,
    tags: JSON.parse(row.tags) as ProductTag[],
    protocol: row.protocol,
    samlEntityId: row.saml_entity_id,
    active: row.active === 1,
  };
}

export async function publisherBy(db: Db, where: { slug: string } | { id: number }): Promise<Publisher | null> {
  let query = db.selectFrom('publishers').select(['id', 'slug', 'name', 'sector']);
  query = 'slug' in where ? query.where('slug', '=', where.slug) : query.where('id', '=', where.id);
  const row = await query.executeTakeFirst();
  return row ? toPublisher(row) : null;
}

export async function listPublishers(db: Db): Promise<Publisher[]> {
  const rows = await db.selectFrom('publishers').select(['id', 'slug', 'name', 'sector']).orderBy('name').orderBy('id').execute();
  return rows.map(toPublisher);
}

export async function insertPublisher(db: Db, values: { slug: string; name: string; createdAt: string }): Promise<Publisher> {
  const row = await db
    .insertInto('publishers')
    .values({ slug: values.slug, name: values.name, sector: values.slug, created_at: values.createdAt })
    .returning(['id', 'slug', 'name', 'sector'])
    .executeTakeFirstOrThrow();
  return toPublisher(row);
}

export async function productById(db: Db, id: number): Promise<Product | null> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProduct(row) : null;
}

export async function productByCode(db: Db, publisherId: number, code: string): Promise<Product | null> {
  const row = await db.selectFrom('products').selectAll().where('publisher_id', '=', publisherId).where('code', '=', code).executeTakeFirst();
  return row ? toProduct(row) : null;
}

export async function listProducts(db: Db, filter: { publisherId?: number } = {}): Promise<Product[]> {
  let query = db.selectFrom('products').selectAll();
  if (filter.publisherId !== undefined) query = query.where('publisher_id', '=', filter.publisherId);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toProduct);
}

export async function insertProduct(
  db: Db,
  values: Omit<Product, 'id' | 'active'> & { createdAt: string },
): Promise<Product> {
  const row = await db
    .insertInto('products')
    .values({
      publisher_id: values.publisherId,
      code: values.code,
      name: values.name,
      icon_url: values.iconUrl,
      launch_url: values.launchUrl,
      tags: JSON.stringify(values.tags),
      protocol: values.protocol,
      saml_entity_id: values.samlEntityId,
      active: 1,
      created_at: values.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProduct(row);
}
