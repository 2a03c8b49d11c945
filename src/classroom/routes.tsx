/**
 * HTTP edge of the classroom: the pupil's way in (school search, group, name, picture code or
 * pincode, QR card), the teacher's group overview with login cards, and the school network
 * settings with the IP tool endpoint. Use cases live in accounts/pupils and classroom.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { OrganisationService, School } from '../organisations/index.js';
import type { SessionService } from '../accounts/index.js';
import type { KnownForAttempt, PupilAccessService, PupilActorInput } from '../accounts/pupils/index.js';
import type { ParentAccountService } from '../accounts/parents/index.js';
import { CODE_LENGTH, displayName, statusFromRanges, type LoginOutcome } from '../accounts/pupils/index.js';
import { AppError, isAppError } from '../lib/errors.js';
import { actorId, type Actor } from '../accounts/index.js';
import { newToken } from '../lib/tokens.js';
import type { Clock } from '../lib/clock.js';
import { pageContext, sendPage, seeOther } from '../http/page.js';
import { readSessionCookie, requireActor, requireSchoolAccess, schoolIdParam, setSessionCookie, SIGN_IN_STEP } from '../http/session.js';
import { nextPicks, outcomeMessage } from './pupil-routes-helpers.js';
import { CardConfirmPage, CodePage, GroupsPage, NamesPage, OutsidePage, PortalPage, SearchPage, type PortalTile } from './views/pupil-pages.js';
import { canGrantSubstitutes, canManageGroup, groupsVisibleTo } from './permissions.js';
import { renderLoginCards } from './cards.js';
import { GroupsPage as StaffGroupsPage, OverviewPage, ShownOncePage, groupsPath } from './views/overview.js';
import { NetworkPage } from './views/network.js';
import { overviewTexts } from './views/overview-texts.js';
import { rememberReturnPath, takeReturnPath } from '../http/return-path.js';
import type { SignOut } from '../http/sign-out.js';
import { ownPictureRoutes } from './views/own-picture/routes.js';

export interface ClassroomRouteOptions {
  pupilAccess: PupilAccessService;
  /** For inviting parents to the home login from the group overview. */
  parents: ParentAccountService;
  organisations: OrganisationService;
  sessions: SessionService;
  secureCookies: boolean;
  /** Logging out also ends the pupil's sessions at publishers (http/sign-out.ts). */
  signOut: SignOut;
  publicUrl: string;
  clock: Clock;
  /** Why each pupil of a group without ECK iD has none (eckid readiness), for the overview's ECK iD column. */
  eckidReasons?: (scope: { schoolId: number }, groupId: number) => Promise<Map<number, string>>;
  /** The pupil's tiles on "Mijn lesmateriaal" (catalogue.tilesFor); app.ts always passes it. */
  portalTiles?: (person: { kind: 'pupil'; pupilId: number; schoolId: number }) => Promise<PortalTile[]>;
}

const DEVICE_COOKIE = 'leerpoort_apparaat';
const ONE_YEAR_S = 365 * 24 * 3600;

/** A long-lived random id per browser, so wrong codes count per device and not per school IP. */
function deviceId(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const raw = request.cookies[DEVICE_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : null;
  if (unsigned?.valid && unsigned.value) return unsigned.value;
  const id = newToken();
  reply.setCookie(DEVICE_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: ONE_YEAR_S });
  return id;
}

const OUTCOME_STATUS: Record<Exclude<LoginOutcome['result'], 'ok'>, number> = {
  wrong: 401,
  locked: 423,
  device_blocked: 429,
  ip_blocked: 429,
  outside_network: 403,
  unknown: 409,
};

/** A path id, or null when it cannot be one. */
const idOrNull = (raw: string | undefined): number | null => (raw && /^\d{1,15}$/.test(raw) ? Number(raw) : null);

const idParam = (raw: string | undefined): number => {
  const id = idOrNull(raw);
  if (id === null) throw new AppError('not_found');
  return id;
};

