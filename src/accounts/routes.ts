/**
 * Sign-in and accounts over HTTP: the operator's login links, staff sign-in (password, then
 * the authenticator code when switched on), activation and reset links, the account page,
 * and a school's staff page. A login link is a GET that only shows a button; the POST uses it,
 * so mail scanners and link previews cannot use up a link. Every sign-in starts a new session
 * and ends the browser's previous one; every redirect target is a fixed path (no open
 * redirects). The school scope guard runs before anything else on the school's staff page,
 * so a manager of school A gets 403 on school B's pages.
 */
import { rememberReturnPath, takeReturnPath } from '../http/return-path.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import type { SignOut } from '../http/sign-out.js';
import { readSessionCookie, requireActor, requireSchoolAccess, schoolIdParam, setSessionCookie, SIGN_IN_STEP } from '../http/session.js';
import { actorId, assertActorKind, assertSchoolAccess, homePath } from './actor.js';
import { LOGIN_LINK_PATH, type OperatorAccessService } from './operator-access.js';
import type { SessionService } from './sessions.js';
import type { PublisherSessions } from './publisher-sessions.js';
import { ACTIVATION_PATH, RESET_PATH, totpAvailableFor, type StaffAccountService, type StaffSubject } from './staff/index.js';
import { AccountPage } from './views/account-page.js';
import { ConfirmLinkPage, ForgotPasswordPage, SetPasswordPage, SignInPage, TotpStepPage } from './views/pages.js';
import { SchoolStaffPage, type SchoolStaffPageProps } from './views/school-staff-page.js';
import { staffTexts as s } from './views/staff-texts.js';
import { SubstitutesPage, substituteTexts, type SubstitutesPageProps } from './views/substitutes-page.js';
import { amsterdamDate, type SubstituteService } from './substitutes/index.js';
import type { Clock } from '../lib/clock.js';

type Body = Record<string, string | undefined>;
/** Tokens are base64url; anything else cannot be a link we issued. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The token of a link in the path; `invalid` is the error for a link we cannot have issued. */
function linkToken(request: FastifyRequest, invalid: 'auth.link_invalid' | 'staff.link_invalid' = 'auth.link_invalid'): string {
  const token = (request.params as { token?: string }).token ?? '';
  if (!TOKEN_SHAPE.test(token)) throw new AppError(invalid);
  return token;
}

export const accountRoutes: FastifyPluginAsync<{ access: OperatorAccessService; secureCookies: boolean; signOut: SignOut }> = async (app, options) => {
  const { access, secureCookies, signOut } = options;

  app.get('/', async (request, reply) => seeOther(reply, homePath(request.actor)));

  app.get('/inloggen', async (request, reply) => {
    rememberReturnPath(request, reply, secureCookies);
    const signedOut = (request.query as { uitgelogd?: string }).uitgelogd === '1';
    return sendPage(reply, SignInPage({ context: pageContext(request, reply), signedOut }));
  });

  app.get(`${LOGIN_LINK_PATH}:token`, async (request, reply) => {
    const token = linkToken(request);
    if (!(await access.linkUsable(token))) throw new AppError('auth.link_invalid');
    return sendPage(reply, ConfirmLinkPage({ context: pageContext(request, reply), action: LOGIN_LINK_PATH + token }));
  });

  app.post(`${LOGIN_LINK_PATH}:token`, async (request, reply) => {
    const session = await access.redeem(linkToken(request), readSessionCookie(request));
    setSessionCookie(reply, session, secureCookies);
    // A fixed relative target: nothing in the request can choose where we send the browser.
    return seeOther(reply, '/beheer');
  });

  app.post('/uitloggen', async (request, reply) => {
    const { location } = await signOut(request, reply, { then: '/inloggen?uitgelogd=1' });
    return seeOther(reply, location);
  });
};

/** Holds the one-time token between the password and the authenticator code; 5 minutes. */
const TOTP_COOKIE = 'leerpoort_2fa';

const field = (request: FastifyRequest, name: string) => String((request.body as Body | undefined)?.[name] ?? '');

/** Errors a person can fix on the same form are shown there; everything else goes to the error page. */
function formError(error: unknown, codes: readonly string[]): AppError {
  if (isAppError(error) && codes.includes(error.code)) return error;
  throw error;
}

type StaffRouteOptions = { staff: StaffAccountService; sessions: SessionService; publishers: PublisherSessions; secureCookies: boolean; signOut: SignOut };

