/** One pseudonym rule and one profile table for both protocols. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createPseudonyms, narrowerProfile, releaseFor, type ReleasePerson } from '../../src/sso/index.js';
import { AppError } from '../../src/lib/errors.js';

const pseudonyms = createPseudonyms('p'.repeat(40));
const pupil: ReleasePerson = {
  kind: 'pupil', subjectKey: 'pupil:12', id: 12, role: 'leerling', schoolId: 3, boardId: 1, brin: '12AB',
  givenName: 'Zoë', group: 'Groep 5a', yearGroup: '5', eckId: 'https://ketenid.nl/201703/' + 'a'.repeat(128),
};

test('pseudonyms are stable per publisher, differ between publishers and between people, and depend on the key', () => {
  const a = pseudonyms.forPublisher('uitgeverij-a', 'pupil:12');
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.equal(pseudonyms.forPublisher('uitgeverij-a', 'pupil:12'), a);
  assert.notEqual(pseudonyms.forPublisher('uitgeverij-b', 'pupil:12'), a);
  assert.notEqual(pseudonyms.forPublisher('uitgeverij-a', 'pupil:13'), a);
  assert.notEqual(createPseudonyms('q'.repeat(40)).forPublisher('uitgeverij-a', 'pupil:12'), a);
});

test('a pseudonym is the HMAC of its rule, also when it was remembered and after many others pushed it out', () => {
  const mac = (sector: string, subject: string) => createHmac('sha256', 'p'.repeat(40)).update(`leerpoort-pseudonym\0${sector}\0${subject}`).digest('hex');
  const fresh = createPseudonyms('p'.repeat(40));
  assert.equal(fresh.forPublisher('uitgeverij-a', 'pupil:12'), mac('uitgeverij-a', 'pupil:12'));
  assert.equal(fresh.forPublisher('uitgeverij-a', 'pupil:12'), mac('uitgeverij-a', 'pupil:12'), 'remembered');
  for (let i = 0; i < 10_050; i++) fresh.forPublisher('uitgeverij-b', `pupil:${i}`);
  assert.equal(fresh.forPublisher('uitgeverij-a', 'pupil:12'), mac('uitgeverij-a', 'pupil:12'), 'computed again');
  assert.equal(fresh.forPublisher('uitgeverij-b', 'pupil:10049'), mac('uitgeverij-b', 'pupil:10049'));
});

test('each profile releases exactly its attributes; the narrower profile wins', () => {
  assert.deepEqual(releaseFor(pupil, 'minimal', 'ps').values, { pseudonym: 'ps', role: 'leerling', brin: '12AB' });
  assert.deepEqual(releaseFor(pupil, 'standard', 'ps').attributes, ['pseudonym', 'role', 'brin', 'givenName', 'group', 'yearGroup']);
  assert.equal(releaseFor(pupil, 'with_eck', 'ps').values.eckId, pupil.eckId);
  assert.equal(narrowerProfile('with_eck', 'standard'), 'standard');
  assert.equal(narrowerProfile('minimal', 'with_eck'), 'minimal');
});

test('a with-ECK profile for a person without ECK iD is refused, not sent without it', () => {
  assert.throws(() => releaseFor({ ...pupil, eckId: null }, 'with_eck', 'ps'), (e: unknown) => e instanceof AppError && e.code === 'sso.eckid_missing');
  assert.deepEqual(releaseFor({ ...pupil, group: null }, 'standard', 'ps').attributes, ['pseudonym', 'role', 'brin', 'givenName', 'yearGroup']);
});
