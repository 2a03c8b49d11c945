/**
 * The parents' home login over HTTP (`/thuis…`): request, mailed links, sign-in, the children
 * page, linking and opening a child. Opening a child starts a pupil session that replaces the
 * parent's session on this device; it is not a shared-device session (a home device), and the
 * school network check does not apply because the session is started here, after the home
 * login check, not through the school login pages. Every redirect target is a fixed path.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../lib/errors.js';
import { newToken } from '../../../lib/tokens.js';
import { pageContext, seeOther, sendPage } from '../../../http/page.js';
import { readSessionCookie, requireActor, setSessionCookie } from '../../../http/session.js';
import type { SignOut } from '../../../http/sign-out.js';
import type { SessionService, SessionSubject } from '../../sessions.js';
import type { PupilAccessService } from '../../pupils/index.js';
import type { OrganisationService } from '../../../organisations/index.js';
import { PARENT_ACTIVATION_PATH, PARENT_RESET_PATH, type ParentAccountService } from '../../parents/index.js';
import { ParentChildrenPage, ParentForgotPage, ParentPasswordPage, ParentSignInPage, ParentStartPage, type LinkFormState } from './pages.js';
import { parentTexts as t } from './texts.js';

export interface ParentRouteOptions {
  parents: ParentAccountService;
  pupilAccess: PupilAccessService;
  organisations: OrganisationService;
  sessions: SessionService;
  secureCookies: boolean;
  signOut: SignOut;
}

type Body = Record<string, string | undefined>;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;
/** The device cookie of the pupil login, so wrong pincodes typed here count per device too. */
const DEVICE_COOKIE = 'leerpoort_apparaat';
const ONE_YEAR_S = 365 * 24 * 3600;

const field = (request: FastifyRequest, name: string) => String((request.body as Body | undefined)?.[name] ?? '');

function idParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new AppError('not_found');
  return Number(raw);
}

/** Errors a person can fix on the same form are shown there; everything else goes to the error page. */
function formError(error: unknown, codes: readonly string[]): AppError {
  if (isAppError(error) && codes.includes(error.code)) return error;
  throw error;
}

