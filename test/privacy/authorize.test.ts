/**
 * The release gate: no personal data flows without both the board's processing agreement and
 * the school's consent; withdrawing either stops the next launch; every consent change has a
 * receipt whose hash covers its content.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { isAppError } from '../../src/lib/errors.js';
import { ICT, OPERATOR, schoolAndPublisher } from './helpers.js';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAppError(error), String(error));
    return { code: error.code, message: error.message };
  }
  assert.fail('expected a refusal');
}

for (const database of testDatabases()) {
  describe(`privacy: authorizeRelease (${database.name})`, () => {
    let t: TestApp;
    test('setup', async () => {
      t = await buildTestApp(database);
    });

    test('agreement × consent matrix: only both together release, with the agreement profile', async () => {
      for (const agreement of [undefined, 'standard'] as const) {
        for (const consent of [false, true]) {
          const { school, publisher } = await schoolAndPublisher(t, { agreement, consent });
          const call = t.capabilities.privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id });
          if (agreement && consent) {
            const result = await call;
            assert.equal(result.profile, 'standard');
            assert.ok(result.agreementId > 0);
          } else if (!agreement) {
            const r = await refusal(call);
            assert.equal(r.code, 'privacy.no_agreement');
            assert.match(r.message, /bestuur moet die eerst afsluiten/);
            assert.ok(r.message.includes(publisher.name), r.message);
          } else {
            const r = await refusal(call);
            assert.equal(r.code, 'privacy.no_consent');
            assert.match(r.message, /ICT-coördinator .* aanvinken onder "Uitgeverijen"/);
          }
        }
      }
    });

    test('the agreement of another board or for another publisher does not count', async () => {
      const a = await schoolAndPublisher(t, { agreement: 'with_eck', consent: true });
      const b = await schoolAndPublisher(t, { consent: false });
      await t.capabilities.privacy.consents.set(ICT, { schoolId: b.school.id }, { publisherId: a.publisher.id, granted: true });
      assert.equal((await refusal(t.capabilities.privacy.authorizeRelease({ schoolId: b.school.id, publisherId: a.publisher.id }))).code, 'privacy.no_agreement');
      await t.capabilities.privacy.consents.set(ICT, { schoolId: a.school.id }, { publisherId: b.publisher.id, granted: true });
      assert.equal((await refusal(t.capabilities.privacy.authorizeRelease({ schoolId: a.school.id, publisherId: b.publisher.id }))).code, 'privacy.no_agreement');
    });

    test('consent withdrawn, or agreement ended: the next authorizeRelease is refused', async () => {
      const { school, publisher } = await schoolAndPublisher(t, { agreement: 'with_eck', consent: true });
      const privacy = t.capabilities.privacy;
      assert.equal((await privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id })).profile, 'with_eck');
      await privacy.consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: false });
      assert.equal((await refusal(privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id }))).code, 'privacy.no_consent');
      await privacy.consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
      await privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: publisher.id, profile: 'minimal' });
      assert.equal((await privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id })).profile, 'minimal', 'a changed profile applies at once');
      await privacy.agreements.end(OPERATOR, { boardId: school.boardId }, publisher.id);
      assert.equal((await refusal(privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id }))).code, 'privacy.no_agreement');
      const renewed = await privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: publisher.id, profile: 'standard', reference: 'VO-2027' });
      const result = await privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id });
      assert.deepEqual(result, { agreementId: renewed.id, profile: 'standard' });
      const history = await privacy.agreements.list({ boardId: school.boardId });
      assert.deepEqual(history.map((a) => a.status).sort(), ['active', 'ended'], 'the ended agreement stays as history');
    });

    test('every consent change writes a receipt; an unchanged tick writes none', async () => {
      const { school, publisher, agreement } = await schoolAndPublisher(t, { agreement: 'standard' });
      const consents = t.capabilities.privacy.consents;
      const granted = await consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
      assert.ok(granted);
      assert.equal(await consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: true }), null);
      const withdrawn = await consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: false });
      assert.ok(withdrawn);
      const receipts = await consents.receipts({ schoolId: school.id });
      assert.deepEqual(receipts.map((r) => r.action), ['withdrawn', 'granted']);
      for (const receipt of receipts) {
        assert.match(receipt.number, /^OB-\d{6,}$/);
        assert.equal(receipt.actorName, 'Ida ICT');
        assert.equal(receipt.content.school.brin, school.brin);
        assert.equal(receipt.content.publisher.slug, publisher.slug);
        assert.deepEqual(receipt.content.agreement, { id: agreement!.id, profile: 'standard', reference: `VO-${publisher.slug}` });
        const stored = await t.db.kysely.selectFrom('consent_receipts').select('content').where('id', '=', receipt.id).executeTakeFirstOrThrow();
        assert.equal(receipt.hash, createHash('sha256').update(stored.content).digest('hex'));
      }
      assert.equal((await consents.receipt({ schoolId: school.id }, granted.number)).action, 'granted');
      const other = await schoolAndPublisher(t);
      assert.equal((await refusal(consents.receipt({ schoolId: other.school.id }, granted.number))).code, 'privacy.receipt_not_found');
    });

    test('two people ticking the same publisher at once: one change, one receipt', async () => {
      const { school, publisher } = await schoolAndPublisher(t, { agreement: 'minimal' });
      const results = await Promise.all([1, 2, 3].map(() => t.capabilities.privacy.consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: true })));
      assert.equal(results.filter((r) => r !== null).length, 1);
      assert.equal((await t.capabilities.privacy.consents.receipts({ schoolId: school.id })).length, 1);
    });

    test('invalid agreement input is refused in Dutch', async () => {
      const { school, publisher } = await schoolAndPublisher(t);
      const set = (extra: object) => t.capabilities.privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: publisher.id, profile: 'standard', ...extra });
      assert.equal((await refusal(set({ profile: 'everything' }))).code, 'privacy.invalid_profile');
      assert.equal((await refusal(set({ signedOn: '2026-02-30' }))).code, 'privacy.invalid_date');
      assert.equal((await refusal(set({ reference: 'x'.repeat(201) }))).code, 'privacy.invalid_reference');
      assert.equal((await refusal(t.capabilities.privacy.agreements.end(OPERATOR, { boardId: school.boardId }, publisher.id))).code, 'privacy.agreement_not_found');
    });

    test('teardown', async () => {
      await t.close();
    });
  });
}
