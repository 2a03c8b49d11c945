/**
 * What an SSO launch needs, set up through the capabilities as an operator and a school would
 * (shared by bench:sso and bench/sso-queries.ts): a board and school with a generated roster, a
 * publisher with a processing agreement (standard profile) and the school's consent, an OIDC
 * client, and one real Leerpoort session per pupil (logins have their own bench).
 */
import type { FastifyInstance } from 'fastify';
import type { composeCapabilities } from '../../src/compose.js';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';

export interface LaunchFixture {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Signed `leerpoort_sessie` cookie values, one per pupil. */
  sessionCookies: string[];
}

export async function setUpLaunches(capabilities: ReturnType<typeof composeCapabilities>, app: FastifyInstance, pupilCount: number): Promise<LaunchFixture> {
  // Each run uses a fresh database, so fixed numbers cannot collide.
  await capabilities.organisations.addBoard('bench', { number: '4343', name: 'Stichting Benchmark' });
  const school = await capabilities.organisations.addSchool('bench', { boardNumber: '4343', brin: '43BN', locationCode: '00', name: 'Basisschool Benchmark' });
  const roster = generateSchoolRoster({ seed: 5, brin: school.brin, locationCode: school.locationCode, pupils: Math.max(pupilCount, 30), subgroups: false });
  const summary = await capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'bench', content: writeEdexml(roster), fileName: null });
  if (summary.status !== 'applied') throw new Error(`roster import ended as ${summary.status}`);
  const publisher = await capabilities.catalogue.publishers.add('bench', { slug: 'bench-uitgever', name: 'Uitgeverij Benchmark' });
  const operator = { id: 'operator:bench', name: 'Benchmark' };
  await capabilities.privacy.agreements.set(operator, { boardId: school.boardId, publisherId: publisher.id, profile: 'standard' });
  await capabilities.privacy.consents.set(operator, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
  const redirectUri = 'http://127.0.0.1:9/bench/callback';
  const created = await capabilities.oidcClients.add('bench', { publisherSlug: publisher.slug, redirectUris: [redirectUri], profile: 'standard' });
  const scope = { schoolId: school.id };
  const groups = await capabilities.pupilAccess.groups(scope);
  const pupils = (await Promise.all(groups.map((g) => capabilities.pupilAccess.pupilsOfGroup(scope, g.id)))).flat().slice(0, pupilCount);
  const sessionCookies: string[] = [];
  for (const p of pupils) {
    const session = await capabilities.sessions.start({ kind: 'pupil', pupilId: p.pupilId, schoolId: school.id, label: 'Leerling' });
    sessionCookies.push(encodeURIComponent(app.signCookie(session.sessionId)));
  }
  return { clientId: created.clientId, clientSecret: created.clientSecret, redirectUri, sessionCookies };
}
