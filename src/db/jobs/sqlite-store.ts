/** SQL of the SQLite job queue (table `jobs`, made by migration 013 on SQLite only). */
import { sql, type Generated, type Kysely } from 'kysely';

export interface JobRow {
  id: Generated<number>;
  name: string;
  payload: string;
  /** created (waiting) | retry (waiting after a failure) | active | completed | failed */
  state: string;
  singleton_key: string | null;
  attempts: number;
  retry_limit: number;
  retry_delay: number;
  expire_in: number;
  start_after: string;
  owner: string | null;
  locked_until: string | null;
  started_at: string | null;
  completed_at: string | null;
  last_error: string | null;
  created_at: string;
}

export interface ClaimedJob {
  id: number;
  payload: string;
  attempts: number;
  expire_in: number;
}

export type JobsDb = Kysely<{ jobs: JobRow }>;

export async function insertJob(db: JobsDb, job: Pick<JobRow, 'name' | 'payload' | 'singleton_key' | 'retry_limit' | 'retry_delay' | 'expire_in' | 'start_after' | 'created_at'>): Promise<number | null> {
  // The partial unique index (name, singleton_key) WHERE state = 'created' drops a second waiting job.
  const row = await db.insertInto('jobs').values({ ...job, state: 'created', attempts: 0 })
    .onConflict((oc) => oc.doNothing())
    .returning('id').executeTakeFirst();
  return row?.id ?? null;
}

/** Marks the oldest due job of `name` active for `owner`; SQLite runs this one statement alone. */
export async function claimJob(db: JobsDb, name: string, owner: string, now: string, lockedUntil: string) {
  const result = await sql<ClaimedJob>`
    UPDATE jobs SET state = 'active', owner = ${owner}, attempts = attempts + 1, started_at = ${now}, locked_until = ${lockedUntil}
    WHERE id = (SELECT id FROM jobs WHERE name = ${name} AND state IN ('created', 'retry') AND start_after <= ${now} ORDER BY start_after, id LIMIT 1)
    RETURNING id, payload, attempts, expire_in`.execute(db);
  return result.rows[0];
}

export async function renewLeases(db: JobsDb, ids: number[], owner: string, lockedUntil: string): Promise<void> {
  await db.updateTable('jobs').set({ locked_until: lockedUntil }).where('id', 'in', ids).where('owner', '=', owner).where('state', '=', 'active').execute();
}

/** Active jobs whose lease ran out: their worker stopped renewing (it died, or was stopped hard). */
export async function expiredJobs(db: JobsDb, now: string) {
  return db.selectFrom('jobs').select(['id', 'owner']).where('state', '=', 'active').where('locked_until', '<', now).execute();
}

type Outcome = { ok: true; now: string } | { ok: false; error: string; now: string; backoff: (delay: number, retry: number) => number };

/**
 * Completes a job, or fails it into a retry (after the backoff) or, beyond its retry limit, into
 * failed. Only while `owner` still holds it: a job taken over after an expired lease is the
 * new holder's to finish. Completed jobs keep no payload.
 */
export async function finishJob(db: JobsDb, id: number, owner: string | null, outcome: Outcome): Promise<void> {
  const held = (q: any) => q.where('id', '=', id).where('state', '=', 'active').where('owner', owner === null ? 'is' : '=', owner);
  if (outcome.ok) {
    await held(db.updateTable('jobs').set({ state: 'completed', payload: 'null', completed_at: outcome.now, locked_until: null })).execute();
    return;
  }
  const job = await db.selectFrom('jobs').select(['attempts', 'retry_limit', 'retry_delay']).where('id', '=', id).executeTakeFirst();
  if (!job) return;
  const retry = job.attempts <= job.retry_limit;
  const startAfter = new Date(Date.parse(outcome.now) + outcome.backoff(job.retry_delay, job.attempts) * 1000).toISOString();
  await held(db.updateTable('jobs').set(retry
    ? { state: 'retry', start_after: startAfter, last_error: outcome.error.slice(0, 1000), locked_until: null, owner: null }
    : { state: 'failed', completed_at: outcome.now, last_error: outcome.error.slice(0, 1000), locked_until: null })).execute();
}

export async function pendingCount(db: JobsDb, name?: string): Promise<number> {
  let query = db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['created', 'retry', 'active']);
  if (name !== undefined) query = query.where('name', '=', name);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
