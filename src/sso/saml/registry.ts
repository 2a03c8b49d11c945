/**
 * The publishers' SAML service providers: registered (or replaced) from their SP metadata for a
 * publisher of the catalogue, with the widest sharing profile they may receive.
 */
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { isSharingProfile } from '../profiles.js';
import type { SamlCatalogue } from './deps.js';
import { parseSpMetadata } from './sp-metadata.js';
import type { SamlStore, ServiceProvider } from './store.js';

export function createSpRegistry(deps: { store: SamlStore; clock: Clock; catalogue: SamlCatalogue }) {
  const { store, clock, catalogue } = deps;
  return {
    /** Registers (or, with `replace`, updates) an SP from its metadata for a publisher. */
    async add(actorId: string, input: { publisherSlug: string; metadataXml: string; profile: string; replace?: boolean }): Promise<ServiceProvider> {
      if (!isSharingProfile(input.profile)) throw new AppError('saml.invalid_profile', { profile: input.profile.slice(0, 40) });
      const publisher = await catalogue.publishers.bySlug(input.publisherSlug);
      if (!publisher) throw new AppError('saml.publisher_not_found', { slug: input.publisherSlug.slice(0, 60) });
      const parsed = parseSpMetadata(input.metadataXml);
      const values = { ...parsed, publisherId: publisher.id, profile: input.profile, metadataXml: input.metadataXml };
      const now = clock.now().toISOString();
      const existing = await store.byEntityId(parsed.entityId);
      if (existing) {
        if (!input.replace || existing.publisherId !== publisher.id) throw new AppError('saml.sp_exists', { entityId: parsed.entityId });
        await store.updateServiceProvider(existing.id, values, now);
        return (await store.byId(existing.id)) as ServiceProvider;
      }
      try {
        return await store.insertServiceProvider(values, actorId, now);
      } catch (error) {
        if (await store.byEntityId(parsed.entityId)) throw new AppError('saml.sp_exists', { entityId: parsed.entityId });
        throw error;
      }
    },
    list: () => store.list(),
    byEntityId: (entityId: string) => store.byEntityId(entityId),
    async remove(entityId: string): Promise<void> {
      const sp = await store.byEntityId(entityId);
      if (!sp) throw new AppError('saml.sp_not_found', { entityId });
      await store.removeServiceProvider(sp.id);
    },
  };
}
