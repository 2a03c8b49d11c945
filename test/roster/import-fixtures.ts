/**
 * What the roster import tests share: a real database with a fresh board + school per test
 * (random BRIN, so tests never see each other's data), generated EDEXML files, and a snapshot
 * of every roster row of one school to compare states exactly.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openTestDatabase, uniqueBoardNumber, uniqueSchoolCode, type TestDatabase } from '../helpers/databases.js';
import type { Database, Db } from '../../src/db/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { isAppError } from '../../src/lib/errors.js';
import { createOrganisationService } from '../../src/organisations/index.js';
import { generateSchoolRoster, writeEdexml, type GeneratedRoster } from '../../src/roster/generator/index.js';
import { createRosterService, type ImportRequest, type RosterService } from '../../src/roster/index.js';

export interface TestSchool {
  id: number;
  brin: string;
  locationCode: string;
}

export interface ImportFixture {
  db: Db;
  roster: RosterService;
  createSchool(): Promise<TestSchool>;
  close(): Promise<void>;
}

export const LIMITS = { maxBytes: 16 * 1024 * 1024, guardShare: 0.3 };

export async function openImportFixture(database: TestDatabase): Promise<ImportFixture> {
  const db = await openTestDatabase(database);
  const organisations = createOrganisationService({ db: db.kysely, clock: systemClock });
  const roster = createRosterService({ db: db.kysely, clock: systemClock, limits: LIMITS });
  async function createSchool(): Promise<TestSchool> {
    for (;;) {
      try {
        const board = await organisations.addBoard('test', { number: uniqueBoardNumber(), name: 'Stichting Test' });
        const code = uniqueSchoolCode();
        const school = await organisations.addSchool('test', { boardNumber: board.number, ...code, name: `School ${code.brin}` });
        return { id: school.id, brin: school.brin, locationCode: school.locationCode };
      } catch (error) {
        // A random code or number another test already took: draw again.
        if (!(isAppError(error) && error.status === 409)) throw error;
      }
    }
  }
  return { db, roster, createSchool, close: () => db.close() };
}

/** A realistic roster for the school (deterministic per seed). */
export function rosterFor(school: TestSchool, options: { pupils?: number; seed?: number } = {}): GeneratedRoster {
  return generateSchoolRoster({ seed: options.seed ?? randomBytes(4).readUInt32BE(0), brin: school.brin, locationCode: school.locationCode, pupils: options.pupils ?? 60 });
}

export const fileOf = (roster: GeneratedRoster): Buffer => writeEdexml(roster);

export function request(content: Buffer, extra: Partial<ImportRequest> = {}): ImportRequest {
  return { content, fileName: 'export.xml', source: 'upload', actor: 'test:coordinator', mode: 'apply', ...extra };
}

/** Every roster row of one school (and its import log and audit entries, counted), ordered by id. */
export async function snapshot(db: Kysely<Database>, schoolId: number) {
  const [locations, groups, pupils, staff, subgroups, staffGroups] = await Promise.all([
    db.selectFrom('locations').selectAll().where('school_id', '=', schoolId).orderBy('id').execute(),
    db.selectFrom('groups').selectAll().where('school_id', '=', schoolId).orderBy('id').execute(),
    db.selectFrom('pupils').selectAll().where('school_id', '=', schoolId).orderBy('id').execute(),
    db.selectFrom('staff').selectAll().where('school_id', '=', schoolId).orderBy('id').execute(),
    db.selectFrom('pupil_subgroups').selectAll().where('school_id', '=', schoolId).orderBy('pupil_id').orderBy('group_id').execute(),
    db.selectFrom('staff_groups').selectAll().where('school_id', '=', schoolId).orderBy('staff_id').orderBy('group_id').execute(),
  ]);
  return { locations, groups, pupils, staff, subgroups, staffGroups };
}

export async function logSize(db: Kysely<Database>, schoolId: number) {
  const count = async (table: 'import_runs' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow()).n);
  return { runs: await count('import_runs'), audit: await count('audit_log') };
}

/** Rejects with an AppError of this code (and, when given, a message matching). */
export const rejectsWith = (promise: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(promise, (error: { code?: string; message: string }) => error.code === code && (!message || message.test(error.message)));
