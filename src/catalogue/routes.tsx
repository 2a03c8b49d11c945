/**
 * HTTP edge of the catalogue: staff's "Mijn lesmateriaal", shortcut links (snelkoppelaar), the
 * operator's publisher and product pages, and a school's licence page (the operator and the
 * school's ICT-coördinator). Forms call the same use cases as the CLI.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorId, assertOperator, type Actor } from '../accounts/index.js';
import { AppError, isAppError } from '../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import { requireActor, requireOperator, requireSchoolAccess, schoolIdParam } from '../http/session.js';
import { parseSchoolCode, type OrganisationService } from '../organisations/index.js';
import type { CatalogueService } from './service.js';
import type { LicenceHolder } from './licences.js';
import { cancellationDeadline } from './school-year.js';
import { loginPathFor } from '../http/return-path.js';
import { MaterialPage } from './views/material-page.js';
import { PublisherPage, PublishersPage, emptyForm, type FormState } from './views/publisher-pages.js';
import { LicencesPage } from './views/licences-page.js';
import { catalogueTexts as t } from './views/texts.js';

export interface CatalogueRouteOptions {
  catalogue: CatalogueService;
  organisations: Pick<OrganisationService, 'schoolById' | 'schoolByRef' | 'schoolsOfBoard' | 'schoolByCode'>;
  /** The school's active groups, for the licence form. */
  groupsOf: (schoolId: number) => Promise<Array<{ id: number; name: string }>>;
}

const text = Type.Optional(Type.String({ maxLength: 2000 }));
const idParam = (name: string) => Type.Object({ [name]: Type.String({ pattern: '^[0-9]{1,15}$' }) });

function kept(body: Record<string, unknown>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, typeof body[name] === 'string' ? (body[name] as string) : '']));
}

/** Only a refusal the person can fix re-renders the form; anything else goes to the error mapper. */
function formRefusal(error: unknown): AppError {
  if (isAppError(error) && error.status < 500) return error;
  throw error;
}

/** The schools a staff member works at: roster or manual roles, a board's schools, running substitute grants. */
async function staffSchoolIds(actor: Extract<Actor, { kind: 'staff' }>, organisations: CatalogueRouteOptions['organisations']): Promise<number[]> {
  const ids = new Set<number>();
  for (const role of actor.roles) {
    if (role.schoolId !== null) ids.add(role.schoolId);
    else if (role.boardId !== null) for (const school of await organisations.schoolsOfBoard({ boardId: role.boardId })) ids.add(school.id);
  }
  return [...ids];
}