export const staffRoutes: FastifyPluginAsync<StaffRouteOptions> = async (app, options) => {
  const { staff, sessions, publishers, secureCookies, signOut } = options;
  const members = staff.members;

  async function signIn(request: FastifyRequest, reply: FastifyReply, subject: StaffSubject) {
    const session = await sessions.start(subject, { replacing: readSessionCookie(request) });
    setSessionCookie(reply, session, secureCookies);
    return seeOther(reply, '/account');
  }

  app.post('/inloggen', SIGN_IN_STEP, async (request, reply) => {
    const email = field(request, 'email');
    try {
      const result = await staff.signIn.loginWithPassword({ email, password: field(request, 'password'), ip: request.ip });
      if (result.kind === 'signedIn') return signIn(request, reply, result.subject);
      reply.setCookie(TOTP_COOKIE, result.pendingToken, { path: '/inloggen', httpOnly: true, sameSite: 'lax', secure: secureCookies, signed: true, maxAge: 300 });
      return seeOther(reply, '/inloggen/code');
    } catch (error) {
      const known = formError(error, ['staff.login_failed', 'staff.throttled']);
      await request.resolveDeferredActor();
      return sendPage(reply, SignInPage({ context: pageContext(request, reply), signedOut: false, email, error: known.message }), known.status);
    }
  });

  function pendingToken(request: FastifyRequest): string {
    const raw = request.cookies[TOTP_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    if (!unsigned?.valid || !unsigned.value) throw new AppError('staff.link_invalid');
    return unsigned.value;
  }

  app.get('/inloggen/code', async (request, reply) => {
    pendingToken(request);
    return sendPage(reply, TotpStepPage({ context: pageContext(request, reply) }));
  });

  app.post('/inloggen/code', SIGN_IN_STEP, async (request, reply) => {
    try {
      const subject = await staff.signIn.loginWithTotp({ pendingToken: pendingToken(request), code: field(request, 'code'), ip: request.ip });
      reply.clearCookie(TOTP_COOKIE, { path: '/inloggen' });
      return signIn(request, reply, subject);
    } catch (error) {
      const known = formError(error, ['staff.totp_invalid', 'staff.throttled']);
      await request.resolveDeferredActor();
      return sendPage(reply, TotpStepPage({ context: pageContext(request, reply), error: known.message }), known.status);
    }
  });

  app.get('/wachtwoord-vergeten', async (request, reply) => {
    const sent = (request.query as { verstuurd?: string }).verstuurd === '1';
    return sendPage(reply, ForgotPasswordPage({ context: pageContext(request, reply), sent }));
  });

  app.post('/wachtwoord-vergeten', async (request, reply) => {
    await staff.signIn.requestReset(field(request, 'email'));
    return seeOther(reply, '/wachtwoord-vergeten?verstuurd=1');
  });

  for (const [purpose, path] of [['activation', ACTIVATION_PATH], ['reset', RESET_PATH]] as const) {
    app.get(`${path}:token`, async (request, reply) => {
      const token = linkToken(request, 'staff.link_invalid');
      if (!(await staff.signIn.linkUsable(purpose, token))) throw new AppError('staff.link_invalid');
      return sendPage(reply, SetPasswordPage({ context: pageContext(request, reply), purpose, action: path + token }));
    });

    app.post(`${path}:token`, async (request, reply) => {
      const token = linkToken(request, 'staff.link_invalid');
      try {
        const result = await staff.signIn.setPasswordWithLink(purpose, token, field(request, 'password'));
        if (result.endSessions) {
          // Whoever knew the old password is out: here first, then at the publishers (OIDC grants, back-channel logout).
          await sessions.endAllFor(result.subject);
          await publishers.endAllOf([{ kind: 'staff', accountId: result.subject.accountId }]);
        }
        return signIn(request, reply, result.subject);
      } catch (error) {
        const known = formError(error, ['staff.password_rejected']);
        return sendPage(reply, SetPasswordPage({ context: pageContext(request, reply), purpose, action: path + token, error: known.message }), known.status);
      }
    });
  }

  async function renderAccount(request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; error?: string } = {}, status = 200) {
    const actor = assertActorKind(request.actor, 'staff');
    const account = await members.account(actor.accountId);
    if (!account) throw new AppError('staff.account_not_found');
    const available = totpAvailableFor(actor);
    const roleSchoolIds = actor.roles.flatMap((grant) => (grant.schoolId === null ? [] : [grant.schoolId]));
    const named = await members.schoolNames([...new Set([...actor.managedSchoolIds, ...roleSchoolIds])]);
    const schools = named.map((school) => ({ ...school, manages: actor.managedSchoolIds.includes(school.id) }));
    const totp = {
      available,
      enabled: account.totpEnabled,
      setup: available && !account.totpEnabled ? await staff.twoFactor.pending(actor) : null,
    };
    const boards = actor.roles.some((r) => r.role === 'boardAdmin') ? await staff.boardAdmins.boardsOf(actor) : [];
    return sendPage(reply, AccountPage({ context: pageContext(request, reply), actor, email: account.email, lastLoginAt: account.lastLoginAt, schools, boards, totp, ...extra }), status);
  }

  app.register(async (account) => {
    account.addHook('onRequest', requireActor('staff'));

    account.get('/account', async (request, reply) => {
      // A launch, SSO request or shortcut link that sent him to the login goes on now, once.
      const back = takeReturnPath(request, reply);
      if (back) return seeOther(reply, back);
      const notice = (request.query as { melding?: string }).melding;
      return renderAccount(request, reply, { notice: notice === 'aan' ? s.account.totpEnabled : notice === 'uit' ? s.account.totpDisabled : undefined });
    });

    account.post('/account/overal-uitloggen', async (request, reply) => {
      const actor = assertActorKind(request.actor, 'staff');
      const { location, ended } = await signOut(request, reply, { then: '/inloggen?uitgelogd=1', everywhere: { kind: 'staff', accountId: actor.accountId, label: actor.label } });
      await members.recordLogoutEverywhere(actor.accountId, ended);
      return seeOther(reply, location);
    });

    account.post('/account/tweestapsverificatie', async (request, reply) => {
      await staff.twoFactor.begin(assertActorKind(request.actor, 'staff'));
      return seeOther(reply, '/account');
    });

    for (const [action, path, notice] of [['confirm', 'bevestigen', 'aan'], ['disable', 'uitzetten', 'uit']] as const) {
      account.post(`/account/tweestapsverificatie/${path}`, async (request, reply) => {
        try {
          await staff.twoFactor[action](assertActorKind(request.actor, 'staff'), field(request, 'code'));
          return seeOther(reply, `/account?melding=${notice}`);
        } catch (error) {
          const known = formError(error, ['staff.totp_invalid']);
          return renderAccount(request, reply, { error: known.message }, known.status);
        }
      });
    }
  });
};

