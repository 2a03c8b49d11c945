/**
 * Turns a session's subject into the Actor the guards check. Staff roles, and the status of
 * staff and parent accounts, are read fresh on each request, so a removed role or a disabled
 * account takes effect at the next request, not at the next login.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Actor } from './actor.js';
import type { SessionSubject } from './sessions.js';
import { loadStaffActorData } from './staff/actor-store.js';
import { accountById as parentById } from './parents/store.js';
import type { Clock } from '../lib/clock.js';

export type ActorResolver = (subject: SessionSubject) => Promise<Actor | null>;

export function createActorResolver(deps: { db: Kysely<Database>; clock: Clock }): ActorResolver {
  return async (subject) => {
    switch (subject.kind) {
      case 'operator':
        return { kind: 'operator', label: subject.label };
      case 'staff': {
        // A substitute's groups count only while the period runs: checked against the clock on every request.
        const data = await loadStaffActorData(deps.db, subject.accountId, deps.clock.now().toISOString());
        if (!data) return null;
        return { kind: 'staff', accountId: subject.accountId, label: data.displayName, roles: data.roles, managedSchoolIds: data.managedSchoolIds };
      }
      case 'pupil':
        // Not read on each request: a pupil the roster takes away has her sessions ended instead (compose.ts `signOutPupils`).
        return { kind: 'pupil', pupilId: subject.pupilId, schoolId: subject.schoolId, label: subject.label };
      case 'parent':
        return (await parentById(deps.db, subject.parentId))?.status === 'active' ? { kind: 'parent', parentId: subject.parentId, label: subject.label } : null;
    }
  };
}
