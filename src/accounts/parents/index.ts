/** Home login for parents: own account by e-mail, linked children, opening a child's tiles. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import type { Mailer } from '../../mail/index.js';
import type { PupilLogin } from '../pupils/login.js';
import type { StaffThrottleLimits } from '../staff/throttle.js';
import { createParentChildrenService } from './children.js';
import { createParentSignInService } from './sign-in.js';
import { createParentStatusService } from './account-status.js';
import type { SessionService } from '../sessions.js';

export { PARENT_ACTIVATION_PATH, PARENT_RESET_PATH, type ParentSignInService, type ParentSubject } from './sign-in.js';
export type { ParentChildrenService } from './children.js';
export type { LinkedChild } from './store.js';
export type { ParentStatusService } from './account-status.js';

export function createParentAccountService(deps: { db: Kysely<Database>; clock: Clock; mailer: Pick<Mailer, 'send'>; publicUrl: string; throttle: StaffThrottleLimits; pupilLogin: PupilLogin;
  /** Ends a switched-off parent's sessions. */
  sessions: Pick<SessionService, 'endAllFor'>;
}) {
  return {
    signIn: createParentSignInService(deps),
    children: createParentChildrenService(deps),
    status: createParentStatusService(deps),
  };
}

export type ParentAccountService = ReturnType<typeof createParentAccountService>;