export const schoolStaffRoutes: FastifyPluginAsync<{ staff: StaffAccountService; schoolName: (schoolId: number) => Promise<string | null> }> = async (app, options) => {
  const { staff, schoolName } = options;
  app.addHook('onRequest', requireSchoolAccess);

  async function context(request: FastifyRequest) {
    const schoolId = schoolIdParam(request);
    const name = await schoolName(schoolId);
    if (name === null) throw new AppError('not_found');
    return { school: { id: schoolId, name }, actor: actorId(assertSchoolAccess(request.actor, schoolId)) };
  }

  async function render(request: FastifyRequest, reply: FastifyReply, extra: Pick<SchoolStaffPageProps, 'notice' | 'form'> = {}, status = 200) {
    const { school } = await context(request);
    const accounts = await staff.members.listForSchool({ schoolId: school.id });
    const actor = request.actor!;
    const changeable = await staff.status.changeable(actor, accounts.map((a) => a.accountId));
    return sendPage(reply, SchoolStaffPage({ context: pageContext(request, reply), school, accounts, changeable, ...extra }), status);
  }

  const base = '/beheer/scholen/:schoolId/medewerkers';

  app.get(base, async (request, reply) => {
    const query = request.query as { toegevoegd?: string; uitgenodigd?: string; actief?: string; overgeslagen?: string; status?: string };
    let notice: string | undefined;
    if (query.toegevoegd === '1') notice = s.school.added;
    else if (query.status === 'uit') notice = s.accountStatus.disabled;
    else if (query.status === 'aan') notice = s.accountStatus.enabled;
    else if (query.uitgenodigd !== undefined) {
      const n = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? '0', 10) || 0);
      notice = s.school.invited({ invited: n(query.uitgenodigd), alreadyActive: n(query.actief), skipped: n(query.overgeslagen) });
    }
    return render(request, reply, { notice });
  });

  app.post(base, async (request, reply) => {
    const { school, actor } = await context(request);
    const body = (request.body as Body | undefined) ?? {};
    const input = { email: body.email ?? '', displayName: body.displayName ?? '', role: body.role ?? '' };
    try {
      await staff.members.addToSchool(actor, { schoolId: school.id }, input);
    } catch (error) {
      if (!isAppError(error) || !['staff.invalid_email', 'staff.invalid_name', 'staff.invalid_role', 'mail.invalid_address'].includes(error.code)) throw error;
      return render(request, reply, { form: { ...input, error: error.message } }, error.status);
    }
    return seeOther(reply, `/beheer/scholen/${school.id}/medewerkers?toegevoegd=1`);
  });

  /** Switching a colleague's account off or on; the service checks that all her roles are within reach. */
  for (const [path, enabled] of [['inschakelen', true], ['uitschakelen', false]] as const) {
    app.post<{ Params: { schoolId: string; accountId: string } }>(`${base}/:accountId/${path}`, async (request, reply) => {
      const { school } = await context(request);
      if (!/^\d{1,15}$/.test(request.params.accountId)) throw new AppError('staff.account_not_found');
      await staff.status.setEnabled(request.actor!, Number(request.params.accountId), enabled, { schoolId: school.id });
      return seeOther(reply, `/beheer/scholen/${school.id}/medewerkers?status=${enabled ? 'aan' : 'uit'}`);
    });
  }

  app.post(`${base}/uitnodigen`, async (request, reply) => {
    const { school, actor } = await context(request);
    const summary = await staff.members.inviteFromRoster(actor, { schoolId: school.id });
    return seeOther(reply, `/beheer/scholen/${school.id}/medewerkers?uitgenodigd=${summary.invited}&actief=${summary.alreadyActive}&overgeslagen=${summary.skipped}`);
  });
};

