/**
 * The port through which accounts tell the publishers that a person is cut off: a password
 * reset or an account switched off ends, besides the Leerpoort sessions, the person's OIDC
 * sessions and grants (refresh tokens) with a back-channel logout to every client. The SSO side
 * implements it (sso/logout.ts `endAllOf`); compose.ts plugs it in, so accounts does not depend
 * on sso. It never throws: a publisher that fails is logged, never a reason to keep anyone in.
 */
export type PublisherPerson = { kind: 'staff'; accountId: number } | { kind: 'pupil'; pupilId: number };

export interface PublisherSessions {
  endAllOf(people: readonly PublisherPerson[]): Promise<void>;
}
