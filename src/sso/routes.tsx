/**
 * The sso capability's own route: `/starten/:productId?school=<id>`, where every portal tile links
 * (see launch.ts for the steps). The protocols' endpoints live in oidc/routes.ts and saml/routes.tsx.
 * Not signed in → the login page first (the school's pupil page when the school is known),
 * with this path as the safe way back.
 */
import type { FastifyInstance } from 'fastify';
import type { OrganisationService } from '../organisations/index.js';
import { AppError } from '../lib/errors.js';
import { readSessionCookie } from '../http/session.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import type { Launcher } from './launch.js';
import { sendAutoPost } from './saml/routes.js';
import { loginPathFor } from '../http/return-path.js';
import { ChooseSchoolPage } from './saml/views/pages.js';

export async function launchRoutes(app: FastifyInstance, options: { launch: Launcher; organisations: Pick<OrganisationService, 'schoolById'> }): Promise<void> {
  app.get('/starten/:productId', async (request, reply) => {
    const raw = (request.params as { productId: string }).productId;
    if (!/^\d{1,15}$/.test(raw)) throw new AppError('not_found');
    const productId = Number(raw);
    const schoolRaw = (request.query as { school?: unknown }).school;
    const schoolId = typeof schoolRaw === 'string' && /^\d{1,15}$/.test(schoolRaw) ? Number(schoolRaw) : null;
    const here = `/starten/${productId}${schoolId !== null ? `?school=${schoolId}` : ''}`;

    if (!request.actor) {
      const school = schoolId !== null ? await options.organisations.schoolById(schoolId) : null;
      return seeOther(reply, loginPathFor(here, school));
    }
    const outcome = await options.launch(request.actor, productId, schoolId, readSessionCookie(request) ?? '');
    if ('redirect' in outcome) return seeOther(reply, outcome.redirect);
    if ('chooseFrom' in outcome) {
      const schools = await Promise.all(outcome.chooseFrom.map((id) => options.organisations.schoolById(id)));
      const list = schools.flatMap((s) => (s ? [{ id: s.id, name: s.name, href: `/starten/${productId}?school=${s.id}` }] : []));
      return sendPage(reply, <ChooseSchoolPage context={pageContext(request, reply)} target={outcome.productName} schools={list} />);
    }
    return sendAutoPost(request, reply, outcome.post, outcome.productName);
  });
}