const pupilRoutes: FastifyPluginAsync<ClassroomRouteOptions> = async (app, options) => {
  const { pupilAccess, organisations, sessions, secureCookies } = options;

  async function activeSchool(ref: string): Promise<School> {
    const school = await organisations.schoolByRef(ref);
    if (!school || !school.active) throw new AppError('organisations.school_not_found');
    return school;
  }

  /** Names are shown only to devices inside the school network (or anywhere when no ranges are set). */
  async function insideNetwork(school: School, request: FastifyRequest): Promise<boolean> {
    return (await pupilAccess.login.networkStatus(school.id, request.ip)).inside;
  }

  async function signIn(request: FastifyRequest, reply: FastifyReply, actor: PupilActorInput): Promise<FastifyReply> {
    const session = await sessions.start(actor, { sharedDevice: true, replacing: readSessionCookie(request) });
    setSessionCookie(reply, session, secureCookies);
    return seeOther(reply, '/leerling');
  }

  app.get<{ Querystring: { q?: string } }>('/scholen/zoeken', async (request, reply) => {
    const query = (request.query.q ?? '').trim().slice(0, 100);
    const results = query.length >= 2 ? await pupilAccess.searchSchools(query) : [];
    return sendPage(reply, <SearchPage query={query} results={results} />);
  });

  app.get<{ Params: { ref: string } }>('/school/:ref', async (request, reply) => {
    const school = await activeSchool(request.params.ref);
    deviceId(request, reply, secureCookies);
    rememberReturnPath(request, reply, secureCookies);
    const ref = { name: school.name, ref: school.instellingRef };
    if (!(await insideNetwork(school, request))) return sendPage(reply, <OutsidePage school={ref} />, 403);
    const groups = await pupilAccess.groups({ schoolId: school.id });
    return sendPage(reply, <GroupsPage school={ref} groups={groups} />);
  });

  app.get<{ Params: { ref: string; groupId: string } }>('/school/:ref/groep/:groupId', async (request, reply) => {
    const school = await activeSchool(request.params.ref);
    const ref = { name: school.name, ref: school.instellingRef };
    if (!(await insideNetwork(school, request))) return sendPage(reply, <OutsidePage school={ref} />, 403);
    const scope = { schoolId: school.id };
    const group = await pupilAccess.group(scope, idParam(request.params.groupId));
    if (!group) throw new AppError('not_found');
    const pupils = (await pupilAccess.pupilsOfGroup(scope, group.id)).map((p) => ({
      id: p.pupilId,
      name: displayName(p),
      picture: p.credential?.picture ?? pupilAccess.admin.defaultPicture(p.pupilId),
    }));
    return sendPage(reply, <NamesPage school={ref} groupName={group.name} pupils={pupils} />);
  });

  type CodeParams = { Params: { ref: string; pupilId: string }; Querystring: { met?: string } };

  /** The pupil behind a code page, or the outside-the-network page when names may not be shown. */
  async function codeContext(request: FastifyRequest<CodeParams>, reply: FastifyReply) {
    // School, ranges, pupil and credential in one statement: this runs for every tap on the code page.
    // An id that cannot be a pupil's finds none, answered after the school and network checks as before.
    const rows = await pupilAccess.codePage(request.params.ref, idOrNull(request.params.pupilId));
    if (!rows) throw new AppError('organisations.school_not_found');
    const { school, pupil, credential } = rows;
    const network = statusFromRanges(school.ranges, request.ip);
    if (!network.inside) return { refused: sendPage(reply, <OutsidePage school={{ name: school.name, ref: school.instellingRef }} />, 403) };
    if (!pupil) throw new AppError('not_found');
    const home = `/school/${school.instellingRef}`;
    const render = (picks: string[], message: string | null, status: number) =>
      sendPage(
        reply,
        <CodePage
          action={`${home}/leerling/${pupil.id}`}
          name={pupil.nickname || pupil.first_names || ''}
          picture={credential?.picture ?? pupilAccess.admin.defaultPicture(pupil.id)}
          csrfToken={reply.generateCsrf()}
          mode={request.query.met === 'pincode' ? 'pin' : 'picture'}
          picks={picks}
          message={message}
          backHref={pupil.group_id ? `${home}/groep/${pupil.group_id}` : home}
        />,
        status,
      );
    // What the login step would read again: handed over, so a login reads each row once.
    const known: KnownForAttempt = { pupil, credential, network };
    return { refused: null, school, pupil, render, known };
  }

  app.get<CodeParams>('/school/:ref/leerling/:pupilId', SIGN_IN_STEP, async (request, reply) => {
    deviceId(request, reply, secureCookies);
    const context = await codeContext(request, reply);
    return context.refused ?? context.render([], null, 200);
  });

  app.post<CodeParams & { Body: Record<string, string | undefined> }>('/school/:ref/leerling/:pupilId', SIGN_IN_STEP, async (request, reply) => {
    const device = deviceId(request, reply, secureCookies);
    const context = await codeContext(request, reply);
    if (context.refused) return context.refused;
    const pin = request.query.met === 'pincode';
    const picks = pin ? [] : nextPicks(request.body.picks, request.body.pick);
    if (!pin && picks.length < CODE_LENGTH) return context.render(picks, null, 200);
    const outcome = await pupilAccess.login.loginWithCode({
      schoolId: context.school.id,
      pupilId: context.pupil.id,
      deviceId: device,
      ip: request.ip,
      method: pin ? 'pin' : 'picture',
      value: pin ? String(request.body.pincode ?? '').trim() : picks,
    }, context.known);
    if (outcome.result === 'ok') return signIn(request, reply, outcome.actor);
    return context.render([], outcomeMessage(outcome), OUTCOME_STATUS[outcome.result]);
  });

  app.get<{ Params: { token: string } }>('/kaart/:token', SIGN_IN_STEP, async (request, reply) => {
    deviceId(request, reply, secureCookies);
    const holder = await pupilAccess.login.cardHolder(request.params.token);
    const name = holder ? holder.pupil.nickname || holder.pupil.first_names || '' : null;
    const page = <CardConfirmPage name={name} picture={holder?.credential.picture ?? null} csrfToken={reply.generateCsrf()} action={`/kaart/${request.params.token}`} message={null} />;
    return sendPage(reply, page, holder ? 200 : 404);
  });

  app.post<{ Params: { token: string } }>('/kaart/:token', SIGN_IN_STEP, async (request, reply) => {
    const device = deviceId(request, reply, secureCookies);
    const outcome = await pupilAccess.login.loginWithCard({ token: request.params.token, deviceId: device, ip: request.ip });
    if (outcome.result === 'ok') return signIn(request, reply, outcome.actor);
    const holder = outcome.result === 'unknown' ? null : await pupilAccess.login.cardHolder(request.params.token);
    const message = outcome.result === 'unknown' ? null : outcomeMessage(outcome);
    const name = holder ? holder.pupil.nickname || holder.pupil.first_names || '' : null;
    const page = <CardConfirmPage name={name} picture={holder?.credential.picture ?? null} csrfToken={reply.generateCsrf()} action={`/kaart/${request.params.token}`} message={message} />;
    return sendPage(reply, page, outcome.result === 'unknown' ? 404 : 403);
  });

  app.get('/leerling', { onRequest: requireActor('pupil') }, async (request, reply) => {
    // "Mijn lesmateriaal": the tiles licensed to this pupil, computed per request so a new licence shows at once.
    const pupil = request.actor as Extract<Actor, { kind: 'pupil' }>;
    // A launch, SSO request or shortcut link that sent her to the login goes on now, once.
    const back = takeReturnPath(request, reply);
    if (back) return seeOther(reply, back);
    const tiles = (await options.portalTiles?.({ kind: 'pupil', pupilId: pupil.pupilId, schoolId: pupil.schoolId })) ?? [];
    return sendPage(reply, <PortalPage name={pupil.label} csrfToken={reply.generateCsrf()} tiles={tiles} />);
  });

  app.post('/leerling/uitloggen', async (request, reply) => {
    const actor = request.actor;
    // On a shared class device the next pupil starts at the school's login page.
    const school = actor?.kind === 'pupil' ? await organisations.schoolById(actor.schoolId) : undefined;
    const { location } = await options.signOut(request, reply, { then: school ? `/school/${school.instellingRef}` : '/scholen/zoeken' });
    return seeOther(reply, location);
  });
};

