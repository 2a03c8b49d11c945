export { createOrganisationService, type OrganisationService, type AddBoardInput, type AddSchoolInput } from './service.js';
export type { Board, School } from './store.js';
export { parseSchoolCode, normaliseBrin, normaliseLocationCode, BRIN_PATTERN } from './validation.js';
