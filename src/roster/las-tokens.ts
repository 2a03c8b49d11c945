/**
 * Per-school bearer tokens with which a LAS pushes EDEXML files. A token (256 random bits) is
 * shown once; only its SHA-256 hash is stored, so a database leak yields no usable token.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { isoNow, type Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { schoolById, schoolByRef } from './store-schools.js';
import { insertToken, revokeToken, tokenByHash, tokenById, tokensOfSchool, touchToken, type LasTokenRow } from './store-tokens.js';
import type { LasTokenInfo, LasTokenService, SchoolScope } from './types.js';

const TOKEN_PREFIX = 'lp_las_';
const LABEL_MAX = 100;

function toInfo(row: LasTokenRow): LasTokenInfo {
  return { id: row.id, label: row.label, createdAt: row.created_at, createdBy: row.created_by, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at };
}

function normaliseLabel(raw: string): string {
  const label = raw.trim().replace(/\s+/g, ' ');
  if (!label || label.length > LABEL_MAX) throw new AppError('request.invalid', { detail: `geef de sleutel een naam van hoogstens ${LABEL_MAX} tekens` });
  return label;
}

export function createLasTokenService(deps: { db: Kysely<Database>; clock: Clock }): LasTokenService {
  const { db, clock } = deps;

  async function audit(trx: Kysely<Database>, scope: SchoolScope, actor: string, action: string, details: Record<string, unknown>) {
    const school = await schoolById(trx, scope);
    await recordAudit(trx, clock, { actor, action, boardId: school?.boardId ?? null, schoolId: scope.schoolId, details });
  }

  async function create(scope: SchoolScope, actor: string, label: string) {
    const cleanLabel = normaliseLabel(label);
    const token = newToken(TOKEN_PREFIX);
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await insertToken(trx, scope, { label: cleanLabel, tokenHash: hashToken(token), createdAt: isoNow(clock), createdBy: actor });
      await audit(trx, scope, actor, 'roster.las_token.created', { tokenId: inserted.id, label: cleanLabel });
      return inserted;
    });
    return { token, info: toInfo(row) };
  }

  async function revoke(scope: SchoolScope, tokenId: number, actor: string) {
    await db.transaction().execute(async (trx) => {
      const row = await tokenById(trx, scope, tokenId);
      if (!row) throw new AppError('roster.token_not_found');
      if (row.revoked_at !== null) return;
      await revokeToken(trx, scope, tokenId, isoNow(clock));
      await audit(trx, scope, actor, 'roster.las_token.revoked', { tokenId, label: row.label });
    });
  }

  async function list(scope: SchoolScope) {
    return (await tokensOfSchool(db, scope)).map(toInfo);
  }

  async function authenticate(instellingRef: string, presentedToken: string) {
    if (!presentedToken.startsWith(TOKEN_PREFIX)) throw new AppError('roster.token_invalid');
    // Looking up by the hash of a 256-bit secret leaks nothing through timing: an attacker
    // cannot steer the hash towards a stored one.
    const [row, school] = await Promise.all([tokenByHash(db, hashToken(presentedToken)), schoolByRef(db, instellingRef)]);
    const valid = row !== undefined && school !== undefined && row.school_id === school.id && row.revoked_at === null;
    if (!valid) throw new AppError('roster.token_invalid');
    await touchToken(db, { schoolId: row.school_id }, row.id, isoNow(clock));
    return { schoolId: row.school_id, tokenId: row.id };
  }

  return { create, revoke, list, authenticate };
}
