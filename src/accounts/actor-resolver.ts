/**
 * Turns a session's subject into the Actor the guards check. Staff roles are read fresh on each
 * request, so a removed role or a disabled account takes effect at once, not at the next login.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Actor } from './actor.js';
import type { SessionSubject } from './sessions.js';
import { loadStaffActorData } from './staff/actor-store.js';

export type ActorResolver = (subject: SessionSubject) => Promise<Actor | null>;

export function createActorResolver(deps: { db: Kysely<Database> }): ActorResolver {
  return async (subject) => {
    switch (subject.kind) {
      case 'operator':
        return { kind: 'operator', label: subject.label };
      case 'staff': {
        const data = await loadStaffActorData(deps.db, subject.accountId);
        if (!data) return null;
        return { kind: 'staff', accountId: subject.accountId, label: data.displayName, roles: data.roles, managedSchoolIds: data.managedSchoolIds };
      }
      case 'pupil':
        return { kind: 'pupil', pupilId: subject.pupilId, schoolId: subject.schoolId, label: subject.label };
      case 'parent':
        return { kind: 'parent', parentId: subject.parentId, label: subject.label };
    }
  };
}
