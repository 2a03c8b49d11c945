export { createCatalogueService, type CatalogueService } from './service.js';
export type { Publisher, Product, ProductTag, LicencePerson, Tile, AddPublisherInput, AddProductInput } from './types.js';
export type { LicenceHolder, GrantLicenceInput, LicenceView } from './licences.js';
export { PRODUCT_TAGS } from './validation.js';
export { schoolYearAt, cancellationDeadline, normaliseSchoolYear } from './school-year.js';
export { launchPath } from './tiles.js';
export { parseTarget, targetMatches, type ShortcutTarget } from './shortcuts.js';
