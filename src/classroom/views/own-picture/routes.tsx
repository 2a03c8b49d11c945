/**
 * `/leerling/plaatje`: a signed-in pupil chooses her own leerlingplaatje (the school or teacher
 * can still set it on the group overview). Only her own credential is touched: the pupil id
 * and school come from the session, never from the form.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { PupilAccessService } from '../../../accounts/pupils/index.js';
import { actorId, assertActorKind } from '../../../accounts/index.js';
import { sendPage, seeOther } from '../../../http/page.js';
import { requireActor } from '../../../http/session.js';
import { OwnPicturePage } from './page.js';

export const ownPictureRoutes: FastifyPluginAsync<{ pupilAccess: PupilAccessService }> = async (app, options) => {
  const { pupilAccess } = options;

  app.get<{ Querystring: { gekozen?: string } }>('/leerling/plaatje', { onRequest: requireActor('pupil') }, async (request, reply) => {
    const pupil = assertActorKind(request.actor, 'pupil');
    const credential = await pupilAccess.credential({ schoolId: pupil.schoolId }, pupil.pupilId);
    const current = credential?.picture ?? pupilAccess.admin.defaultPicture(pupil.pupilId);
    return sendPage(reply, <OwnPicturePage current={current} csrfToken={reply.generateCsrf()} justChosen={request.query.gekozen === '1'} />);
  });

  app.post<{ Body: { picture?: string } }>('/leerling/plaatje', { onRequest: requireActor('pupil') }, async (request, reply) => {
    const pupil = assertActorKind(request.actor, 'pupil');
    // An unknown id is refused by the service (pupils.invalid_picture, 400) before anything changes.
    await pupilAccess.admin.setPicture(actorId(pupil), { schoolId: pupil.schoolId }, pupil.pupilId, String(request.body?.picture ?? ''));
    return seeOther(reply, '/leerling/plaatje?gekozen=1');
  });
};
