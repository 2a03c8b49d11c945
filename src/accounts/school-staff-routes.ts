/**
 * A school's staff accounts, for the operator and the school's own managers (ICT-coördinator,
 * board admin). The school scope guard runs before anything else, so a manager of school A
 * gets 403 on school B's pages.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import { requireSchoolAccess, schoolIdParam } from '../http/session.js';
import { actorId, assertSchoolAccess } from './actor.js';
import type { StaffAccountService } from './staff/index.js';
import { SchoolStaffPage, type SchoolStaffPageProps } from './views/school-staff-page.js';
import { staffTexts as s } from './views/staff-texts.js';

type Body = Record<string, string | undefined>;

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
    return sendPage(reply, SchoolStaffPage({ context: pageContext(request, reply), school, accounts, ...extra }), status);
  }

  const base = '/beheer/scholen/:schoolId/medewerkers';

  app.get(base, async (request, reply) => {
    const query = request.query as { toegevoegd?: string; uitgenodigd?: string; actief?: string; overgeslagen?: string };
    let notice: string | undefined;
    if (query.toegevoegd === '1') notice = s.school.added;
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

  app.post(`${base}/uitnodigen`, async (request, reply) => {
    const { school, actor } = await context(request);
    const summary = await staff.members.inviteFromRoster(actor, { schoolId: school.id });
    return seeOther(reply, `/beheer/scholen/${school.id}/medewerkers?uitgenodigd=${summary.invited}&actief=${summary.alreadyActive}&overgeslagen=${summary.skipped}`);
  });
};
