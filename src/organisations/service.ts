/**
 * Use cases for boards and schools: the operator creates them (CLI and operator UI share
 * these functions), everyone else looks them up.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation, type Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError } from '../lib/errors.js';
import { isoNow, type Clock } from '../lib/clock.js';
import { randomReference } from '../lib/tokens.js';
import * as store from './store.js';
import type { Board, School } from './store.js';
import { normaliseBoardNumber, normaliseBrin, normaliseLocationCode, normaliseName } from './validation.js';

export interface AddBoardInput {
  number: string;
  name: string;
}

export interface AddSchoolInput {
  boardNumber: string;
  brin: string;
  locationCode?: string;
  name: string;
  schoolkey?: string;
  street?: string;
  houseNumber?: string;
  houseNumberSuffix?: string;
  postcode?: string;
  city?: string;
}

const optional = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function createOrganisationService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  async function addBoard(actor: string, input: AddBoardInput): Promise<Board> {
    const number = normaliseBoardNumber(input.number);
    const name = normaliseName(input.name);
    try {
      return await db.transaction().execute(async (trx) => {
        if (await store.boardByNumber(trx, number)) throw new AppError('organisations.board_exists', { number });
        const board = await store.insertBoard(trx, { number, name, createdAt: isoNow(clock) });
        await recordAudit(trx, clock, { actor, action: 'board.created', boardId: board.id, details: { number, name } });
        return board;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('organisations.board_exists', { number });
      throw error;
    }
  }

  async function addSchool(actor: string, input: AddSchoolInput): Promise<School> {
    const boardNumber = normaliseBoardNumber(input.boardNumber);
    const brin = normaliseBrin(input.brin);
    const locationCode = normaliseLocationCode(input.locationCode);
    const name = normaliseName(input.name);
    try {
      return await db.transaction().execute(async (trx) => {
        const board = await store.boardByNumber(trx, boardNumber);
        if (!board) throw new AppError('organisations.board_not_found', { number: boardNumber });
        if (await store.schoolByCode(trx, brin, locationCode)) throw new AppError('organisations.school_exists', { brin, locationCode });
        const school = await store.insertSchool(trx, {
          boardId: board.id,
          brin,
          locationCode,
          name,
          schoolkey: optional(input.schoolkey),
          instellingRef: randomReference(16),
          address: {
            street: optional(input.street),
            houseNumber: optional(input.houseNumber),
            houseNumberSuffix: optional(input.houseNumberSuffix),
            postcode: optional(input.postcode)?.replace(/\s+/g, '').toUpperCase() ?? null,
            city: optional(input.city),
          },
          createdAt: isoNow(clock),
        });
        await recordAudit(trx, clock, {
          actor,
          action: 'school.created',
          boardId: board.id,
          schoolId: school.id,
          details: { brin, locationCode, name },
        });
        return school;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('organisations.school_exists', { brin, locationCode });
      throw error;
    }
  }

  return {
    addBoard,
    addSchool,
    listBoards: () => store.allBoards(db),
    listSchools: () => store.allSchoolsWithBoard(db),
    schoolsOfBoard: (scope: { boardId: number }) => store.schoolsOfBoard(db, scope),
    boardById: (id: number) => store.boardById(db, id),
    boardByNumber: (number: string) => store.boardByNumber(db, number),
    schoolById: (id: number) => store.schoolById(db, id),
    schoolByRef: (instellingRef: string) => store.schoolByRef(db, instellingRef),
    schoolByCode: (brin: string, locationCode: string) => store.schoolByCode(db, brin, locationCode),
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
