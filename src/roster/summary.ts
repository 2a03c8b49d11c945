/**
 * The shapes an import answers in: the ImportSummary every caller (CLI --json, push endpoint,
 * upload pages) receives, and the ImportRecord of the import log. Built here once so that a
 * preview, a held file and an applied file are reported alike.
 */
import { createHash } from 'node:crypto';
import { formatMessage, type ErrorCode } from '../lib/errors.js';
import type { FileProblem } from './edexml/model.js';
import type { ImportRunRow } from './store-imports.js';
import type { ImportSchool } from './store-schools.js';
import type { SyncPlan } from './sync/state.js';
import type { GuardResult, ImportCounts, ImportRecord, ImportSummary } from './types.js';

export interface FileFacts {
  sha256: string;
  bytes: number;
  edexmlVersion: string | null;
  schoolYear: string | null;
}

export function fileFacts(content: Buffer): FileFacts {
  return { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length, edexmlVersion: null, schoolYear: null };
}

const zero = () => ({ added: 0, updated: 0, deactivated: 0, unchanged: 0 });

export function emptyCounts(): ImportCounts {
  return { pupils: { ...zero(), moved: 0 }, groups: zero(), staff: zero(), locations: zero() };
}

/** A problem about the import as a whole (which school), reported like a problem in the file. */
export function importProblem(code: ErrorCode, params: Record<string, string | number>): FileProblem {
  return { severity: 'error', code, message: formatMessage(code, params), line: null, element: 'school', key: null };
}

export function buildSummary(parts: {
  importId: number | null;
  status: ImportSummary['status'];
  school: ImportSchool | null;
  file: FileFacts;
  plan?: SyncPlan;
  guard?: GuardResult;
  warnings: FileProblem[];
  errors?: FileProblem[];
}): ImportSummary {
  const { school, file, plan } = parts;
  return {
    importId: parts.importId,
    status: parts.status,
    school: school && { id: school.id, brin: school.brin, locationCode: school.locationCode, name: school.name },
    schoolYear: file.schoolYear,
    edexmlVersion: file.edexmlVersion,
    fileSha256: file.sha256,
    counts: plan?.counts ?? emptyCounts(),
    changes: plan?.changes ?? { pupils: [], staff: [], groups: [] },
    guard: parts.guard ?? null,
    warnings: parts.warnings,
    errors: parts.errors ?? [],
  };
}

export function toImportRecord(row: ImportRunRow, latestAppliedId: number | null): ImportRecord {
  return {
    id: row.id,
    schoolId: row.school_id,
    source: row.source,
    actor: row.actor,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileBytes: row.file_bytes,
    schoolYear: row.school_year,
    status: row.status,
    counts: JSON.parse(row.counts) as ImportCounts,
    problems: JSON.parse(row.problems) as FileProblem[],
    createdAt: row.created_at,
    appliedAt: row.applied_at,
    revertedAt: row.reverted_at,
    revertedBy: row.reverted_by,
    canUndo: row.id === latestAppliedId,
  };
}

/** How a person reads an import's status in "deze import is …". */
export const statusInDutch: Record<ImportRunRow['status'], string> = {
  preview: 'een voorbeeld dat nog wacht op bevestiging',
  held: 'aangehouden voor bevestiging',
  applied: 'al toegepast',
  refused: 'geweigerd',
  reverted: 'al ongedaan gemaakt',
  discarded: 'verworpen',
};
