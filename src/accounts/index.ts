export { createOperatorAccessService, LOGIN_LINK_PATH, type OperatorAccessService, type LoginLink, type OperatorSession } from './operator-access.js';
export {
  actorId,
  canAccessSchool,
  assertOperator,
  assertSchoolAccess,
  assertActorKind,
  homePath,
  type Actor,
  type ActorKind,
  type StaffRoleGrant,
} from './actor.js';
export { createSessionService, type SessionService, type SessionSubject, type SessionTtl, type LiveSession } from './sessions.js';
export { createActorResolver, type ActorResolver } from './actor-resolver.js';
export type { PublisherPerson, PublisherSessions } from './publisher-sessions.js';
