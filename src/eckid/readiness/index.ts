/** The readiness check's public face (re-exported by src/eckid/index.ts). */
export { createEckidReadinessService, pupilName, type BoardReadiness, type EckidReadinessService, type PupilReadiness, type SchoolReadiness } from './service.js';
export { readinessReason, reasonCodes, reasonGroupLabels, type Reason, type ReasonCode } from './rules.js';
export type { BoardEckFacts, PupilEckFacts, SchoolEckFacts } from './facts.js';