/** A school's substitutes: the ICT-coördinator (every group) and teachers (their own groups); the service checks who may do what. */
export const substituteRoutes: FastifyPluginAsync<{ substitutes: SubstituteService; clock: Clock; schoolName: (schoolId: number) => Promise<string | null> }> = async (app, options) => {
  const { substitutes, clock, schoolName } = options;
  const base = '/beheer/scholen/:schoolId/invallers';
  const FORM_ERRORS = ['staff.invalid_email', 'staff.invalid_name', 'mail.invalid_address', 'substitutes.invalid_period', 'substitutes.period_too_long', 'substitutes.no_groups', 'substitutes.no_invalgroep'];

  async function scope(request: FastifyRequest) {
    if (!request.actor) throw new AppError('auth.required');
    const schoolId = schoolIdParam(request);
    const name = await schoolName(schoolId);
    if (name === null) throw new AppError('not_found');
    return { actor: request.actor, school: { id: schoolId, name } };
  }

  async function render(request: FastifyRequest, reply: FastifyReply, extra: Pick<SubstitutesPageProps, 'notice' | 'form'> = {}, status = 200) {
    const { actor, school } = await scope(request);
    const view = await substitutes.overview(actor, { schoolId: school.id });
    const now = clock.now();
    return sendPage(reply, SubstitutesPage({ context: pageContext(request, reply), school, now, today: amsterdamDate(now), ...view, ...extra }), status);
  }

  app.get(base, async (request, reply) => {
    const query = request.query as { gegeven?: string; uitgenodigd?: string; ingetrokken?: string; invalgroep?: string };
    let notice: string | undefined;
    if (query.gegeven === '1') notice = substituteTexts.granted(query.uitgenodigd === '1');
    else if (query.ingetrokken === '1') notice = substituteTexts.revoked;
    else if (query.invalgroep === '1') notice = substituteTexts.marked;
    return render(request, reply, { notice });
  });

  app.post(base, async (request, reply) => {
    const { actor, school } = await scope(request);
    const body = (request.body as Record<string, string | string[] | undefined> | undefined) ?? {};
    const one = (name: string) => String([body[name] ?? ''].flat()[0] ?? '');
    const groupIds = [body.groups ?? []].flat().map((v) => (/^\d{1,15}$/.test(v) ? Number(v) : -1));
    const input = { email: one('email'), displayName: one('displayName'), groupIds, invalgroep: one('invalgroep') === '1', from: one('from'), to: one('to') };
    try {
      const done = await substitutes.grant(actor, { schoolId: school.id }, input);
      return seeOther(reply, `/beheer/scholen/${school.id}/invallers?gegeven=1&uitgenodigd=${done.invited ? 1 : 0}`);
    } catch (error) {
      const shown = formError(error, FORM_ERRORS);
      return render(request, reply, { form: { ...input, error: shown.message } }, shown.status);
    }
  });

  app.post<{ Params: { schoolId: string; grantId: string } }>(`${base}/:grantId/intrekken`, async (request, reply) => {
    const { actor, school } = await scope(request);
    if (!/^\d{1,15}$/.test(request.params.grantId)) throw new AppError('substitutes.not_found');
    await substitutes.revoke(actor, { schoolId: school.id }, Number(request.params.grantId));
    return seeOther(reply, `/beheer/scholen/${school.id}/invallers?ingetrokken=1`);
  });

  app.post(`${base}/invalgroep`, async (request, reply) => {
    const { actor, school } = await scope(request);
    const raw = String((request.body as Body | undefined)?.group ?? '');
    if (!/^\d{1,15}$/.test(raw)) throw new AppError('substitutes.no_groups');
    await substitutes.markInvalgroep(actor, { schoolId: school.id }, Number(raw));
    return seeOther(reply, `/beheer/scholen/${school.id}/invallers?invalgroep=1`);
  });
};
