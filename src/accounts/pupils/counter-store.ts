/**
 * The SQL of the database attempt counters (table attempt_buckets; see counters.ts for the
 * window). Every pupil sign-in bumps and reads them, so those two statements are compiled once
 * (db/compiled-once.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { compiledOncePerDatabase } from '../../db/compiled-once.js';

const bump = compiledOncePerDatabase<'key' | 'bucket' | 'one', Database, { count: number }>((db, p) =>
  db
    .insertInto('attempt_buckets')
    .values({ key: p('key'), bucket: p('bucket'), count: p('one') })
    .onConflict((oc) => oc.columns(['key', 'bucket']).doUpdateSet({ count: sql<number>`attempt_buckets.count + 1` }))
    .returning('count'),
);

/** Adds one to the key's bucket (created on first use); returns that bucket's new count. One upsert. */
export async function addToBucket(db: Kysely<Database>, key: string, bucket: number): Promise<number> {
  const [row] = (await bump(db)({ key, bucket, one: 1 })).rows;
  return Number(row.count);
}

/** One key's count from bucket `oldest` on, as a query of one row: run alone, or as a sub-query of a larger statement. */
export function bucketSum(db: Kysely<Database>, key: string, oldest: number) {
  return db
    .selectFrom('attempt_buckets')
    .select((eb) => eb.fn.sum<number | string | null>('count').as('total'))
    .where('key', '=', key)
    .where('bucket', '>=', oldest);
}

const sum = compiledOncePerDatabase<'key' | 'oldest', Database, { total: number | string | null }>((db, p) => bucketSum(db, p('key'), p('oldest')));

export async function sumBuckets(db: Kysely<Database>, key: string, oldest: number): Promise<number> {
  const [row] = (await sum(db)({ key, oldest })).rows;
  return Number(row?.total ?? 0);
}

export async function resetBuckets(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('attempt_buckets').where('key', '=', key).execute();
}

/** Buckets older than `before` (epoch ms) count for no window any more. */
export async function pruneBuckets(db: Kysely<Database>, before: number): Promise<void> {
  await db.deleteFrom('attempt_buckets').where('bucket', '<', before).execute();
}

/** The sums of several keys in one statement (keys without attempts are 0). */
export async function sumBucketsOf(db: Kysely<Database>, keys: readonly string[], oldest: number): Promise<number[]> {
  const rows = await db
    .selectFrom('attempt_buckets')
    .select((eb) => ['key', eb.fn.sum<number | string | null>('count').as('total')])
    .where('key', 'in', [...keys])
    .where('bucket', '>=', oldest)
    .groupBy('key')
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, Number(r.total ?? 0)]));
  return keys.map((key) => byKey.get(key) ?? 0);
}
