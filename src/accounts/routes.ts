/**
 * Sign-in over HTTP. A login link is a GET that only shows a button; the POST uses it, so
 * mail scanners and link previews that fetch URLs cannot use up (or use) a link.
 */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../http/session.js';
import { LOGIN_LINK_PATH, type OperatorAccessService } from './operator-access.js';
import type { SessionService } from './sessions.js';
import { ConfirmLinkPage, SignInPage } from './views/pages.js';

/** Tokens are base64url; anything else cannot be a link we issued. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

function linkToken(params: unknown): string {
  const token = (params as { token?: string }).token ?? '';
  if (!TOKEN_SHAPE.test(token)) throw new AppError('auth.link_invalid');
  return token;
}

export const accountRoutes: FastifyPluginAsync<{ access: OperatorAccessService; sessions: SessionService; secureCookies: boolean }> = async (app, options) => {
  const { access, sessions, secureCookies } = options;

  // Where each signed-in person starts; pupils and parents have their own entry pages.
  const HOME = { operator: '/beheer', staff: '/account' } as const;
  app.get('/', async (request, reply) => {
    const kind = request.actor?.kind;
    return seeOther(reply, kind === 'operator' || kind === 'staff' ? HOME[kind] : '/inloggen');
  });

  app.get('/inloggen', async (request, reply) => {
    const signedOut = (request.query as { uitgelogd?: string }).uitgelogd === '1';
    return sendPage(reply, SignInPage({ context: pageContext(request, reply), signedOut }));
  });

  app.get(`${LOGIN_LINK_PATH}:token`, async (request, reply) => {
    const token = linkToken(request.params);
    if (!(await access.linkUsable(token))) throw new AppError('auth.link_invalid');
    return sendPage(reply, ConfirmLinkPage({ context: pageContext(request, reply), action: LOGIN_LINK_PATH + token }));
  });

  app.post(`${LOGIN_LINK_PATH}:token`, async (request, reply) => {
    const session = await access.redeem(linkToken(request.params), readSessionCookie(request));
    setSessionCookie(reply, session, secureCookies);
    // A fixed relative target: nothing in the request can choose where we send the browser.
    return seeOther(reply, '/beheer');
  });

  app.post('/uitloggen', async (request, reply) => {
    await sessions.end(readSessionCookie(request));
    clearSessionCookie(reply, secureCookies);
    return seeOther(reply, '/inloggen?uitgelogd=1');
  });
};