type GroupParams = { Params: { schoolId: string; groupId: string; pupilId?: string } };
type NoticeKey = keyof typeof overviewTexts.notices;

const overviewRoutes: FastifyPluginAsync<ClassroomRouteOptions> = async (app, options) => {
  const { pupilAccess, organisations, publicUrl, clock } = options;

  const taught = async (actor: Actor, schoolId: number) => (actor.kind === 'staff' ? pupilAccess.taughtGroupIds({ schoolId }, actor.accountId) : []);

  /** The school, group and (when in the path) pupil of a request, after the group permission check. */
  async function groupContext(request: FastifyRequest<GroupParams>) {
    const schoolId = schoolIdParam(request);
    const groupId = idParam(request.params.groupId);
    if (!request.actor) throw new AppError('auth.required');
    if (!canManageGroup(request.actor, schoolId, groupId, await taught(request.actor, schoolId))) throw new AppError('auth.forbidden');
    const school = await organisations.schoolById(schoolId);
    const scope = { schoolId };
    const group = school ? await pupilAccess.group(scope, groupId) : undefined;
    if (!school || !group) throw new AppError('not_found');
    const pupils = await pupilAccess.pupilsOfGroup(scope, groupId);
    const base = `${groupsPath(schoolId)}/${groupId}`;
    const pupil = request.params.pupilId === undefined ? null : pupils.find((p) => p.pupilId === idParam(request.params.pupilId));
    if (pupil === undefined) throw new AppError('pupils.not_found');
    return { school, scope, group, pupils, base, pupil, actor: actorId(request.actor) };
  }

  /** The pupils a card action is for: one (`leerling` field) or the whole group. */
  function chosenPupils(context: Awaited<ReturnType<typeof groupContext>>, field: string | undefined) {
    if (!field) return context.pupils;
    const one = context.pupils.find((p) => p.pupilId === idParam(field));
    if (!one) throw new AppError('pupils.not_found');
    return [one];
  }

  app.get('/beheer/scholen/:schoolId/groepen', async (request, reply) => {
    const schoolId = schoolIdParam(request);
    if (!request.actor) throw new AppError('auth.required');
    const visible = groupsVisibleTo(request.actor, schoolId, await taught(request.actor, schoolId));
    if (visible !== 'all' && visible.length === 0) throw new AppError('auth.forbidden');
    const school = await organisations.schoolById(schoolId);
    if (!school) throw new AppError('organisations.school_not_found');
    const groups = (await pupilAccess.groups({ schoolId })).filter((g) => visible === 'all' || visible.includes(g.id));
    return sendPage(reply, <StaffGroupsPage context={pageContext(request, reply)} schoolId={schoolId} schoolName={school.name} groups={groups} substitutesLink={canGrantSubstitutes(request.actor, schoolId)} />);
  });

  app.get<GroupParams & { Querystring: { gedaan?: string } }>('/beheer/scholen/:schoolId/groepen/:groupId', async (request, reply) => {
    const context = await groupContext(request);
    const reasons = (await options.eckidReasons?.(context.scope, context.group.id)) ?? new Map<number, string>();
    const pupils = context.pupils.map((p) => ({ ...p, picture: p.credential?.picture ?? pupilAccess.admin.defaultPicture(p.pupilId), eckidReason: reasons.get(p.pupilId) ?? null }));
    const done = request.query.gedaan;
    const notice = done && done in overviewTexts.notices ? overviewTexts.notices[done as NoticeKey] : null;
    const page = <OverviewPage context={pageContext(request, reply)} schoolId={context.school.id} schoolName={context.school.name} group={context.group} pupils={pupils} now={clock.now().toISOString()} notice={notice} />;
    return sendPage(reply, page);
  });

  const pupilPath = '/beheer/scholen/:schoolId/groepen/:groupId/leerlingen/:pupilId';

  app.post<GroupParams>(`${pupilPath}/plaatjescode`, async (request, reply) => {
    const c = await groupContext(request);
    const code = await pupilAccess.admin.resetPictureCode(c.actor, c.scope, c.pupil!.pupilId);
    return sendPage(reply, <ShownOncePage context={pageContext(request, reply)} name={displayName(c.pupil!)} backHref={c.base} pictureCode={code} />);
  });

  app.post<GroupParams>(`${pupilPath}/pincode`, async (request, reply) => {
    const c = await groupContext(request);
    const pin = await pupilAccess.admin.resetPincode(c.actor, c.scope, c.pupil!.pupilId);
    return sendPage(reply, <ShownOncePage context={pageContext(request, reply)} name={displayName(c.pupil!)} backHref={c.base} pincode={pin} />);
  });

  app.post<GroupParams>(`${pupilPath}/ontgrendelen`, async (request, reply) => {
    const c = await groupContext(request);
    await pupilAccess.admin.unlock(c.actor, c.scope, c.pupil!.pupilId);
    return seeOther(reply, `${c.base}?gedaan=unlocked`);
  });

  app.post<GroupParams & { Body: { aan?: string } }>(`${pupilPath}/thuisinlog`, async (request, reply) => {
    const c = await groupContext(request);
    await pupilAccess.admin.setHomeLogin(c.actor, c.scope, c.pupil!.pupilId, request.body?.aan === '1');
    return seeOther(reply, `${c.base}?gedaan=home`);
  });

  /** Home login on or off for every pupil of the group at once (each change audited like a single one). */
  app.post<GroupParams & { Body: { aan?: string } }>('/beheer/scholen/:schoolId/groepen/:groupId/thuisinlog', async (request, reply) => {
    const c = await groupContext(request);
    for (const pupil of c.pupils) await pupilAccess.admin.setHomeLogin(c.actor, c.scope, pupil.pupilId, request.body?.aan === '1');
    return seeOther(reply, `${c.base}?gedaan=home`);
  });

  /** Invites a parent by e-mail to make a home login; the parent links the child with its pincode. */
  app.post<GroupParams & { Body: { email?: string } }>('/beheer/scholen/:schoolId/groepen/:groupId/thuisinlog/uitnodigen', async (request, reply) => {
    const c = await groupContext(request);
    const invitedBy = { actor: c.actor, schoolId: c.school.id, schoolName: c.school.name };
    await options.parents.signIn.requestAccess({ email: String(request.body?.email ?? ''), ip: request.ip, invitedBy });
    return seeOther(reply, `${c.base}?gedaan=parentInvited`);
  });

  app.post<GroupParams & { Body: { picture?: string } }>(`${pupilPath}/plaatje`, async (request, reply) => {
    const c = await groupContext(request);
    await pupilAccess.admin.setPicture(c.actor, c.scope, c.pupil!.pupilId, String(request.body?.picture ?? ''));
    return seeOther(reply, `${c.base}?gedaan=picture`);
  });

  app.post<GroupParams & { Body: { leerling?: string } }>('/beheer/scholen/:schoolId/groepen/:groupId/kaarten', async (request, reply) => {
    const c = await groupContext(request);
    const pupils = chosenPupils(c, request.body?.leerling);
    const issued = await pupilAccess.admin.issueCards(c.actor, c.scope, pupils.map((p) => p.pupilId));
    const cards = pupils.map((p, i) => ({
      name: displayName(p),
      groupName: c.group.name,
      pictureId: p.credential?.picture ?? pupilAccess.admin.defaultPicture(p.pupilId),
      token: issued[i].token,
    }));
    const pdf = await renderLoginCards({ publicUrl, cards });
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="inlogkaarten-groep-${c.group.id}.pdf"`)
      .send(pdf);
  });

  /** The same cards again (no new tokens): cards already handed out keep working. */
  app.post<GroupParams & { Body: { leerling?: string } }>('/beheer/scholen/:schoolId/groepen/:groupId/kaarten/opnieuw', async (request, reply) => {
    const c = await groupContext(request);
    const pupils = chosenPupils(c, request.body?.leerling);
    const { cards } = await pupilAccess.admin.reprintCards(c.actor, c.scope, pupils.map((p) => p.pupilId));
    if (cards.length === 0) return seeOther(reply, `${c.base}?gedaan=reprintNone`);
    const byId = new Map(pupils.map((p) => [p.pupilId, p]));
    const pdf = await renderLoginCards({
      publicUrl,
      cards: cards.map((card) => {
        const p = byId.get(card.pupilId)!;
        return { name: displayName(p), groupName: c.group.name, pictureId: p.credential?.picture ?? pupilAccess.admin.defaultPicture(p.pupilId), token: card.token };
      }),
    });
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="inlogkaarten-groep-${c.group.id}-opnieuw.pdf"`)
      .send(pdf);
  });

  app.post<GroupParams & { Body: { leerling?: string } }>('/beheer/scholen/:schoolId/groepen/:groupId/kaarten/intrekken', async (request, reply) => {
    const c = await groupContext(request);
    await pupilAccess.admin.voidCards(c.actor, c.scope, chosenPupils(c, request.body?.leerling).map((p) => p.pupilId));
    return seeOther(reply, `${c.base}?gedaan=voided`);
  });
};

