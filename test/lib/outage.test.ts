/** Which driver errors count as "PostgreSQL or Redis is out of reach" (a 503), and which stay bugs (a 500). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isServiceOutage } from '../../src/lib/outage.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('pg and ioredis outage errors are recognised, also as the cause of another error', () => {
  for (const error of [
    withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('57P03', 'the database system is starting up'),
    withCode('08006'),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
    new Error('Connection is closed.'),
    Object.assign(new Error('Reached the max retries per request limit (which is 2).'), { name: 'MaxRetriesPerRequestError' }),
    new Error('wrapped', { cause: withCode('ECONNRESET') }),
  ]) {
    assert.equal(isServiceOutage(error), true, error.message);
  }
});

test('errors of the request or of our code are not outages', () => {
  for (const error of [new Error('boom'), withCode('23505', 'duplicate key'), withCode('42P01', 'relation does not exist'), withCode('SQLITE_BUSY'), null, undefined, 'text']) {
    assert.equal(isServiceOutage(error), false, String(error));
  }
});
