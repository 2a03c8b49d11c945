/**
 * The error catalogue: every code has an HTTP status and a Dutch text, and the one mapper
 * turns each into a response that carries the code (problem+json for /api/, a Dutch page
 * otherwise). Framework errors (validation, unknown routes, crashes) map into the catalogue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { AppError, errorStatus, type ErrorCode } from '../../src/lib/errors.js';
import { errorMessages } from '../../src/lib/messages.js';
import { registerErrorMapper } from '../../src/http/errors.js';

const codes = Object.keys(errorStatus) as ErrorCode[];

test('every code has a status and a Dutch message, and every message a code', () => {
  assert.deepEqual(Object.keys(errorMessages).sort(), [...codes].sort());
  for (const code of codes) {
    assert.ok(errorStatus[code] >= 400 && errorStatus[code] <= 599, code);
    const message = errorMessages[code];
    assert.ok(message.length > 10, code);
    assert.match(message, /^[A-Z]/, `${code} starts like a sentence`);
    assert.doesNotMatch(message, /\b(the|please|error|invalid)\b/i, `${code} reads as Dutch`);
  }
});

async function mapperApp() {
  const app = Fastify({ logger: false });
  registerErrorMapper(app, { maxBytes: 1024 * 1024 });
  const throwIt = async (request: { params: unknown }) => {
    throw new AppError((request.params as { code: ErrorCode }).code, {}, undefined);
  };
  app.get('/api/fout/:code', throwIt);
  app.get('/pagina/fout/:code', throwIt);
  app.get('/api/kapot', async () => {
    throw new Error('database password is hunter2');
  });
  app.get('/pagina/kapot', async () => {
    throw new Error('database password is hunter2');
  });
  app.get('/api/getal/:n', { schema: { params: { type: 'object', properties: { n: { type: 'integer' } } } } }, async () => ({}));
  await app.ready();
  return app;
}

test('each code maps to a response that carries it', async () => {
  const app = await mapperApp();
  for (const code of codes) {
    const api = await app.inject({ method: 'GET', url: `/api/fout/${code}` });
    assert.equal(api.statusCode, errorStatus[code], code);
    assert.match(String(api.headers['content-type']), /^application\/problem\+json/, code);
    const problem = api.json() as { code: string; status: number; detail: string; title: string; type: string };
    assert.equal(problem.code, code);
    assert.equal(problem.status, errorStatus[code]);
    assert.ok(problem.detail.length > 0 && problem.title.length > 0);

    const page = await app.inject({ method: 'GET', url: `/pagina/fout/${code}` });
    if (code === 'auth.required') {
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, '/inloggen');
      continue;
    }
    assert.equal(page.statusCode, errorStatus[code], code);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.ok(page.body.includes(`data-code="${code}"`), code);
    assert.match(page.body, /<html lang="nl">/);
    assert.match(page.body, /<a href="\/">Naar de startpagina<\/a>/, 'a way back');
  }
  await app.close();
});

test('unknown errors are a generic Dutch 500 without internals; validation and 404 map to the catalogue', async () => {
  const app = await mapperApp();
  for (const url of ['/api/kapot', '/pagina/kapot']) {
    const response = await app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 500);
    assert.equal(response.body.includes('hunter2'), false);
    assert.equal(response.body.includes('at '), false, 'no stack trace');
    assert.match(response.body, /Er ging iets mis aan onze kant/);
  }
  const invalid = await app.inject({ method: 'GET', url: '/api/getal/abc' });
  assert.equal(invalid.statusCode, 400);
  assert.equal((invalid.json() as { code: string }).code, 'request.invalid');
  const missing = await app.inject({ method: 'GET', url: '/api/bestaat-niet' });
  assert.equal(missing.statusCode, 404);
  assert.equal((missing.json() as { code: string }).code, 'not_found');
  const missingPage = await app.inject({ method: 'GET', url: '/bestaat-niet' });
  assert.equal(missingPage.statusCode, 404);
  assert.match(missingPage.body, /Deze pagina bestaat niet/);
  await app.close();
});
