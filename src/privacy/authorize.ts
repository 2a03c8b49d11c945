/**
 * The gate before every release of personal data (each SSO launch, each API read): the school's
 * board must have an active processing agreement with the publisher AND the school must have
 * ticked the publisher. One indexed query, never cached across launches, so an ended agreement
 * or a withdrawn consent stops the very next launch on every app instance. (Within one launch,
 * with Redis, single sign-on keeps the authorization's decision for its code exchange and
 * userinfo; every change here ends that through `onGateChange`, ADR 0018.)
 *
 * The gate is defined here once, in two halves: `releaseGateFrom` (the SQL: which agreement and
 * which consent belong to a school row) and `verdict` (what those columns mean). authorizeRelease
 * runs them as a statement of its own; single sign-on joins the same half onto its person query
 * (through its port, sso/privacy-gate.ts) so an OIDC request reads the pupil and the gate in one
 * round trip instead of two. Privacy owns no person SQL: the caller adds the person.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { compiledOnce } from '../db/compiled-once.js';
import type { ReleaseGateColumns, SharingProfile } from '../sso/index.js';
import type { Authorization, PublisherDirectory } from './types.js';

/**
 * `schools` with the gate's columns for `publisherId` selected; the caller filters it to one
 * school. Left joins, so a school without agreement or consent still gives its row (with nulls)
 * and whatever the caller joins to it (the person) is read either way. At most one row per
 * school: one active agreement per board and publisher (processing_agreements_active_unique),
 * one consent row per school and publisher (its primary key).
 */
export function releaseGateFrom(db: Kysely<Database>, publisherId: number): SelectQueryBuilder<Database, 'schools', ReleaseGateColumns> {
  return db
    .selectFrom('schools')
    .leftJoin('processing_agreements as a', (join) =>
      join.onRef('a.board_id', '=', 'schools.board_id').on('a.publisher_id', '=', publisherId).on('a.status', '=', sql.lit('active')),
    )
    .leftJoin('publisher_consents as c', (join) => join.onRef('c.school_id', '=', 'schools.id').on('c.publisher_id', '=', publisherId))
    .select(['a.id as agreementId', 'a.profile as profile', sql<number | null>`c.granted`.as('granted')]);
}

export function createAuthorizer(deps: { db: Kysely<Database>; publishers: PublisherDirectory }) {
  const { db, publishers } = deps;

  async function publisherName(publisherId: number): Promise<string> {
    return (await publishers.byId(publisherId))?.name ?? 'deze uitgeverij';
  }

  /** The gate's meaning: agreement first, then consent (granted = 1); refusals name the publisher. */
  async function verdict(row: ReleaseGateColumns, publisherId: number): Promise<Authorization> {
    if (row.agreementId === null || row.agreementId === undefined) throw new AppError('privacy.no_agreement', { publisher: await publisherName(publisherId) });
    if (Number(row.granted) !== 1) throw new AppError('privacy.no_consent', { publisher: await publisherName(publisherId) });
    return { agreementId: Number(row.agreementId), profile: row.profile as SharingProfile };
  }

  // Runs wherever the gate is not joined onto a person query: compiled once (db/compiled-once.ts).
  const gateOf = compiledOnce<'schoolId' | 'publisherId', Database, ReleaseGateColumns>(db, (p) =>
    releaseGateFrom(db, p('publisherId')).where('schools.id', '=', p('schoolId')),
  );

  async function authorizeRelease(input: { schoolId: number; publisherId: number }): Promise<Authorization> {
    const [row] = (await gateOf(input)).rows;
    if (!row) throw new AppError('not_found');
    return verdict(row, input.publisherId);
  }

  return { authorizeRelease, releaseGate: { from: releaseGateFrom, verdict } };
}
