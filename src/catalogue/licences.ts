/**
 * Licences: a product for a school year, held by the whole school, one group, one pupil, one
 * staff account or one ECK iD. The operator (CLI, operator pages) and later the publisher's API
 * grant and revoke them; the school sees them with the cancellation deadline. A grant shows up
 * in the portal at once: tiles are computed from the licences on every request.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError } from '../lib/errors.js';
import { isoNow, type Clock } from '../lib/clock.js';
import * as store from './licence-store.js';
import { productById } from './store.js';
import { cancellationDeadline, normaliseSchoolYear, schoolYearAt } from './school-year.js';
import type { LicenceScope } from '../db/schema-parts/catalogue.js';

export type LicenceHolder =
  | { kind: 'school' }
  | { kind: 'group'; groupId: number }
  | { kind: 'pupil'; pupilId: number }
  | { kind: 'staff'; accountId: number }
  | { kind: 'eckid'; eckid: string }
  /** For the CLI and the school's form: a group by its name this school year, a staff member by e-mail. */
  | { kind: 'groupName'; name: string }
  | { kind: 'staffEmail'; email: string };

export interface GrantLicenceInput {
  schoolId: number;
  productId: number;
  /** e.g. 2026-2027; the current school year when absent. */
  schoolYear?: string;
  holder: LicenceHolder;
}

export interface LicenceView {
  id: number;
  productId: number;
  productName: string;
  productCode: string;
  publisherName: string;
  schoolYear: string;
  holder: { kind: LicenceScope; label: string };
  grantedBy: string;
  grantedAt: string;
  revokedAt: string | null;
  /** YYYY-MM-DD: the last day the school can cancel this licence for the next school year. */
  cancellationDeadline: string;
}

type Db = Kysely<Database>;

async function holderColumns(db: Db, schoolId: number, holder: LicenceHolder): Promise<store.HolderColumns> {
  const none = { group_id: null, pupil_id: null, staff_account_id: null, eckid: null };
  const notFound = (label: string) => new AppError('catalogue.licence_holder_not_found', { holder: label });
  switch (holder.kind) {
    case 'school':
      return { scope: 'school', ...none };
    case 'group': {
      const group = await db.selectFrom('groups').select('id').where('id', '=', holder.groupId).where('school_id', '=', schoolId).executeTakeFirst();
      if (!group) throw notFound(`groep ${holder.groupId}`);
      return { scope: 'group', ...none, group_id: group.id };
    }
    case 'pupil': {
      const pupil = await db.selectFrom('pupils').select('id').where('id', '=', holder.pupilId).where('school_id', '=', schoolId).executeTakeFirst();
      if (!pupil) throw notFound(`leerling ${holder.pupilId}`);
      return { scope: 'pupil', ...none, pupil_id: pupil.id };
    }
    case 'staff': {
      const school = await db.selectFrom('schools').select('board_id').where('id', '=', schoolId).executeTakeFirstOrThrow();
      const role = await db
        .selectFrom('staff_account_roles')
        .select('account_id')
        .where('account_id', '=', holder.accountId)
        .where((eb) => eb.or([eb('school_id', '=', schoolId), eb('board_id', '=', school.board_id)]))
        .executeTakeFirst();
      if (!role) throw notFound(`medewerker ${holder.accountId}`);
      return { scope: 'staff', ...none, staff_account_id: holder.accountId };
    }
    case 'groupName': {
      const group = await db
        .selectFrom('groups')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('active', '=', 1)
        .where('name', '=', holder.name.trim())
        .orderBy('school_year', 'desc')
        .executeTakeFirst();
      if (!group) throw notFound(`groep ${holder.name}`);
      return holderColumns(db, schoolId, { kind: 'group', groupId: group.id });
    }
    case 'staffEmail': {
      const account = await db.selectFrom('staff_accounts').select('id').where('email', '=', holder.email.trim().toLowerCase()).executeTakeFirst();
      if (!account) throw notFound(holder.email);
      return holderColumns(db, schoolId, { kind: 'staff', accountId: account.id });
    }
    case 'eckid': {
      const eckid = holder.eckid.trim();
      if (!eckid || eckid.length > 300) throw new AppError('catalogue.invalid_licence_holder', {});
      return { scope: 'eckid', ...none, eckid };
    }
    default:
      throw new AppError('catalogue.invalid_licence_holder', {});
  }
}

function holderLabel(row: Awaited<ReturnType<typeof store.licencesOfSchool>>[number]): string {
  switch (row.scope) {
    case 'school':
      return 'Hele school';
    case 'group':
      return `Groep ${row.group_name ?? row.group_id}`;
    case 'pupil':
      return `Leerling ${[row.nickname || row.first_names, row.prefix, row.last_name].filter(Boolean).join(' ') || row.pupil_id}`;
    case 'staff':
      return `Medewerker ${row.staff_name ?? ''} (${row.staff_email ?? row.staff_account_id})`;
    case 'eckid':
      return `ECK iD ${row.eckid}`;
  }
}

export function createLicenceUseCases(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async grant(actorId: string, input: GrantLicenceInput): Promise<{ id: number; created: boolean; schoolYear: string }> {
      const schoolYear = input.schoolYear ? normaliseSchoolYear(input.schoolYear) : schoolYearAt(clock.now());
      return db.transaction().execute(async (trx) => {
        const school = await trx.selectFrom('schools').select(['id', 'board_id']).where('id', '=', input.schoolId).executeTakeFirst();
        if (!school) throw new AppError('catalogue.school_not_found', { school: String(input.schoolId) });
        const product = await productById(trx, input.productId);
        if (!product) throw new AppError('catalogue.product_not_found', { product: String(input.productId) });
        const holder = await holderColumns(trx, school.id, input.holder);
        const existing = await store.activeLicenceLike(trx, school.id, product.id, schoolYear, holder);
        if (existing) return { id: existing.id, created: false, schoolYear };
        const id = await store.insertLicence(trx, { ...holder, productId: product.id, schoolId: school.id, schoolYear, grantedBy: actorId, grantedAt: isoNow(clock) });
        await recordAudit(trx, clock, {
          actor: actorId, action: 'licence.granted', boardId: school.board_id, schoolId: school.id,
          details: { licenceId: id, productId: product.id, schoolYear, scope: holder.scope, groupId: holder.group_id, pupilId: holder.pupil_id, accountId: holder.staff_account_id, eckid: holder.eckid },
        });
        return { id, created: true, schoolYear };
      });
    },

    async revoke(actorId: string, input: { schoolId: number; licenceId: number }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await store.revokeLicence(trx, input.schoolId, input.licenceId, actorId, isoNow(clock));
        if (!row) throw new AppError('catalogue.licence_not_found', { licence: String(input.licenceId) });
        await recordAudit(trx, clock, { actor: actorId, action: 'licence.revoked', schoolId: input.schoolId, details: { licenceId: row.id, productId: row.product_id, schoolYear: row.school_year } });
      });
    },

    async listForSchool(schoolId: number): Promise<LicenceView[]> {
      const rows = await store.licencesOfSchool(db, schoolId);
      return rows.map((row) => ({
        id: row.id,
        productId: row.product_id,
        productName: row.product_name,
        productCode: row.product_code,
        publisherName: row.publisher_name,
        schoolYear: row.school_year,
        holder: { kind: row.scope, label: holderLabel(row) },
        grantedBy: row.granted_by,
        grantedAt: row.granted_at,
        revokedAt: row.revoked_at,
        cancellationDeadline: cancellationDeadline(row.school_year),
      }));
    },

    currentSchoolYear: () => schoolYearAt(clock.now()),
  };
}
