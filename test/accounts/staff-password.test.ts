import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/accounts/staff/password.js';

test('passwords are hashed with argon2id m=19456 KiB, t=2, p=1 and verified', async () => {
  const hash = await hashPassword('paarse olifant danst op het dak');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(hash, 'paarse olifant danst op het dak'), true);
  assert.equal(await verifyPassword(hash, 'paarse olifant danst op het dak!'), false);
  assert.equal(await verifyPassword(null, 'wat dan ook'), false, 'no account: the dummy hash answers no');
  assert.equal(await verifyPassword('geen hash', 'wat dan ook'), false);
});

test('the password rules say in Dutch what is wrong', () => {
  const email = { email: 'marieke.jansen@school.nl' };
  assert.match(passwordProblem('kort', email) ?? '', /minstens 12 tekens/);
  assert.match(passwordProblem('Wachtwoord123', email) ?? '', /veel gebruikt/);
  assert.match(passwordProblem('aaaaaaaaaaaaaaa', email) ?? '', /veel gebruikt/);
  assert.match(passwordProblem('marieke.jansen-2026!', email) ?? '', /e-mailadres/);
  assert.match(passwordProblem('x'.repeat(10) + 'y'.repeat(200), email) ?? '', /hoogstens/);
  assert.equal(passwordProblem('paarse olifant danst op het dak', email), null);
});
