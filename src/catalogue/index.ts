export { createCatalogueService, type CatalogueService } from './service.js';
export type { Publisher, Product, ProductTag, LicencePerson, Tile, AddPublisherInput, AddProductInput } from './types.js';
export { PRODUCT_TAGS } from './validation.js';
