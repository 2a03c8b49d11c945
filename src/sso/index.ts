export { createPseudonyms, type Pseudonyms } from './pseudonyms.js';
export {
  SHARING_PROFILES,
  attributesOf,
  isSharingProfile,
  narrowerProfile,
  releaseFor,
  type Release,
  type ReleasedAttribute,
  type ReleasePerson,
  type SharingProfile,
} from './profiles.js';
export { loadPupil, loadStaff } from './release-person.js';
export type { ReleaseGateColumns } from './privacy-gate.js';
export { createOidcService, type OidcService } from './oidc/service.js';
export { clientSecretSealedColumn } from './oidc/clients.js';
export { signingKeySealedColumn } from './oidc/keys.js';
export type { OidcClientInfo, AddClientInput } from './oidc/clients.js';
export type { SigningKeyInfo } from './oidc/keys.js';
export { createSamlService, samlKeySealedColumn, type SamlService, type ServiceProvider as SamlServiceProvider } from './saml/index.js';
export { createLauncher, type Launcher } from './launch.js';
export { createSsoLogout, type SsoLogout, type SsoPerson } from './logout.js';
