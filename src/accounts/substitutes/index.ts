/**
 * Substitutes (invalkrachten): the ICT-coördinator (any group, or the school's invalgroep) or a
 * teacher (her own groups only) gives a staff account access to groups for a period of whole
 * days. Access is checked against the clock on every request (see actor-resolver.ts), so it
 * ends by itself; it can also be revoked early. Grants stay as the school's audit list.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { actorId, canAccessSchool, type Actor } from '../actor.js';
import { taughtGroupIds } from '../pupils/store.js';
import type { StaffMemberService } from '../staff/index.js';
import { periodFrom } from './period.js';
import * as store from './store.js';

export { INVALGROEP, type SubstituteGrant } from './store.js';
export { MAX_PERIOD_DAYS, amsterdamDate } from './period.js';

export interface GrantInput {
  email: string;
  displayName: string;
  groupIds: number[];
  invalgroep: boolean;
  from: string;
  to: string;
}

type Scope = { schoolId: number };

export function createSubstituteService(deps: { db: Kysely<Database>; clock: Clock; members: Pick<StaffMemberService, 'ensureAccount'> }) {
  const { db, clock, members } = deps;

  /** 'all' for whoever manages the school; a teacher's own groups otherwise (none for anyone else). */
  async function grantableGroups(actor: Actor, scope: Scope): Promise<'all' | number[]> {
    if (canAccessSchool(actor, scope.schoolId)) return 'all';
    if (actor.kind !== 'staff') return [];
    const teacherGrants = actor.roles.filter((r) => r.role === 'teacher' && r.schoolId === scope.schoolId);
    if (teacherGrants.length === 0) return [];
    const own = teacherGrants.filter((r) => r.groupId !== null).map((r) => r.groupId as number);
    return [...new Set([...own, ...(await taughtGroupIds(db, scope, actor.accountId))])];
  }

  async function assertMayGrant(actor: Actor, scope: Scope): Promise<'all' | number[]> {
    const grantable = await grantableGroups(actor, scope);
    if (grantable !== 'all' && grantable.length === 0) throw new AppError('auth.forbidden');
    return grantable;
  }

  /** What the substitutes page shows this actor: the groups she may choose, and the grants she may see. */
  async function overview(actor: Actor, scope: Scope) {
    const grantable = await assertMayGrant(actor, scope);
    const [groups, grants, invalgroepId] = await Promise.all([store.activeGroups(db, scope), store.grantsOfSchool(db, scope), store.invalgroepOf(db, scope)]);
    const mine = (ids: number[] | typeof store.INVALGROEP) => grantable === 'all' || (ids !== store.INVALGROEP && ids.some((id) => grantable.includes(id)));
    return {
      managesSchool: grantable === 'all',
      groups: grantable === 'all' ? groups : groups.filter((g) => grantable.includes(g.id)),
      allGroups: groups,
      invalgroepId,
      grants: grants.filter((g) => mine(g.groups) || g.createdBy === actorId(actor)),
    };
  }

  async function grant(actor: Actor, scope: Scope, input: GrantInput) {
    const grantable = await assertMayGrant(actor, scope);
    const period = periodFrom({ from: input.from, to: input.to }, clock.now());
    let groups: number[] | typeof store.INVALGROEP;
    if (input.invalgroep) {
      if (grantable !== 'all') throw new AppError('auth.forbidden');
      if ((await store.invalgroepOf(db, scope)) === null) throw new AppError('substitutes.no_invalgroep');
      groups = store.INVALGROEP;
    } else {
      const school = new Set((await store.activeGroups(db, scope)).map((g) => g.id));
      groups = [...new Set(input.groupIds)].filter((id) => school.has(id));
      if (groups.length === 0 || groups.length !== new Set(input.groupIds).size) throw new AppError('substitutes.no_groups');
      if (grantable !== 'all' && groups.some((id) => !grantable.includes(id))) throw new AppError('auth.forbidden');
    }
    const by = actorId(actor);
    const account = await members.ensureAccount(by, scope, { email: input.email, displayName: input.displayName });
    const grantId = await db.transaction().execute(async (trx) => {
      const id = await store.insertGrant(trx, scope, { accountId: account.accountId, groups, startsAt: period.startsAt, endsAt: period.endsAt, createdBy: by, createdAt: clock.now().toISOString() });
      await recordAudit(trx, clock, { actor: by, action: 'substitute.granted', schoolId: scope.schoolId, details: { grantId: id, accountId: account.accountId, groups, startsAt: period.startsAt, endsAt: period.endsAt } });
      return id;
    });
    return { grantId, accountId: account.accountId, invited: account.invited, ...period };
  }

  /** Ends a grant early: the ICT-coördinator any grant, a teacher one that covers only her groups. */
  async function revoke(actor: Actor, scope: Scope, grantId: number): Promise<void> {
    const grantable = await assertMayGrant(actor, scope);
    const found = (await store.grantsOfSchool(db, scope)).find((g) => g.id === grantId);
    if (!found || found.revokedAt !== null) throw new AppError('substitutes.not_found');
    if (grantable !== 'all' && (found.groups === store.INVALGROEP || found.groups.some((id) => !grantable.includes(id)))) throw new AppError('auth.forbidden');
    const by = actorId(actor);
    await db.transaction().execute(async (trx) => {
      if (!(await store.revokeGrant(trx, scope, grantId, by, clock.now().toISOString()))) throw new AppError('substitutes.not_found');
      await recordAudit(trx, clock, { actor: by, action: 'substitute.revoked', schoolId: scope.schoolId, details: { grantId, accountId: found.accountId } });
    });
  }

  /** The ICT-coördinator marks one of the school's groups as its invalgroep (replacing an earlier choice). */
  async function markInvalgroep(actor: Actor, scope: Scope, groupId: number): Promise<void> {
    if (!canAccessSchool(actor, scope.schoolId)) throw new AppError('auth.forbidden');
    if (!(await store.activeGroups(db, scope)).some((g) => g.id === groupId)) throw new AppError('substitutes.no_groups');
    const by = actorId(actor);
    await db.transaction().execute(async (trx) => {
      await store.setInvalgroep(trx, scope, groupId, by, clock.now().toISOString());
      await recordAudit(trx, clock, { actor: by, action: 'substitute.invalgroep_marked', schoolId: scope.schoolId, details: { groupId } });
    });
  }

  return { overview, grant, revoke, markInvalgroep };
}

export type SubstituteService = ReturnType<typeof createSubstituteService>;
