/** HTTP edge of the ECK iD requests: the school's setting and progress page (see views/requests-page.tsx). */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { actorId } from '../../accounts/index.js';
import { AppError } from '../../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../../http/page.js';
import { requireSchoolAccess, schoolIdParam } from '../../http/session.js';
import type { OrganisationService } from '../../organisations/index.js';
import type { EckidRequestService } from './service.js';
import { EckidRequestsPage, requestsPath } from './views/requests-page.js';

export interface EckidRequestRouteOptions {
  requests: EckidRequestService;
  organisations: Pick<OrganisationService, 'schoolById'>;
}

export const eckidRequestRoutes: FastifyPluginAsync<EckidRequestRouteOptions> = async (app, { requests, organisations }) => {
  async function school(schoolId: number) {
    const found = await organisations.schoolById(schoolId);
    if (!found) throw new AppError('not_found');
    return found;
  }

  app.get<{ Querystring: { opgeslagen?: string } }>('/beheer/scholen/:schoolId/eck-id/aanvragen', { onRequest: requireSchoolAccess }, async (request, reply) => {
    const schoolId = schoolIdParam(request);
    const found = await school(schoolId);
    return sendPage(reply, <EckidRequestsPage context={pageContext(request, reply)} school={found}
      settings={await requests.settings(schoolId)} progress={await requests.progress(schoolId)}
      unavailable={requests.unavailableReason()} notice={request.query.opgeslagen === '1' ? 'De instelling is opgeslagen.' : null} />);
  });

  app.post('/beheer/scholen/:schoolId/eck-id/aanvragen', {
    onRequest: requireSchoolAccess,
    schema: { body: Type.Object({ aanvragen: Type.Optional(Type.String({ maxLength: 10 })) }) },
  }, async (request, reply) => {
    const schoolId = schoolIdParam(request);
    const found = await school(schoolId);
    const value = (request.body as { aanvragen?: string }).aanvragen;
    if (value !== 'aan' && value !== 'uit') throw new AppError('request.invalid', { detail: "Kies of Leerpoort ECK iD's aanvraagt." });
    await requests.setRequestsEnabled({ schoolId, boardId: found.boardId }, value === 'aan', actorId(request.actor!));
    return seeOther(reply, `${requestsPath(schoolId)}?opgeslagen=1`);
  });
};
