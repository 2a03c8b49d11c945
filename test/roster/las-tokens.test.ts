/** LAS push tokens: shown once, stored as a hash, valid only for their own school, revocable. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { listSchoolAudit } from '../../src/audit/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { hashToken } from '../../src/lib/tokens.js';
import { createLasTokenService, type LasTokenService } from '../../src/roster/index.js';
import { openImportFixture, rejectsWith, type ImportFixture } from './import-fixtures.js';

const invalid = (promise: Promise<unknown>) => rejectsWith(promise, 'roster.token_invalid');

for (const database of testDatabases()) {
  describe(`LAS tokens (${database.name})`, () => {
    let fx: ImportFixture;
    let tokens: LasTokenService;
    before(async () => {
      fx = await openImportFixture(database);
      tokens = createLasTokenService({ db: fx.db.kysely, clock: systemClock });
    });
    after(() => fx.close());

    const refOf = async (schoolId: number) =>
      (await fx.db.kysely.selectFrom('schools').select('instelling_ref').where('id', '=', schoolId).executeTakeFirstOrThrow()).instelling_ref;

    test('a token is returned once, stored only as its hash, and authenticates for its school', async () => {
      const school = await fx.createSchool();
      const { token, info } = await tokens.create({ schoolId: school.id }, 'test:ict', '  ParnasSys  koppeling ');
      assert.match(token, /^lp_las_[A-Za-z0-9_-]{43}$/);
      assert.deepEqual([info.label, info.createdBy, info.revokedAt, info.lastUsedAt], ['ParnasSys koppeling', 'test:ict', null, null]);
      const stored = await fx.db.kysely.selectFrom('las_tokens').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow();
      assert.equal(stored.token_hash, hashToken(token));
      assert.ok(!JSON.stringify(stored).includes(token));

      assert.deepEqual(await tokens.authenticate(await refOf(school.id), token), { schoolId: school.id, tokenId: info.id });
      const [listed] = await tokens.list({ schoolId: school.id });
      assert.equal(listed.id, info.id);
      assert.ok(listed.lastUsedAt, 'last use is recorded');
      assert.ok(!JSON.stringify(await tokens.list({ schoolId: school.id })).includes(stored.token_hash), 'the list carries no hash');
      assert.equal((await listSchoolAudit(fx.db.kysely, { schoolId: school.id }))[0].action, 'roster.las_token.created');
    });

    test("a token is refused for another school's reference, when altered, and after revocation", async () => {
      const [mine, other] = [await fx.createSchool(), await fx.createSchool()];
      const { token, info } = await tokens.create({ schoolId: mine.id }, 'test:ict', 'ESIS');
      await invalid(tokens.authenticate(await refOf(other.id), token));
      await invalid(tokens.authenticate(await refOf(mine.id), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`));
      await invalid(tokens.authenticate(await refOf(mine.id), ''));
      await invalid(tokens.authenticate('no-such-reference', token));

      await rejectsWith(tokens.revoke({ schoolId: other.id }, info.id, 'test:other'), 'roster.token_not_found');
      assert.deepEqual(await tokens.list({ schoolId: other.id }), []);
      await tokens.authenticate(await refOf(mine.id), token);

      await tokens.revoke({ schoolId: mine.id }, info.id, 'test:ict');
      await invalid(tokens.authenticate(await refOf(mine.id), token));
      const [revoked] = await tokens.list({ schoolId: mine.id });
      assert.ok(revoked.revokedAt);
      assert.equal((await listSchoolAudit(fx.db.kysely, { schoolId: mine.id }))[0].action, 'roster.las_token.revoked');
      await tokens.revoke({ schoolId: mine.id }, info.id, 'test:ict');
      assert.equal((await tokens.list({ schoolId: mine.id }))[0].revokedAt, revoked.revokedAt, 'revoking twice keeps the first time');
    });

    test('a token needs a name', async () => {
      const school = await fx.createSchool();
      await rejectsWith(tokens.create({ schoolId: school.id }, 'test:ict', '   '), 'request.invalid');
      assert.deepEqual(await tokens.list({ schoolId: school.id }), []);
    });
  });
}
