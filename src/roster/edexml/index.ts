/**
 * The EDEXML capability's public face: read an EDEXML 2.0/2.1 file into an EdexRoster, with
 * every problem in plain Dutch. Rules and policies: docs/edexml-import.md.
 */
export { readEdexml, type ReadOptions } from './reader.js';
export { edexmlProblemCodes, type EdexmlProblemCode } from './problems.js';
export type * from './model.js';
