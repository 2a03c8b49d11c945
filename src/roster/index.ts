/**
 * The roster capability's public face: EDEXML import (with preview, guard and undo), the
 * import log, the roster overview and LAS push tokens. Other capabilities import only this.
 */
export { createRosterService } from './service.js';
export { createLasTokenService } from './las-tokens.js';
export type { RosterApplied, RosterAppliedHook, RosterDeps } from './apply-and-log.js';
export type * from './types.js';
