/**
 * Realistic, deterministic EDEXML rosters for tests, the demo and the benchmark: the generator
 * makes one Dutch primary school from a seed, the writer turns any roster into an EDEXML file.
 */
export { generateSchoolRoster, type GeneratedPupil, type GeneratedRoster, type GenerateSchoolOptions } from './school.js';
export { writeEdexml, type WriteEdexmlOptions } from './writer.js';
export { passesElfproef } from './identifiers.js';
