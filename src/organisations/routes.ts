/**
 * The operator's pages for boards and schools. The forms call the same use cases as the
 * CLI; a refusal re-renders the page with the Dutch message next to the field and the
 * input kept, anything else goes to the shared error mapper.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorId, assertOperator } from '../accounts/index.js';
import { isAppError } from '../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import { requireOperator } from '../http/session.js';
import type { OrganisationService } from './service.js';
import { emptyForm, type FormState, type FormValues } from './views/forms.js';
import { OperatorHomePage } from './views/operator-home.js';
import { organisationTexts as t } from './views/texts.js';

const field = Type.Optional(Type.String({ maxLength: 200 }));
const BoardBody = Type.Object({ number: field, name: field });
const SchoolBody = Type.Object({
  boardNumber: field,
  brin: field,
  locationCode: field,
  name: field,
  schoolkey: field,
  street: field,
  houseNumber: field,
  houseNumberSuffix: field,
  postcode: field,
  city: field,
});

/** Only the form's own fields are echoed back; the CSRF token gets a fresh value. */
function keptValues(body: Record<string, unknown>, names: string[]): FormValues {
  return Object.fromEntries(names.map((name) => [name, typeof body[name] === 'string' ? (body[name] as string) : '']));
}

export const organisationRoutes: FastifyPluginAsyncTypebox<{ organisations: OrganisationService }> = async (app, options) => {
  const { organisations } = options;

  async function renderHome(request: FastifyRequest, reply: FastifyReply, forms: { board?: FormState; school?: FormState; notice?: string | null }, status = 200) {
    const [boards, schools] = await Promise.all([organisations.listBoards(), organisations.listSchools()]);
    return sendPage(
      reply,
      OperatorHomePage({
        context: pageContext(request, reply),
        boards,
        schools,
        boardForm: forms.board ?? emptyForm,
        schoolForm: forms.school ?? emptyForm,
        notice: forms.notice ?? null,
      }),
      status,
    );
  }

  app.get('/beheer', { onRequest: requireOperator, schema: { querystring: Type.Object({ bestuur: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    const added = request.query.bestuur ? await organisations.boardByNumber(request.query.bestuur) : undefined;
    return renderHome(request, reply, { notice: added ? t.home.boardAdded(added.name) : null });
  });

  app.post('/beheer/besturen', { onRequest: requireOperator, schema: { body: BoardBody } }, async (request, reply) => {
    const actor = assertOperator(request.actor);
    const values = keptValues(request.body, ['number', 'name']);
    try {
      const board = await organisations.addBoard(actorId(actor), { number: values.number, name: values.name });
      return seeOther(reply, `/beheer?bestuur=${encodeURIComponent(board.number)}`);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      return renderHome(request, reply, { board: { values, error } }, error.status);
    }
  });

  app.post('/beheer/scholen', { onRequest: requireOperator, schema: { body: SchoolBody } }, async (request, reply) => {
    const actor = assertOperator(request.actor);
    const values = keptValues(request.body, Object.keys(SchoolBody.properties));
    try {
      const school = await organisations.addSchool(actorId(actor), {
        boardNumber: values.boardNumber,
        brin: values.brin,
        locationCode: values.locationCode,
        name: values.name,
        schoolkey: values.schoolkey,
        street: values.street,
        houseNumber: values.houseNumber,
        houseNumberSuffix: values.houseNumberSuffix,
        postcode: values.postcode,
        city: values.city,
      });
      return seeOther(reply, `/beheer/scholen/${school.id}?melding=school-toegevoegd`);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      return renderHome(request, reply, { school: { values, error } }, error.status);
    }
  });
};