export const catalogueRoutes: FastifyPluginAsyncTypebox<CatalogueRouteOptions> = async (app, options) => {
  const { catalogue, organisations } = options;

  app.get('/lesmateriaal', { onRequest: requireActor('staff') }, async (request, reply) => {
    const actor = request.actor as Extract<Actor, { kind: 'staff' }>;
    const schools = [];
    for (const schoolId of await staffSchoolIds(actor, organisations)) {
      const school = await organisations.schoolById(schoolId);
      if (!school?.active) continue;
      schools.push({ id: school.id, name: school.name, manages: actor.managedSchoolIds.includes(school.id), tiles: await catalogue.tilesFor({ kind: 'staff', accountId: actor.accountId, schoolId }) });
    }
    schools.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    return sendPage(reply, <MaterialPage context={pageContext(request, reply)} schools={schools} />);
  });

  app.get('/snelkoppelaar', { schema: { querystring: Type.Object({ TARGET: text, INSTELLING_REF: Type.Optional(Type.String({ maxLength: 64 })) }) } }, async (request, reply) => {
    const target = await catalogue.shortcuts.resolve(request.query.TARGET ?? '');
    if (!target) throw new AppError('catalogue.shortcut_target_refused', {});
    const rawRef = request.query.INSTELLING_REF ?? '';
    const school = /^[A-Za-z0-9_-]{1,64}$/.test(rawRef) ? await organisations.schoolByRef(rawRef) : null;
    if (rawRef && !school?.active) throw new AppError('catalogue.shortcut_school_not_found', {});
    const actor = request.actor;
    if (actor?.kind === 'pupil' || actor?.kind === 'staff') return reply.redirect(target, 303);
    // Back here after login: a local path built from the checked values, never the raw request.
    const back = `/snelkoppelaar?${new URLSearchParams({ TARGET: target, ...(school ? { INSTELLING_REF: school.instellingRef } : {}) })}`;
    return seeOther(reply, loginPathFor(back, school));
  });

  // --- Operator: publishers, products, shortcut targets -------------------------------------

  async function renderPublishers(request: FastifyRequest, reply: FastifyReply, form: FormState, notice: string | null, status = 200) {
    const [publishers, products] = await Promise.all([catalogue.publishers.list(), catalogue.products.list()]);
    const withCounts = publishers.map((p) => ({ ...p, productCount: products.filter((product) => product.publisherId === p.id).length }));
    return sendPage(reply, <PublishersPage context={pageContext(request, reply)} publishers={withCounts} form={form} notice={notice} />, status);
  }

  app.get('/beheer/uitgeverijen', { onRequest: requireOperator, schema: { querystring: Type.Object({ toegevoegd: Type.Optional(Type.String({ maxLength: 40 })) }) } }, async (request, reply) => {
    const added = request.query.toegevoegd ? await catalogue.publishers.bySlug(request.query.toegevoegd) : null;
    return renderPublishers(request, reply, emptyForm, added ? t.publishers.added(added.name) : null);
  });

  app.post('/beheer/uitgeverijen', { onRequest: requireOperator, schema: { body: Type.Object({ slug: text, name: text }) } }, async (request, reply) => {
    const values = kept(request.body, ['slug', 'name']);
    try {
      const publisher = await catalogue.publishers.add(actorId(assertOperator(request.actor)), { slug: values.slug, name: values.name });
      return seeOther(reply, `/beheer/uitgeverijen?toegevoegd=${encodeURIComponent(publisher.slug)}`);
    } catch (error) {
      const refusal = formRefusal(error);
      return renderPublishers(request, reply, { values, error: refusal }, null, refusal.status);
    }
  });

  async function renderPublisher(request: FastifyRequest, reply: FastifyReply, publisherId: number, forms: { product?: FormState; target?: FormState; notice?: string | null }, status = 200) {
    const publisher = await catalogue.publishers.byId(publisherId);
    if (!publisher) throw new AppError('not_found');
    const [products, targets] = await Promise.all([catalogue.products.list({ publisherId }), catalogue.shortcuts.list(publisherId)]);
    const page = <PublisherPage context={pageContext(request, reply)} publisher={publisher} products={products} targets={targets} productForm={forms.product ?? emptyForm} targetForm={forms.target ?? emptyForm} notice={forms.notice ?? null} />;
    return sendPage(reply, page, status);
  }

  const PublisherParams = idParam('publisherId');
  const notices: Record<string, string> = { product: 'Het product is toegevoegd.', doeladres: t.publisher.targetAdded, verwijderd: 'Het doeladres is verwijderd.' };

  app.get('/beheer/uitgeverijen/:publisherId', { onRequest: requireOperator, schema: { params: PublisherParams, querystring: Type.Object({ melding: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    return renderPublisher(request, reply, Number(request.params.publisherId), { notice: notices[request.query.melding ?? ''] ?? null });
  });

  const productFields = ['code', 'name', 'launchUrl', 'protocol', 'samlEntityId', 'iconUrl', 'leerkrachtApplicatie', 'toetsApplicatie'];
  app.post('/beheer/uitgeverijen/:publisherId/producten', { onRequest: requireOperator, schema: { params: PublisherParams, body: Type.Object(Object.fromEntries(productFields.map((f) => [f, text]))) } }, async (request, reply) => {
    const publisherId = Number(request.params.publisherId);
    const publisher = await catalogue.publishers.byId(publisherId);
    if (!publisher) throw new AppError('not_found');
    const values = kept(request.body, productFields);
    try {
      await catalogue.products.add(actorId(assertOperator(request.actor)), {
        publisherSlug: publisher.slug,
        code: values.code,
        name: values.name,
        launchUrl: values.launchUrl,
        protocol: values.protocol,
        samlEntityId: values.samlEntityId || null,
        iconUrl: values.iconUrl || null,
        tags: (['leerkrachtApplicatie', 'toetsApplicatie'] as const).filter((tag) => values[tag] === '1'),
      });
      return seeOther(reply, `/beheer/uitgeverijen/${publisherId}?melding=product`);
    } catch (error) {
      const refusal = formRefusal(error);
      return renderPublisher(request, reply, publisherId, { product: { values, error: refusal } }, refusal.status);
    }
  });

  app.post('/beheer/uitgeverijen/:publisherId/snelkoppelingen', { onRequest: requireOperator, schema: { params: PublisherParams, body: Type.Object({ url: text }) } }, async (request, reply) => {
    const publisherId = Number(request.params.publisherId);
    const publisher = await catalogue.publishers.byId(publisherId);
    if (!publisher) throw new AppError('not_found');
    const values = kept(request.body, ['url']);
    try {
      await catalogue.shortcuts.add(actorId(assertOperator(request.actor)), { publisherSlug: publisher.slug, url: values.url });
      return seeOther(reply, `/beheer/uitgeverijen/${publisherId}?melding=doeladres`);
    } catch (error) {
      const refusal = formRefusal(error);
      return renderPublisher(request, reply, publisherId, { target: { values, error: refusal } }, refusal.status);
    }
  });

  app.post('/beheer/uitgeverijen/:publisherId/snelkoppelingen/:targetId/verwijderen', { onRequest: requireOperator, schema: { params: Type.Object({ publisherId: Type.String({ pattern: '^[0-9]{1,15}$' }), targetId: Type.String({ pattern: '^[0-9]{1,15}$' }) }) } }, async (request, reply) => {
    const publisherId = Number(request.params.publisherId);
    await catalogue.shortcuts.remove(actorId(assertOperator(request.actor)), { publisherId, targetId: Number(request.params.targetId) });
    return seeOther(reply, `/beheer/uitgeverijen/${publisherId}?melding=verwijderd`);
  });

  // --- A school's licences: the operator and the school's ICT-coördinator -------------------

  /** The operator's way to a school's licences: by its BRIN + dependancecode (e.g. 12AB00). */
  app.get('/beheer/licenties', { onRequest: requireOperator, schema: { querystring: Type.Object({ school: Type.Optional(Type.String({ maxLength: 10 })) }) } }, async (request, reply) => {
    const { brin, locationCode } = parseSchoolCode(request.query.school ?? '');
    const school = await organisations.schoolByCode(brin, locationCode);
    if (!school) throw new AppError('organisations.school_not_found', { brin, locationCode });
    return seeOther(reply, `/beheer/scholen/${school.id}/licenties`);
  });


  async function renderLicences(request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, notice: string | null, status = 200) {
    const schoolId = schoolIdParam(request);
    const school = await organisations.schoolById(schoolId);
    if (!school) throw new AppError('not_found');
    const [licences, products, publishers, groups] = await Promise.all([
      catalogue.licences.listForSchool(schoolId),
      catalogue.products.list(),
      catalogue.publishers.list(),
      options.groupsOf(schoolId),
    ]);
    const publisherName = new Map(publishers.map((p) => [p.id, p.name]));
    const currentYear = catalogue.licences.currentSchoolYear();
    const start = Number(currentYear.slice(0, 4));
    const page = (
      <LicencesPage
        context={pageContext(request, reply)}
        school={{ id: school.id, name: school.name }}
        currentYear={currentYear}
        currentDeadline={cancellationDeadline(currentYear)}
        licences={licences}
        products={products.filter((p) => p.active).map((p) => ({ id: p.id, label: `${p.name} (${publisherName.get(p.publisherId) ?? ''})` }))}
        groups={groups}
        years={[currentYear, `${start + 1}-${start + 2}`]}
        form={form}
        notice={notice}
      />
    );
    return sendPage(reply, page, status);
  }

  const licenceNotices: Record<string, string> = { toegekend: t.licences.granted, ingetrokken: t.licences.revokedNotice };

  app.get('/beheer/scholen/:schoolId/licenties', { onRequest: requireSchoolAccess, schema: { querystring: Type.Object({ melding: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    return renderLicences(request, reply, undefined, licenceNotices[request.query.melding ?? ''] ?? null);
  });

  const licenceFields = ['product', 'schoolYear', 'holder', 'group', 'holderValue'];
  app.post('/beheer/scholen/:schoolId/licenties', { onRequest: requireSchoolAccess, schema: { body: Type.Object(Object.fromEntries(licenceFields.map((f) => [f, text]))) } }, async (request, reply) => {
    const schoolId = schoolIdParam(request);
    const values = kept(request.body, licenceFields);
    try {
      await catalogue.licences.grant(actorId(request.actor!), { schoolId, productId: Number(values.product) || 0, schoolYear: values.schoolYear || undefined, holder: holderFromForm(values) });
      return seeOther(reply, `/beheer/scholen/${schoolId}/licenties?melding=toegekend`);
    } catch (error) {
      const refusal = formRefusal(error);
      return renderLicences(request, reply, { values, error: refusal }, null, refusal.status);
    }
  });

  app.post('/beheer/scholen/:schoolId/licenties/:licenceId/intrekken', { onRequest: requireSchoolAccess, schema: { params: Type.Object({ schoolId: Type.String(), licenceId: Type.String({ pattern: '^[0-9]{1,15}$' }) }) } }, async (request, reply) => {
    const schoolId = schoolIdParam(request);
    await catalogue.licences.revoke(actorId(request.actor!), { schoolId, licenceId: Number(request.params.licenceId) });
    return seeOther(reply, `/beheer/scholen/${schoolId}/licenties?melding=ingetrokken`);
  });
};

function holderFromForm(values: Record<string, string>): LicenceHolder {
  const value = values.holderValue.trim();
  switch (values.holder || 'school') {
    case 'school':
      return { kind: 'school' };
    case 'group':
      return { kind: 'group', groupId: Number(values.group) || 0 };
    case 'pupil':
      return { kind: 'pupil', pupilId: /^\d{1,15}$/.test(value) ? Number(value) : 0 };
    case 'staff':
      return { kind: 'staffEmail', email: value };
    case 'eckid':
      return { kind: 'eckid', eckid: value };
    default:
      throw new AppError('catalogue.invalid_licence_holder', {});
  }
}
