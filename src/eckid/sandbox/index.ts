/** Public face of the sandbox Nummervoorziening (demos and tests; never production data). */
export { startSandbox, type RunningSandbox, type SandboxOptions, type SandboxTls, type SeenRequest } from './server.js';
export { createSandboxPseudonyms, DEFAULT_SANDBOX_KEY, SANDBOX_CHAINS, SANDBOX_SECTORS, STAMPSEUDONYM_PATTERN } from './pseudonyms.js';
export { generateWsdl } from './wsdl.js';
