/**
 * The disclosure ledger: record (chained by the appender), verify, and the scoped views and
 * CSV exports for schools and boards.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { DisclosureInput, LedgerEntry, LedgerQuery, LedgerScope, PublisherDirectory } from '../types.js';
import { createLedgerAppender } from './appender.js';
import { csvHeader, csvRow, CSV_BOM, type CsvContext } from './csv.js';
import { agreementReferences, readLedger, subjectNames } from './read.js';
import { toUnchained } from './record.js';
import { verifyLedger } from './verify.js';

/** One row as the school's or board's page shows it. */
export interface LedgerRow extends LedgerEntry {
  publisherName: string;
  agreementReference: string;
  /** School view only. */
  subjectName: string | null;
  /** Board view only: BRIN + dependancecode. */
  schoolCode: string | null;
}

const KIND_FALLBACK = { pupil: 'niet meer op school', staff: 'account verwijderd' } as const;

export function createLedger(deps: { db: Kysely<Database>; clock: Clock; publishers: PublisherDirectory }) {
  const { db, clock, publishers } = deps;
  const appender = createLedgerAppender(db);

  async function contextFor(scope: LedgerScope, entries: LedgerEntry[]): Promise<CsvContext> {
    const [all, references] = await Promise.all([publishers.list(), agreementReferences(db, entries.map((e) => e.agreementId))]);
    const names = new Map(all.map((p) => [p.id, p.name]));
    const context: CsvContext = {
      publisherName: (id) => names.get(id) ?? `uitgeverij #${id}`,
      agreementReference: (id) => references.get(id) ?? `overeenkomst #${id}`,
      subjectName: null,
      schoolCode: null,
    };
    if ('schoolId' in scope) {
      const subjects = await subjectNames(db, scope, entries);
      context.subjectName = (e) => subjects.get(`${e.subjectKind}:${e.subjectId}`) ?? KIND_FALLBACK[e.subjectKind];
    } else {
      const schools = await db.selectFrom('schools').select(['id', 'brin', 'location_code']).where('board_id', '=', scope.boardId).execute();
      const codes = new Map(schools.map((s) => [Number(s.id), `${s.brin}${s.location_code}`]));
      context.schoolCode = (id) => codes.get(id) ?? `#${id}`;
    }
    return context;
  }

  return {
    /** Chains one release; resolves once it is committed. Called on every launch, before the release. */
    record: async (input: DisclosureInput): Promise<void> => appender.append(toUnchained(input, isoNow(clock))),
    verify: () => verifyLedger(db),

    /** The newest entries of a school or board, for its page. */
    async list(scope: LedgerScope, query: LedgerQuery = {}): Promise<LedgerRow[]> {
      const { entries } = await readLedger(db, scope, { ...query, order: 'desc' });
      const context = await contextFor(scope, entries);
      return entries.map((e) => ({
        ...e,
        publisherName: context.publisherName(e.publisherId),
        agreementReference: context.agreementReference(e.agreementId),
        subjectName: context.subjectName ? context.subjectName(e) : null,
        schoolCode: context.schoolCode ? context.schoolCode(e.schoolId) : null,
      }));
    },

    /** The whole part (or the dates asked for) as CSV text, in pages so memory stays flat. */
    async *exportCsv(scope: LedgerScope, query: Omit<LedgerQuery, 'limit'> = {}): AsyncGenerator<string> {
      yield CSV_BOM + csvHeader({ subjectName: 'schoolId' in scope ? () => '' : null, schoolCode: 'schoolId' in scope ? null : () => '' });
      let afterSeq: number | undefined;
      for (;;) {
        const page = await readLedger(db, scope, { ...query, order: 'asc', limit: 2000, afterSeq });
        if (page.entries.length === 0) return;
        const context = await contextFor(scope, page.entries);
        yield page.entries.map((e) => csvRow(e, context)).join('');
        if (page.nextAfterSeq === null) return;
        afterSeq = page.nextAfterSeq;
      }
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
