/**
 * Use cases for publishers (uitgeverijen) and their products. The operator adds them (CLI and
 * operator pages share these functions); launches, tiles and SSO look them up.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation, type Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError } from '../lib/errors.js';
import { isoNow, type Clock } from '../lib/clock.js';
import * as store from './store.js';
import type { AddProductInput, AddPublisherInput, Product, Publisher } from './types.js';
import { normaliseCode, normaliseIconUrl, normaliseName, normaliseProtocol, normaliseSlug, normaliseTags, normaliseUrl } from './validation.js';

export function createPublisherUseCases(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  const publishers = {
    async add(actorId: string, input: AddPublisherInput): Promise<Publisher> {
      const slug = normaliseSlug(input.slug);
      const name = normaliseName(input.name);
      try {
        return await db.transaction().execute(async (trx) => {
          if (await store.publisherBy(trx, { slug })) throw new AppError('catalogue.publisher_exists', { slug });
          const publisher = await store.insertPublisher(trx, { slug, name, createdAt: isoNow(clock) });
          await recordAudit(trx, clock, { actor: actorId, action: 'publisher.created', details: { publisherId: publisher.id, slug, name } });
          return publisher;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('catalogue.publisher_exists', { slug });
        throw error;
      }
    },
    bySlug: (slug: string) => store.publisherBy(db, { slug: slug.trim().toLowerCase() }),
    byId: (id: number) => store.publisherBy(db, { id }),
    list: () => store.listPublishers(db),
  };

  const products = {
    async add(actorId: string, input: AddProductInput): Promise<Product> {
      const publisherSlug = input.publisherSlug.trim().toLowerCase();
      const code = normaliseCode(input.code);
      const name = normaliseName(input.name);
      const launchUrl = normaliseUrl(input.launchUrl);
      const iconUrl = input.iconUrl?.trim() ? normaliseIconUrl(input.iconUrl) : null;
      const tags = normaliseTags(input.tags);
      const protocol = normaliseProtocol(input.protocol);
      const samlEntityId = input.samlEntityId?.trim() || null;
      if (protocol === 'saml' && !samlEntityId) throw new AppError('catalogue.saml_entity_id_required', {});
      try {
        return await db.transaction().execute(async (trx) => {
          const publisher = await store.publisherBy(trx, { slug: publisherSlug });
          if (!publisher) throw new AppError('catalogue.publisher_not_found', { publisher: input.publisherSlug });
          if (await store.productByCode(trx, publisher.id, code)) throw new AppError('catalogue.product_exists', { publisher: publisher.slug, code });
          const product = await store.insertProduct(trx, {
            publisherId: publisher.id, code, name, iconUrl, launchUrl, tags, protocol,
            samlEntityId: protocol === 'saml' ? samlEntityId : null, createdAt: isoNow(clock),
          });
          await recordAudit(trx, clock, { actor: actorId, action: 'product.created', details: { productId: product.id, publisher: publisher.slug, code, name, protocol } });
          return product;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('catalogue.product_exists', { publisher: publisherSlug, code });
        throw error;
      }
    },
    byId: (id: number) => store.productById(db, id),
    list: (filter: { publisherId?: number } = {}) => store.listProducts(db, filter),
  };

  return { publishers, products };
}
