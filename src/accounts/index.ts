export { createOperatorAccessService, LOGIN_LINK_PATH, type OperatorAccessService, type LoginLink, type OperatorSession } from './operator-access.js';
export { actorId, canAccessSchool, assertOperator, assertSchoolAccess, type Actor, type ActorKind } from './actor.js';
