/** SQL of licences; every query is scoped to one school. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { LicenceScope } from '../db/schema-parts/catalogue.js';
import type { HolderFacts } from './holders.js';

type Db = Kysely<Database>;

export interface LicenceRow {
  id: number;
  product_id: number;
  school_year: string;
  scope: LicenceScope;
  group_id: number | null;
  pupil_id: number | null;
  staff_account_id: number | null;
  eckid: string | null;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
}

export interface HolderColumns {
  scope: LicenceScope;
  group_id: number | null;
  pupil_id: number | null;
  staff_account_id: number | null;
  eckid: string | null;
}

export async function activeLicenceLike(db: Db, schoolId: number, productId: number, schoolYear: string, holder: HolderColumns) {
  let query = db
    .selectFrom('licences')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('product_id', '=', productId)
    .where('school_year', '=', schoolYear)
    .where('scope', '=', holder.scope)
    .where('revoked_at', 'is', null);
  for (const column of ['group_id', 'pupil_id', 'staff_account_id', 'eckid'] as const) {
    const value = holder[column];
    query = value === null ? query.where(column, 'is', null) : query.where(column, '=', value);
  }
  return query.executeTakeFirst();
}

export async function insertLicence(
  db: Db,
  values: HolderColumns & { productId: number; schoolId: number; schoolYear: string; grantedBy: string; grantedAt: string },
): Promise<number> {
  const row = await db
    .insertInto('licences')
    .values({
      product_id: values.productId,
      school_id: values.schoolId,
      school_year: values.schoolYear,
      scope: values.scope,
      group_id: values.group_id,
      pupil_id: values.pupil_id,
      staff_account_id: values.staff_account_id,
      eckid: values.eckid,
      granted_by: values.grantedBy,
      granted_at: values.grantedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function revokeLicence(db: Db, schoolId: number, licenceId: number, by: string, at: string): Promise<LicenceRow | null> {
  const row = await db
    .updateTable('licences')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', licenceId)
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function licencesOfSchool(db: Db, schoolId: number) {
  return db
    .selectFrom('licences')
    .innerJoin('products', 'products.id', 'licences.product_id')
    .innerJoin('publishers', 'publishers.id', 'products.publisher_id')
    .leftJoin('groups', (join) => join.onRef('groups.id', '=', 'licences.group_id').on('groups.school_id', '=', schoolId))
    .leftJoin('pupils', (join) => join.onRef('pupils.id', '=', 'licences.pupil_id').on('pupils.school_id', '=', schoolId))
    .leftJoin('staff_accounts', 'staff_accounts.id', 'licences.staff_account_id')
    .select([
      'licences.id', 'licences.product_id', 'licences.school_year', 'licences.scope', 'licences.group_id', 'licences.pupil_id',
      'licences.staff_account_id', 'licences.eckid', 'licences.granted_by', 'licences.granted_at', 'licences.revoked_at',
      'products.name as product_name', 'products.code as product_code', 'publishers.name as publisher_name',
      'groups.name as group_name', 'pupils.nickname', 'pupils.first_names', 'pupils.prefix', 'pupils.last_name',
      'staff_accounts.display_name as staff_name', 'staff_accounts.email as staff_email',
    ])
    .where('licences.school_id', '=', schoolId)
    .orderBy('licences.school_year', 'desc')
    .orderBy('publishers.name')
    .orderBy('products.name')
    .orderBy('licences.id')
    .execute();
}

/**
 * The ids of active products licensed to this person at her school for `schoolYear`: school-wide
 * licences, licences for one of her groups (any group when `groupIds` is null), for her own id,
 * or for one of her ECK iDs.
 */
export async function licensedProductIds(db: Db, facts: HolderFacts, schoolYear: string, productId?: number): Promise<number[]> {
  let query = db
    .selectFrom('licences')
    .innerJoin('products', 'products.id', 'licences.product_id')
    .select('licences.product_id')
    .distinct()
    .where('licences.school_id', '=', facts.schoolId)
    .where('licences.school_year', '=', schoolYear)
    .where('licences.revoked_at', 'is', null)
    .where('products.active', '=', 1);
  if (productId !== undefined) query = query.where('licences.product_id', '=', productId);
  query = query.where((eb) => {
    const holders = [eb('licences.scope', '=', 'school')];
    if (facts.groupIds === null) holders.push(eb('licences.scope', '=', 'group'));
    else if (facts.groupIds.length > 0) holders.push(eb.and([eb('licences.scope', '=', 'group'), eb('licences.group_id', 'in', facts.groupIds)]));
    if (facts.pupilId !== null) holders.push(eb.and([eb('licences.scope', '=', 'pupil'), eb('licences.pupil_id', '=', facts.pupilId)]));
    if (facts.accountId !== null) holders.push(eb.and([eb('licences.scope', '=', 'staff'), eb('licences.staff_account_id', '=', facts.accountId)]));
    if (facts.eckids.length > 0) holders.push(eb.and([eb('licences.scope', '=', 'eckid'), eb('licences.eckid', 'in', facts.eckids)]));
    return eb.or(holders);
  });
  const rows = await query.execute();
  return rows.map((r) => Number(r.product_id));
}

export async function tileRows(db: Db, productIds: number[]) {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('products')
    .innerJoin('publishers', 'publishers.id', 'products.publisher_id')
    .select(['products.id', 'products.name', 'products.icon_url', 'products.tags', 'publishers.name as publisher_name'])
    .where('products.id', 'in', productIds)
    .orderBy(sql`lower(products.name)`)
    .orderBy('products.id')
    .execute();
}