export const parentRoutes: FastifyPluginAsync<ParentRouteOptions> = async (app, options) => {
  const { parents, pupilAccess, organisations, sessions, secureCookies } = options;
  const parentOnly = { onRequest: requireActor('parent') };

  function deviceId(request: FastifyRequest, reply: FastifyReply): string {
    const raw = request.cookies[DEVICE_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    if (unsigned?.valid && unsigned.value) return unsigned.value;
    const id = newToken();
    reply.setCookie(DEVICE_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, signed: true, maxAge: ONE_YEAR_S });
    return id;
  }

  async function startSession(request: FastifyRequest, reply: FastifyReply, subject: SessionSubject, target: string) {
    const session = await sessions.start(subject, { replacing: readSessionCookie(request), sharedDevice: false });
    setSessionCookie(reply, session, secureCookies);
    return seeOther(reply, target);
  }

  async function schoolChoice(raw: string | undefined) {
    if (!raw || !/^\d{1,15}$/.test(raw)) return null;
    const school = await organisations.schoolById(Number(raw));
    return school?.active ? { id: school.id, name: school.name, city: school.address.city } : null;
  }

  async function childrenPage(request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; error?: string; link?: Partial<LinkFormState> } = {}, status = 200) {
    const parentId = (request.actor as { parentId: number }).parentId;
    const query = ((request.query as { q?: string }).q ?? '').trim().slice(0, 100);
    const results = query.length >= 2 ? (await pupilAccess.searchSchools(query)).map((s) => ({ id: Number(s.id), name: s.name, city: s.city })) : null;
    const school = extra.link?.school ?? (await schoolChoice((request.query as { school?: string }).school));
    const children = (await parents.children.list(parentId)).map((c) => ({ pupilId: c.pupilId, name: c.name, schoolName: c.schoolName, openable: c.active && c.homeLogin }));
    const link: LinkFormState = { query, results, school, ...extra.link };
    return sendPage(reply, <ParentChildrenPage context={pageContext(request, reply)} linked={children} notice={extra.notice} error={extra.error} link={link} />, status);
  }

  app.get('/thuis', async (request, reply) => {
    if (request.actor?.kind === 'parent') return childrenPage(request, reply);
    const requested = (request.query as { aangevraagd?: string }).aangevraagd === '1';
    return sendPage(reply, <ParentStartPage context={pageContext(request, reply)} requested={requested} />);
  });

  app.post('/thuis/aanvragen', async (request, reply) => {
    const email = field(request, 'email');
    try {
      await parents.signIn.requestAccess({ email, ip: request.ip });
    } catch (error) {
      const known = formError(error, ['staff.invalid_email']);
      return sendPage(reply, <ParentStartPage context={pageContext(request, reply)} requested={false} email={email} error={known.message} />, known.status);
    }
    return seeOther(reply, '/thuis?aangevraagd=1');
  });

  app.get('/thuis/inloggen', async (request, reply) => {
    const signedOut = (request.query as { uitgelogd?: string }).uitgelogd === '1';
    return sendPage(reply, <ParentSignInPage context={pageContext(request, reply)} signedOut={signedOut} />);
  });

  app.post('/thuis/inloggen', async (request, reply) => {
    const email = field(request, 'email');
    try {
      const subject = await parents.signIn.loginWithPassword({ email, password: field(request, 'password'), ip: request.ip });
      return startSession(request, reply, subject, '/thuis');
    } catch (error) {
      const known = formError(error, ['staff.login_failed', 'staff.throttled']);
      return sendPage(reply, <ParentSignInPage context={pageContext(request, reply)} signedOut={false} email={email} error={known.message} />, known.status);
    }
  });

  app.get('/thuis/wachtwoord-vergeten', async (request, reply) => {
    const sent = (request.query as { verstuurd?: string }).verstuurd === '1';
    return sendPage(reply, <ParentForgotPage context={pageContext(request, reply)} sent={sent} />);
  });

  app.post('/thuis/wachtwoord-vergeten', async (request, reply) => {
    await parents.signIn.requestReset({ email: field(request, 'email'), ip: request.ip });
    return seeOther(reply, '/thuis/wachtwoord-vergeten?verstuurd=1');
  });

  for (const [purpose, path] of [['activation', PARENT_ACTIVATION_PATH], ['reset', PARENT_RESET_PATH]] as const) {
    const tokenOf = (request: FastifyRequest) => {
      const token = (request.params as { token?: string }).token ?? '';
      if (!TOKEN_SHAPE.test(token)) throw new AppError('staff.link_invalid');
      return token;
    };
    app.get(`${path}:token`, async (request, reply) => {
      const token = tokenOf(request);
      if (!(await parents.signIn.linkUsable(purpose, token))) throw new AppError('staff.link_invalid');
      return sendPage(reply, <ParentPasswordPage context={pageContext(request, reply)} purpose={purpose} action={path + token} />);
    });
    app.post(`${path}:token`, async (request, reply) => {
      const token = tokenOf(request);
      try {
        const result = await parents.signIn.setPasswordWithLink(purpose, token, field(request, 'password'));
        if (result.endSessions) await sessions.endAllFor(result.subject);
        return startSession(request, reply, result.subject, '/thuis');
      } catch (error) {
        const known = formError(error, ['staff.password_rejected']);
        return sendPage(reply, <ParentPasswordPage context={pageContext(request, reply)} purpose={purpose} action={path + token} error={known.message} />, known.status);
      }
    });
  }

  app.post('/thuis/uitloggen', async (request, reply) => {
    const { location } = await options.signOut(request, reply, { then: '/thuis/inloggen?uitgelogd=1' });
    return seeOther(reply, location);
  });

  app.post('/thuis/kind-koppelen', parentOnly, async (request, reply) => {
    const parentId = (request.actor as { parentId: number }).parentId;
    const school = await schoolChoice(field(request, 'school'));
    if (!school) throw new AppError('organisations.school_not_found');
    const firstName = field(request, 'roepnaam');
    try {
      const child = await parents.children.link({ parentId, schoolId: school.id, firstName, pincode: field(request, 'pincode'), deviceId: deviceId(request, reply), ip: request.ip });
      return childrenPage(request, reply, { notice: t.children.linked(child.name) });
    } catch (error) {
      const known = formError(error, ['parents.child_name_missing', 'parents.child_not_found', 'parents.child_locked', 'parents.home_login_off', 'staff.throttled']);
      return childrenPage(request, reply, { link: { school, firstName, error: known.message } }, known.status);
    }
  });

  app.post<{ Params: { pupilId: string } }>('/thuis/kinderen/:pupilId/openen', parentOnly, async (request, reply) => {
    const parentId = (request.actor as { parentId: number }).parentId;
    try {
      const pupil = await parents.children.open(parentId, idParam(request.params.pupilId));
      return startSession(request, reply, pupil, '/leerling');
    } catch (error) {
      const known = formError(error, ['parents.home_login_off', 'parents.child_not_linked']);
      return childrenPage(request, reply, { error: known.message }, known.status);
    }
  });

  app.post<{ Params: { pupilId: string } }>('/thuis/kinderen/:pupilId/ontkoppelen', parentOnly, async (request, reply) => {
    const parentId = (request.actor as { parentId: number }).parentId;
    await parents.children.unlink(parentId, idParam(request.params.pupilId));
    return childrenPage(request, reply, { notice: t.children.unlinked });
  });
};
