/**
 * The gate before every release of personal data (each SSO launch, each API read): the school's
 * board must have an active processing agreement with the publisher AND the school must have
 * ticked the publisher. One indexed query; nothing is cached, so an ended agreement or a
 * withdrawn consent stops the very next launch on every app instance.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { compiledOnce } from '../db/compiled-once.js';
import type { SharingProfile } from '../sso/index.js';
import type { Authorization, PublisherDirectory } from './types.js';

export function createAuthorizer(deps: { db: Kysely<Database>; publishers: PublisherDirectory }) {
  const { db, publishers } = deps;

  async function publisherName(publisherId: number): Promise<string> {
    return (await publishers.byId(publisherId))?.name ?? 'deze uitgeverij';
  }

  // Runs at every authorization, token and userinfo request: compiled once (db/compiled-once.ts).
  const gateOf = compiledOnce<'schoolId' | 'publisherId', Database, { agreementId: number | null; profile: string | null; granted: number | null }>(db, (p) =>
    db
      .selectFrom('schools')
      .leftJoin('processing_agreements as a', (join) =>
        join.onRef('a.board_id', '=', 'schools.board_id').on('a.publisher_id', '=', p('publisherId')).on('a.status', '=', sql.lit('active')),
      )
      .leftJoin('publisher_consents as c', (join) => join.onRef('c.school_id', '=', 'schools.id').on('c.publisher_id', '=', p('publisherId')))
      .select(['a.id as agreementId', 'a.profile as profile', sql<number | null>`c.granted`.as('granted')])
      .where('schools.id', '=', p('schoolId')),
  );

  return async function authorizeRelease(input: { schoolId: number; publisherId: number }): Promise<Authorization> {
    const [row] = (await gateOf(input)).rows;
    if (!row) throw new AppError('not_found');
    if (row.agreementId === null || row.agreementId === undefined) throw new AppError('privacy.no_agreement', { publisher: await publisherName(input.publisherId) });
    if (Number(row.granted) !== 1) throw new AppError('privacy.no_consent', { publisher: await publisherName(input.publisherId) });
    return { agreementId: Number(row.agreementId), profile: row.profile as SharingProfile };
  };
}
