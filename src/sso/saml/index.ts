export { createSamlService, type SamlService, type PostForm } from './service.js';
export { samlKeySealedColumn } from './keys.js';
export type { ServiceProvider } from './store.js';
export type { SamlCatalogue, SamlPrivacy, SamlDeps } from './deps.js';
export { ATTRIBUTE_NAMES } from './attributes.js';
export { idpUrls } from './entities.js';
