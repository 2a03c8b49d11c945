/**
 * A launch's kept release decision in Redis (release-cache.ts, ADR 0018), at the level of its
 * storage: kept decisions count only while the gate generation they carry is current; a change
 * to one school and publisher ends theirs and no other; a decision read from a gate that changed
 * meanwhile (its generation read before the change) never counts; entries expire by themselves.
 * The flows (withdrawal, agreement narrowed or ended mid-launch) are in oidc-negative, which runs
 * with Redis when LEERPOORT_TEST_REDIS is set.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createReleaseCache, RELEASE_TTL_S } from '../../src/sso/oidc/release-cache.js';
import type { ReleaseDecision } from '../../src/sso/oidc/release.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS ?? null;

if (!redisUrl) test('kept release decisions in Redis', { skip: 'LEERPOORT_TEST_REDIS is not set: the release cache is not tested' }, () => {});

/** Numbers no other test run uses, so a shared Redis cannot mix them up. */
function uniqueIds() {
  const base = Number.parseInt(randomBytes(4).toString('hex'), 16);
  return { schoolA: base, schoolB: base + 1, publisher: base + 2, otherPublisher: base + 3, client: `client-${base}` };
}

function decisionFor(schoolId: number): ReleaseDecision {
  return {
    person: { kind: 'pupil', subjectKey: 'pupil:7', id: 7, role: 'leerling', schoolId, boardId: 1, brin: '00AA', givenName: 'Zoë', group: 'Groep 5', yearGroup: '5', eckId: null },
    agreementId: 3,
    profile: 'standard',
    release: { values: { pseudonym: 'p', givenName: 'Zoë' }, attributes: ['pseudonym', 'givenName'] },
  };
}

/** A cache on a connection of its own (closed after the test) and numbers of its own. */
function cacheOnRedis(t: TestContext, url: string) {
  const redis = new Redis(url);
  t.after(() => redis.disconnect());
  return { redis, cache: createReleaseCache<ReleaseDecision>(redis), ids: uniqueIds() };
}

if (redisUrl) {
  test('a kept decision counts until the gate of its school and publisher changes', async (t) => {
    const { cache, ids } = cacheOnRedis(t, redisUrl);
    const pupilA = `pupil:7@${ids.schoolA}`;
    const pupilB = `pupil:8@${ids.schoolB}`;

    await cache.keep(pupilA, ids.client, await cache.generation(ids.schoolA, ids.publisher), decisionFor(ids.schoolA));
    await cache.keep(pupilB, ids.client, await cache.generation(ids.schoolB, ids.publisher), decisionFor(ids.schoolB));
    assert.deepEqual(await cache.find(pupilA, ids.client, ids.schoolA, ids.publisher), decisionFor(ids.schoolA));
    assert.equal(await cache.find(pupilA, 'another-client', ids.schoolA, ids.publisher), null, 'kept per client');

    await cache.gateChanged([ids.schoolA], ids.otherPublisher);
    assert.ok(await cache.find(pupilA, ids.client, ids.schoolA, ids.publisher), "another publisher's change leaves it");

    await cache.gateChanged([ids.schoolA], ids.publisher);
    assert.equal(await cache.find(pupilA, ids.client, ids.schoolA, ids.publisher), null, 'its own gate changed: it no longer counts');
    assert.ok(await cache.find(pupilB, ids.client, ids.schoolB, ids.publisher), "another school's stays");

    await cache.gateChanged([ids.schoolA, ids.schoolB], ids.publisher);
    assert.equal(await cache.find(pupilB, ids.client, ids.schoolB, ids.publisher), null, "a board's agreement changes every school's");
  });

  test('a decision whose gate changed while it was being made never counts', async (t) => {
    const { cache, ids } = cacheOnRedis(t, redisUrl);
    const pupil = `pupil:9@${ids.schoolA}`;
    // The decider reads the generation first, then the database; the school withdraws meanwhile.
    const readBefore = await cache.generation(ids.schoolA, ids.publisher);
    await cache.gateChanged([ids.schoolA], ids.publisher);
    await cache.keep(pupil, ids.client, readBefore, decisionFor(ids.schoolA));
    assert.equal(await cache.find(pupil, ids.client, ids.schoolA, ids.publisher), null);
  });

  test('kept decisions expire by themselves', async (t) => {
    const { redis, cache, ids } = cacheOnRedis(t, redisUrl);
    await cache.keep(`pupil:1@${ids.schoolA}`, ids.client, '', decisionFor(ids.schoolA));
    const ttl = await redis.ttl(`leerpoort:oidc:release:${ids.client}:pupil:1@${ids.schoolA}`);
    assert.ok(ttl > RELEASE_TTL_S - 5 && ttl <= RELEASE_TTL_S, `ttl ${ttl}`);
  });
}
