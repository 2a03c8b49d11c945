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
