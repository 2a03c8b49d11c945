/**
 * Shortcut links (snelkoppelaar): `/snelkoppelaar?TARGET=<url>&INSTELLING_REF=<ref>` sends a
 * signed-in person straight to one method. Only targets a publisher registered are followed, so
 * the link can never be an open redirect. Matching rule (ADR 0007):
 *  - a registered URL that ends in `/` allows every URL of the same origin whose path starts
 *    with that path (e.g. `https://m.example/les/` allows `https://m.example/les/7?x=1`);
 *  - any other registered URL, and every active product's launch URL, matches only exactly.
 * The candidate is parsed as an absolute URL; credentials (`https://good@evil`), backslashes,
 * whitespace and control characters, encoded slashes and non-https schemes are refused before
 * any comparison, and the browser is sent to the parsed URL, never the raw text.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation, type Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError } from '../lib/errors.js';
import { isoNow, type Clock } from '../lib/clock.js';
import { publisherBy } from './store.js';
import { normaliseUrl } from './validation.js';

export interface ShortcutTarget {
  id: number;
  publisherId: number;
  url: string;
}

const UNSAFE_CHARACTERS = /[\\\s\u0000-\u001f\u007f]|%2f|%5c|%00/i;

/** The candidate as a safe absolute URL, or null. */
export function parseTarget(raw: string): URL | null {
  if (!raw || raw.length > 2000 || UNSAFE_CHARACTERS.test(raw)) return null;
  if (!/^https?:\/\/[^/]/i.test(raw)) return null; // absolute, with an authority; rules out `//evil`, `/\evil`, `javascript:`
  try {
    return new URL(normaliseUrl(raw));
  } catch {
    return null;
  }
}

/** Does `target` fall under `registered` by the rule above? Both are parsed, normalised URLs. */
export function targetMatches(target: URL, registered: URL): boolean {
  if (target.href === registered.href) return true;
  if (target.origin !== registered.origin) return false;
  if (!registered.pathname.endsWith('/') || registered.search || registered.hash) return false;
  return target.pathname.startsWith(registered.pathname);
}

/**
 * SQL pre-filter: every stored URL of this origin. An origin holds no `%` (forbidden in hosts);
 * a `_` in a host only widens the candidates, the exact rule is checked in code afterwards.
 */
function originPattern(origin: string): string {
  return `${origin}/%`;
}

export function createShortcutUseCases(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async add(actorId: string, input: { publisherSlug: string; url: string }): Promise<ShortcutTarget> {
      const url = normaliseUrl(input.url);
      const publisher = await publisherBy(db, { slug: input.publisherSlug.trim().toLowerCase() });
      if (!publisher) throw new AppError('catalogue.publisher_not_found', { publisher: input.publisherSlug });
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('shortcut_targets')
            .values({ publisher_id: publisher.id, url, created_by: actorId, created_at: isoNow(clock) })
            .returning(['id', 'publisher_id', 'url'])
            .executeTakeFirstOrThrow();
          await recordAudit(trx, clock, { actor: actorId, action: 'shortcut_target.added', details: { publisherId: publisher.id, url } });
          return { id: row.id, publisherId: row.publisher_id, url: row.url };
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.selectFrom('shortcut_targets').select(['id', 'publisher_id', 'url']).where('publisher_id', '=', publisher.id).where('url', '=', url).executeTakeFirstOrThrow();
        return { id: existing.id, publisherId: existing.publisher_id, url: existing.url };
      }
    },

    async list(publisherId: number): Promise<ShortcutTarget[]> {
      const rows = await db.selectFrom('shortcut_targets').select(['id', 'publisher_id', 'url']).where('publisher_id', '=', publisherId).orderBy('url').execute();
      return rows.map((r) => ({ id: r.id, publisherId: r.publisher_id, url: r.url }));
    },

    async remove(actorId: string, input: { publisherId: number; targetId: number }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom('shortcut_targets').where('id', '=', input.targetId).where('publisher_id', '=', input.publisherId).returning('url').executeTakeFirst();
        if (row) await recordAudit(trx, clock, { actor: actorId, action: 'shortcut_target.removed', details: { publisherId: input.publisherId, url: row.url } });
      });
    },

    /** The URL to send the browser to, or null when no publisher registered this target. */
    async resolve(raw: string): Promise<string | null> {
      const target = parseTarget(raw);
      if (!target) return null;
      const pattern = originPattern(target.origin);
      const [targets, launches] = await Promise.all([
        db.selectFrom('shortcut_targets').select('url').where('url', 'like', pattern).execute(),
        db.selectFrom('products').select('launch_url as url').where('active', '=', 1).where('launch_url', 'like', pattern).execute(),
      ]);
      if (targets.some((row) => targetMatches(target, new URL(row.url)))) return target.href;
      if (launches.some((row) => new URL(row.url).href === target.href)) return target.href;
      return null;
    },
  };
}
