/** The outbox pages, for the platform operator only: messages hold other people's one-time links. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../lib/errors.js';
import { pageContext, sendPage } from '../http/page.js';
import { requireOperator } from '../http/session.js';
import { OUTBOX_RETENTION_DAYS, type Mailer } from './mailer.js';
import { OUTBOX_PATH, OutboxListPage, OutboxMessagePage } from './views/outbox.js';

export const mailRoutes: FastifyPluginAsyncTypebox<{ mailer: Mailer }> = async (app, options) => {
  const { mailer } = options;
  const common = { transport: mailer.transport, retentionDays: OUTBOX_RETENTION_DAYS };

  app.get(OUTBOX_PATH, { onRequest: requireOperator }, async (request, reply) => {
    const messages = await mailer.outbox.list();
    return sendPage(reply, OutboxListPage({ context: pageContext(request, reply), ...common, messages }));
  });

  app.get(`${OUTBOX_PATH}/:id`, { onRequest: requireOperator, schema: { params: Type.Object({ id: Type.String({ maxLength: 20 }) }) } }, async (request, reply) => {
    // An id that is not a number, or a message already purged, is a page that does not exist.
    const message = /^\d{1,15}$/.test(request.params.id) ? await mailer.outbox.get(Number(request.params.id)) : null;
    if (!message) throw new AppError('not_found');
    return sendPage(reply, OutboxMessagePage({ context: pageContext(request, reply), ...common, message }));
  });
};
