/** Staff accounts: members and invitations, sign-in, and optional two-factor codes. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import type { Mailer } from '../../mail/index.js';
import { createStaffMemberService } from './members.js';
import { createStaffSignInService } from './sign-in.js';
import { createTwoFactorService } from './two-factor.js';
import type { StaffThrottleLimits } from './throttle.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { createTotpSecrets } from './totp-secrets.js';
export { totpSealedColumn } from './totp-secrets.js';
import { createStaffStatusService } from './account-status.js';
import { createBoardAdminService } from './board-admins.js';
import type { PublisherSessions } from '../publisher-sessions.js';
import type { SessionService } from '../sessions.js';

export { ACTIVATION_PATH, MANUAL_SCHOOL_ROLES, type InvitationSummary, type ManualSchoolRole, type StaffMemberService } from './members.js';
export { RESET_PATH, type PasswordLoginResult, type StaffSignInService, type StaffSubject } from './sign-in.js';
export { totpAvailableFor, type TwoFactorService } from './two-factor.js';
export { canManageBoard, mayChangeStatus, type StaffStatusService } from './account-status.js';
export type { BoardAdminService } from './board-admins.js';
export { totpCode, verifyTotp, otpauthUri } from './totp.js';
export type { StaffThrottleLimits } from './throttle.js';

/**
 * `secretBox`: seals TOTP secrets under SECRET_KEY; `publishers`: told when a reset or switch-off
 * cuts someone off; `sessions`: a switched-off account's Leerpoort sessions end.
 */
export function createStaffAccountService(deps: {
  db: Kysely<Database>; clock: Clock; mailer: Pick<Mailer, 'send'>; publicUrl: string; throttle: StaffThrottleLimits; secretBox: SecretBox; publishers: PublisherSessions;
  sessions: Pick<SessionService, 'endAllFor'>;
}) {
  const totpSecrets = createTotpSecrets({ box: deps.secretBox, clock: deps.clock });
  const members = createStaffMemberService(deps);
  return {
    members,
    status: createStaffStatusService(deps),
    boardAdmins: createBoardAdminService({ db: deps.db, members }),
    signIn: createStaffSignInService({ ...deps, totpSecrets }),
    twoFactor: createTwoFactorService({ ...deps, totpSecrets }),
  };
}

export type StaffAccountService = ReturnType<typeof createStaffAccountService>;
