/**
 * The roster hook: runs inside an applied import's transaction. It puts back ECK iDs Leerpoort
 * obtained earlier that the file cleared, and — when the school lets Leerpoort request ECK iDs
 * — records a request for every pupil in the file with a BSN or onderwijsnummer and no ECK iD.
 * The number is sealed at once (secret box, bound to the pupil); jobs are queued after the
 * commit by the dispatcher, so a request is never lost between the two.
 */
import type { Kysely } from 'kysely';
import { sealedColumn, type Database } from '../../db/index.js';
import type { RosterApplied } from '../../roster/index.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { insertRequests, loadSettings, pupilsWithoutEckid, requestsForPupils, restartRequest, restoreObtainedEckids, type NewPgn } from './store.js';

export const pgnPurpose = (schoolId: number, pupilId: number) => `eckid.pgn:${schoolId}:${pupilId}`;
export const hpgnPurpose = (schoolId: number, pupilId: number) => `eckid.hpgn:${schoolId}:${pupilId}`;

/** For `leerpoort secrets reseal`: the numbers of requests still in progress. */
export const requestSealedColumns = [
  sealedColumn({
    kind: 'eckid.pgn', label: "PGN's van lopende ECK iD-aanvragen", table: 'eckid_requests', key: 'id', column: 'sealed_pgn',
    purposeColumns: ['school_id', 'pupil_id'], purpose: (row) => pgnPurpose(Number(row.school_id), Number(row.pupil_id)),
  }),
  sealedColumn({
    kind: 'eckid.hpgn', label: "hPGN's van lopende ECK iD-aanvragen", table: 'eckid_requests', key: 'id', column: 'sealed_hpgn',
    purposeColumns: ['school_id', 'pupil_id'], purpose: (row) => hpgnPurpose(Number(row.school_id), Number(row.pupil_id)),
  }),
];

export interface OnImportDeps {
  secretBox: SecretBox;
  /** False when no salt is configured (production without ECKID_HPGN_SALT): nothing is requested. */
  canRequest: boolean;
  /** Called after the hook (still inside the transaction) when requests were recorded. */
  onRecorded?: (count: number) => void;
}

export async function recordRequestsForImport(deps: OnImportDeps, trx: Kysely<Database>, applied: RosterApplied): Promise<number> {
  const { schoolId, roster, now } = applied;
  await restoreObtainedEckids(trx, schoolId);
  if (!deps.canRequest || !(await loadSettings(trx, schoolId)).requestsEnabled) return 0;
  const withPgn = roster.pupils.filter((pupil) => pupil.eckid === null && pupil.pgn !== undefined);
  if (withPgn.length === 0) return 0;
  const ids = await pupilsWithoutEckid(trx, schoolId, withPgn.map((pupil) => pupil.key));
  const existing = await requestsForPupils(trx, schoolId, [...ids.values()]);
  const fresh: NewPgn[] = [];
  let restarted = 0;
  for (const pupil of withPgn) {
    const pupilId = ids.get(pupil.key);
    if (pupilId === undefined || pupil.pgn === undefined) continue;
    const item = { pupilId, kind: pupil.pgn.kind, sealedPgn: deps.secretBox.seal(pupil.pgn.value, pgnPurpose(schoolId, pupilId)) };
    const request = existing.get(pupilId);
    if (request === undefined) fresh.push(item);
    else if (request.status !== 'waiting') {
      // Failed or skipped before (perhaps a typo in the BSN, since corrected): start over.
      await restartRequest(trx, schoolId, request.id, item, now, false);
      restarted++;
    }
    // A waiting request keeps its number: its job may be hashing it right now.
  }
  await insertRequests(trx, schoolId, fresh, now);
  const count = fresh.length + restarted;
  if (count > 0) deps.onRecorded?.(count);
  return count;
}