const networkRoutes: FastifyPluginAsync<ClassroomRouteOptions> = async (app, options) => {
  const { pupilAccess, organisations } = options;
  const path = '/beheer/scholen/:schoolId/netwerk';

  async function render(request: FastifyRequest, reply: FastifyReply, state: { input?: string; error?: AppError; notice?: string; newToken?: string }) {
    const schoolId = schoolIdParam(request);
    const school = await organisations.schoolById(schoolId);
    if (!school) throw new AppError('organisations.school_not_found');
    const ranges = await pupilAccess.admin.schoolRanges({ schoolId });
    const dynamic = ranges.find((r) => r.source === 'dynamic') ?? null;
    const page = (
      <NetworkPage
        context={pageContext(request, reply)}
        schoolId={schoolId}
        schoolName={school.name}
        manual={ranges.filter((r) => r.source === 'manual').map((r) => r.cidr)}
        dynamic={dynamic}
        token={(await pupilAccess.admin.ipTokenInfo({ schoolId })) ?? null}
        input={state.input ?? null}
        error={state.error ?? null}
        notice={state.notice ?? null}
        newToken={state.newToken ?? null}
      />
    );
    return sendPage(reply, page, state.error ? state.error.status : 200);
  }

  app.get(path, { onRequest: requireSchoolAccess }, async (request, reply) => render(request, reply, {}));

  app.post<{ Body: { ranges?: string } }>(path, { onRequest: requireSchoolAccess }, async (request, reply) => {
    const input = String(request.body?.ranges ?? '');
    try {
      await pupilAccess.admin.setSchoolRanges(actorId(request.actor!), { schoolId: schoolIdParam(request) }, input);
    } catch (error) {
      if (isAppError(error) && error.code === 'pupils.invalid_ranges') return render(request, reply, { input, error });
      throw error;
    }
    return render(request, reply, { notice: overviewTexts.network.saved });
  });

  app.post(`${path}/sleutel`, { onRequest: requireSchoolAccess }, async (request, reply) => {
    const token = await pupilAccess.admin.newIpToken(actorId(request.actor!), { schoolId: schoolIdParam(request) });
    return render(request, reply, { newToken: token });
  });

  /** The IP tool: `Authorization: Bearer <token>`; the address is the caller's, or the `ip` field. */
  app.post<{ Params: { ref: string }; Body: { ip?: string } | undefined }>('/api/v1/schools/:ref/ip', async (request, reply) => {
    const school = await organisations.schoolByRef(request.params.ref);
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!school || !token) throw new AppError('pupils.ip_token_invalid');
    const requested = typeof request.body === 'object' && request.body && typeof request.body.ip === 'string' ? request.body.ip : null;
    const cidr = await pupilAccess.admin.updateDynamicAddress({ schoolId: school.id }, token, requested ?? request.ip);
    return reply.send({ school: school.instellingRef, address: cidr });
  });
};

export const classroomRoutes: FastifyPluginAsync<ClassroomRouteOptions> = async (app: FastifyInstance, options) => {
  // The attempt counters may hold a Redis connection; it closes with the app.
  app.addHook('onClose', () => options.pupilAccess.close());
  await app.register(pupilRoutes, options);
  await app.register(overviewRoutes, options);
  await app.register(networkRoutes, options);
  await app.register(ownPictureRoutes, options);
};
