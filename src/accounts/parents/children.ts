/**
 * A parent's children: linking one (school + the child's roepnaam + the child's pincode, so no
 * parent ever browses names), listing, unlinking and opening a child's tiles. The pincode is
 * checked by the pupil login itself, so a wrong pincode counts against the child's lock and the
 * device and IP limits exactly as at school, and HMAC comparison happens in one place.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { PupilLogin, PupilActorInput } from '../pupils/login.js';
import { createStaffThrottle, type StaffThrottleLimits } from '../staff/throttle.js';
import * as store from './store.js';

const NAME_MAX = 60;

export interface LinkAttempt {
  parentId: number;
  schoolId: number;
  firstName: string;
  pincode: string;
  deviceId: string;
  ip: string;
}

/** `throttle`: failed link attempts per parent account and per IP, the staff sign-in limits, on top of the child's own lock. */
export function createParentChildrenService(deps: { db: Kysely<Database>; clock: Clock; pupilLogin: PupilLogin; throttle: StaffThrottleLimits }) {
  const { db, clock, pupilLogin } = deps;
  const throttle = createStaffThrottle({ db, clock, limits: deps.throttle });
  const keys = (parentId: number, ip: string) => ({ account: `parent-link:${parentId}`, ip: `parent-link-ip:${ip}` });

  async function activeSchool(schoolId: number) {
    const school = await db.selectFrom('schools').select(['id', 'name', 'active']).where('id', '=', schoolId).executeTakeFirst();
    if (!school || Number(school.active) !== 1) throw new AppError('organisations.school_not_found');
    return school;
  }

  /**
   * Links the child whose roepnaam and pincode match. Only children with home login on are
   * tried; when the name matches only children with it off, the refusal says the school can
   * switch it on. Every failure counts per parent and per IP, and wrong pincodes per child.
   */
  async function link(attempt: LinkAttempt): Promise<{ pupilId: number; name: string }> {
    const school = await activeSchool(attempt.schoolId);
    const firstName = attempt.firstName.trim().replace(/\s+/g, ' ');
    if (!firstName || firstName.length > NAME_MAX) throw new AppError('parents.child_name_missing');
    if (!/^\d{4,6}$/.test(attempt.pincode.trim())) throw new AppError('parents.child_not_found');
    const k = keys(attempt.parentId, attempt.ip);
    if (await throttle.blocked(k)) throw new AppError('staff.throttled');
    const scope = { schoolId: school.id };
    const named = await store.pupilsNamed(db, scope, firstName);
    const credentials = named.length === 0 ? [] : await db.selectFrom('pupil_credentials').select(['pupil_id', 'home_login']).where('school_id', '=', school.id).where('pupil_id', 'in', named).execute();
    const homeOn = credentials.filter((c) => Number(c.home_login) === 1).map((c) => Number(c.pupil_id));
    let locked = false;
    let matched: PupilActorInput | null = null;
    for (const pupilId of homeOn) {
      const outcome = await pupilLogin.loginWithCode({ schoolId: school.id, pupilId, deviceId: attempt.deviceId, ip: attempt.ip, method: 'pin', value: attempt.pincode.trim() });
      if (outcome.result === 'ok') {
        matched = outcome.actor;
        break;
      }
      if (outcome.result === 'locked' || outcome.result === 'device_blocked' || outcome.result === 'ip_blocked') locked = true;
    }
    if (!matched) {
      await throttle.recordFailure(k);
      if (locked) throw new AppError('parents.child_locked');
      if (homeOn.length === 0 && named.length > 0) throw new AppError('parents.home_login_off');
      throw new AppError('parents.child_not_found');
    }
    await db.transaction().execute(async (trx) => {
      await store.linkChild(trx, { parentId: attempt.parentId, pupilId: matched.pupilId, schoolId: school.id, linkedAt: clock.now().toISOString() });
      await recordAudit(trx, clock, { actor: `parent:${attempt.parentId}`, action: 'parent.child_linked', schoolId: school.id, details: { pupilId: matched.pupilId } });
    });
    const linked = (await store.childrenOf(db, attempt.parentId)).find((c) => c.pupilId === matched.pupilId);
    return { pupilId: matched.pupilId, name: linked?.name ?? matched.label };
  }

  async function unlink(parentId: number, pupilId: number): Promise<void> {
    const child = (await store.childrenOf(db, parentId)).find((c) => c.pupilId === pupilId);
    if (!child) throw new AppError('parents.child_not_linked');
    await db.transaction().execute(async (trx) => {
      await store.unlinkChild(trx, parentId, pupilId);
      await recordAudit(trx, clock, { actor: `parent:${parentId}`, action: 'parent.child_unlinked', schoolId: child.schoolId, details: { pupilId } });
    });
  }

  /**
   * The pupil session to start when the parent opens a child's tiles. Checked now, not at
   * linking: a child whose home login the school switched off, who left, or whose school is
   * inactive cannot be opened.
   */
  async function open(parentId: number, pupilId: number): Promise<PupilActorInput> {
    const child = (await store.childrenOf(db, parentId)).find((c) => c.pupilId === pupilId);
    if (!child || !child.active) throw new AppError('parents.child_not_linked');
    if (!child.homeLogin) throw new AppError('parents.home_login_off');
    await recordAudit(db, clock, { actor: `parent:${parentId}`, action: 'parent.child_opened', schoolId: child.schoolId, details: { pupilId } });
    return { kind: 'pupil', pupilId: child.pupilId, schoolId: child.schoolId, label: child.name };
  }

  return { link, unlink, open, list: (parentId: number) => store.childrenOf(db, parentId) };
}

export type ParentChildrenService = ReturnType<typeof createParentChildrenService>;
