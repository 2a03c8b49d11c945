/**
 * Every fault of the Nummervoorziening, table-driven: the sandbox raises it over real HTTP,
 * the client turns it into its typed error with a Dutch message and the right retry policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { createNummervoorzieningClient, NummervoorzieningError, OPERATIONS, type NummervoorzieningClient, type RetryPolicy } from '../../src/eckid/nummervoorziening/index.js';
import { buildEnvelope } from '../../src/eckid/nummervoorziening/envelope.js';
import { startSandbox, SANDBOX_CHAINS, SANDBOX_SECTORS, type RunningSandbox, type SandboxOptions } from '../../src/eckid/sandbox/index.js';
import { errorForFault, nextAmsterdamMidnight } from '../../src/eckid/nummervoorziening/faults.js';
import { parseEnvelope } from '../../src/eckid/nummervoorziening/envelope.js';

const OIN = '00000001234567890000';
const CHAIN = SANDBOX_CHAINS[0].id;
const PO = SANDBOX_SECTORS[0].id;
const hpgn = (label: string) => createHash('sha256').update(label).digest('hex');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FaultCase {
  name: string;
  sandbox?: Partial<SandboxOptions>;
  act: (client: NummervoorzieningClient) => Promise<unknown>;
  code: string;
  retry: RetryPolicy['kind'];
  /** The fault actor the sandbox sent (null: none). */
  actor: string | null;
  message: RegExp;
}

const cases: FaultCase[] = [
  { name: 'hPGN that is not 64 hex', act: (c) => c.retrieveStampseudonym('ABC123'), code: 'invalid_input', retry: 'never', actor: 'InvalidInputException', message: /geen geldige hPGN.*Opnieuw proberen helpt niet/ },
  { name: 'hPGN in capitals', act: (c) => c.retrieveStampseudonym(hpgn('x').toUpperCase()), code: 'invalid_input', retry: 'never', actor: 'InvalidInputException', message: /geen geldige hPGN/ },
  { name: 'stampseudoniem in the wrong format', act: (c) => c.retrieveEckId('abc', CHAIN, PO), code: 'invalid_input', retry: 'never', actor: 'InvalidInputException', message: /geen geldig stampseudoniem/ },
  { name: 'unknown chain', act: async (c) => c.retrieveEckId(await c.retrieveStampseudonym(hpgn('k')), 'invalidchainguid', PO), code: 'unknown_chain', retry: 'never', actor: 'InvalidChainException', message: /kent deze keten niet \(Onbekende keten: invalidchainguid\)/ },
  { name: 'unknown sector', act: async (c) => c.retrieveEckId(await c.retrieveStampseudonym(hpgn('s')), CHAIN, 'invalidsectorguid'), code: 'unknown_sector', retry: 'never', actor: 'InvalidSectorException', message: /sector/ },
  { name: 'unknown chain in an ECK iD batch', act: (c) => c.submitEckIdBatch(['a'.repeat(128)], 'x', PO), code: 'unknown_chain', retry: 'never', actor: 'InvalidChainException', message: /keten/ },
  { name: 'empty batch', act: (c) => c.submitStampseudonymBatch([]), code: 'invalid_input', retry: 'never', actor: 'InvalidInputException', message: /batch is leeg/ },
  { name: 'the same index twice in a batch', act: (c) => c.submitStampseudonymBatch([{ index: 1, value: hpgn('1') }, { index: 1, value: hpgn('2') }]), code: 'invalid_input', retry: 'never', actor: 'InvalidInputException', message: /eigen geheel getal als index/ },
  { name: 'replace an hPGN by itself', act: (c) => c.replaceStampseudonym(hpgn('same'), hpgn('same')), code: 'invalid_input', retry: 'never', actor: 'InvalidInputException', message: /gelijk/ },
  {
    name: 'replacement that conflicts with an earlier one',
    act: async (c) => {
      await c.replaceStampseudonym(hpgn('old-1'), hpgn('new'));
      return c.replaceStampseudonym(hpgn('old-2'), hpgn('new'));
    },
    code: 'replacement_conflict', retry: 'never', actor: 'ReplacementConflictException', message: /ander oud hPGN/,
  },
  { name: 'batch not finished yet', sandbox: { batchReadyAfterMs: 60_000 }, act: async (c) => c.retrieveBatch(await c.submitStampseudonymBatch([hpgn('n')])), code: 'batch_not_finished', retry: 'poll', actor: 'NotFinishedException', message: /nog bezig met batch [0-9a-f-]{36}\. Leerpoort vraagt het over 60 seconden opnieuw/ },
  {
    name: 'batch retrieved twice',
    act: async (c) => {
      const id = await c.submitStampseudonymBatch([hpgn('twice')]);
      await c.waitForBatch(id, { intervalMs: 20 });
      return c.retrieveBatch(id);
    },
    code: 'batch_already_retrieved', retry: 'never', actor: 'AlreadyRetrievedException', message: /al eerder opgehaald/,
  },
  { name: 'unknown batch', act: (c) => c.retrieveBatch('invalid_batch_identifier'), code: 'batch_unknown', retry: 'never', actor: 'UnknownBatchException', message: /invalid_batch_identifier niet/ },
  {
    name: 'daily batch limit',
    sandbox: { dailyBatchLimit: 2 },
    act: async (c) => {
      await c.submitStampseudonymBatch([hpgn('d1')]);
      await c.submitStampseudonymBatch([hpgn('d2')]);
      return c.submitStampseudonymBatch([hpgn('d3')]);
    },
    code: 'daily_batch_limit', retry: 'tomorrow', actor: 'BatchLimitExceededException', message: /maximale aantal batches per dag.*morgen opnieuw \(vanaf \d/,
  },
  {
    name: 'temporary block after repeated invalid requests',
    sandbox: { blockAfterInvalid: 3, blockMinutes: 15 },
    act: async (c) => {
      for (let i = 0; i < 3; i++) await c.retrieveStampseudonym('kapot').catch(() => undefined);
      return c.ping();
    },
    code: 'temporarily_blocked', retry: 'later', actor: 'BlockedException', message: /tijdelijk.*over 15 minuten opnieuw/,
  },
  { name: 'OIN without an agreement', sandbox: { allowedOins: ['00000000000000000001'] }, act: (c) => c.ping(), code: 'not_authorized', retry: 'never', actor: 'NotAuthorizedException', message: new RegExp(`OIN ${OIN} niet toe`) },
];

for (const row of cases) {
  test(`fault: ${row.name} → nummervoorziening.${row.code} (${row.retry})`, async () => {
    const sandbox = await startSandbox({ key: 'fault-key', batchReadyAfterMs: 50, ...row.sandbox });
    const client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN, pollIntervalMs: 20 });
    try {
      const error = await row.act(client).then(
        () => assert.fail('expected a fault'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof NummervoorzieningError, String(error));
      assert.equal(error.code, `nummervoorziening.${row.code}`);
      assert.equal(error.retry.kind, row.retry);
      assert.equal(error.retryable, row.retry !== 'never');
      assert.equal(error.fault?.actor ?? null, row.actor);
      assert.match(error.message, row.message);
      assert.doesNotMatch(error.message, /\{\w+\}/, 'every placeholder filled');
      assert.equal(sandbox.seen.at(-1)?.faultKind, row.code, 'the sandbox raised exactly this fault');
      if (error.retry.kind === 'poll') assert.ok(error.retry.afterMs >= 59_000 && error.retry.afterMs <= 60_000);
      if (error.retry.kind === 'later') assert.ok(error.retry.afterMs > 14 * 60_000 && error.retry.afterMs <= 15 * 60_000);
      if (error.retry.kind === 'tomorrow') {
        const at = Date.parse(error.retry.at);
        assert.ok(at > Date.now() && at <= Date.now() + 25 * 3_600_000);
      }
    } finally {
      client.close();
      await sandbox.close();
    }
  });
}

test('the daily limit and the block are per OIN: another organisation carries on', async () => {
  const sandbox = await startSandbox({ key: 'fault-key', dailyBatchLimit: 1, blockAfterInvalid: 2 });
  const client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN });
  const other = client.forOin('00000009999999990000');
  try {
    await client.submitStampseudonymBatch([hpgn('a')]);
    await assert.rejects(client.submitStampseudonymBatch([hpgn('b')]), { code: 'nummervoorziening.daily_batch_limit' });
    assert.match(await other.submitStampseudonymBatch([hpgn('b')]), /^[0-9a-f-]{36}$/);
    for (let i = 0; i < 2; i++) await client.retrieveStampseudonym('x').catch(() => undefined);
    await assert.rejects(client.ping(), { code: 'nummervoorziening.temporarily_blocked' });
    assert.equal((await other.ping()).available, true);
  } finally {
    client.close();
    await sandbox.close();
  }
});

/** Raw SOAP posts for what the client itself never sends wrongly: the WS-Addressing checks. */
async function rawPost(sandbox: RunningSandbox, headers: Parameters<typeof buildEnvelope>[0], soapAction: string, body = '<sid:pingRequest/>') {
  const response = await fetch(sandbox.url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapAction}"` }, body: buildEnvelope(headers, body) });
  return { status: response.status, envelope: parseEnvelope(await response.text()) };
}

test('WS-Addressing faults: missing or wrong From, To, Action or MessageID → nummervoorziening.addressing (never)', async () => {
  const sandbox = await startSandbox({ key: 'fault-key' });
  const ping = OPERATIONS.ping.action;
  const good = { action: ping, messageId: 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427', to: sandbox.url, from: `http://www.w3.org/2005/08/addressing/anonymous?oin=${OIN}` };
  const rows: Array<[string, Parameters<typeof buildEnvelope>[0], string, RegExp]> = [
    ['no From', { ...good, from: undefined }, ping, /wsa:From/],
    ['From without an OIN', { ...good, from: 'http://www.w3.org/2005/08/addressing/anonymous' }, ping, /wsa:From/],
    ['From with a short OIN', { ...good, from: 'http://www.w3.org/2005/08/addressing/anonymous?oin=123' }, ping, /OIN van 20 cijfers/],
    ['To another service', { ...good, to: 'https://elders.example/dienst' }, ping, /wsa:To/],
    ['unknown Action', { ...good, action: 'urn:iets-anders' }, 'urn:iets-anders', /wsa:Action/],
    ['SOAPAction differs from Action', good, OPERATIONS.retrieveChains.action, /SOAPAction/],
    ['no MessageID', { ...good, messageId: '' }, ping, /MessageID/],
  ];
  try {
    for (const [name, headers, soapAction, detail] of rows) {
      const { status, envelope } = await rawPost(sandbox, headers, soapAction);
      assert.equal(status, 500, name);
      assert.ok(envelope.fault, name);
      assert.equal(envelope.fault.code, 'InvalidAddressingHeader', name);
      const error = errorForFault(envelope.fault, { now: new Date(), oin: OIN });
      assert.equal(error.code, 'nummervoorziening.addressing', name);
      assert.equal(error.retry.kind, 'never', name);
      assert.match(error.message, detail, name);
    }
    const ok = await rawPost(sandbox, good, ping);
    assert.equal(ok.status, 200);
    assert.equal(ok.envelope.headers.relatesTo, good.messageId, 'the answer relates to the request');
    assert.equal(ok.envelope.headers.action, 'http://ketenid.nl/eck/schemas/v1_0/EckIDPort/pingResponse');
    const wrongBody = await rawPost(sandbox, good, ping, '<sid:retrieveChainsRequest/>');
    assert.equal(wrongBody.envelope.fault?.actor, 'InvalidInputException');
  } finally {
    await sandbox.close();
  }
});

test('a server fault without a known actor → server_error, retried later; unknown client faults are not retried', () => {
  const server = errorForFault({ code: 'Server', actor: null, message: 'Database onbereikbaar' }, { now: new Date(), oin: OIN });
  assert.equal(server.code, 'nummervoorziening.server_error');
  assert.deepEqual(server.retry, { kind: 'later', afterMs: 5 * 60_000 });
  assert.match(server.message, /storing \(Database onbereikbaar\)/);
  const client = errorForFault({ code: 'Client', actor: 'SomethingNew', message: 'Onbekend' }, { now: new Date(), oin: OIN });
  assert.equal(client.code, 'nummervoorziening.invalid_input');
  assert.equal(client.retry.kind, 'never');
});

test('transport: nobody listening → unreachable (later); an answer that is not SOAP → invalid_response (later)', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const nobody = createNummervoorzieningClient({ url: `http://127.0.0.1:${port}/eck/ws/201703`, oin: OIN });
  await assert.rejects(nobody.ping(), (error: NummervoorzieningError) => error.code === 'nummervoorziening.unreachable' && error.retry.kind === 'later' && /ECONNREFUSED/.test(error.message));
  nobody.close();

  const sandbox = await startSandbox({ key: 'fault-key' });
  const wrongPath = createNummervoorzieningClient({ url: sandbox.url.replace('/eck/ws/201703', '/elders'), oin: OIN });
  try {
    await assert.rejects(wrongPath.ping(), (error: NummervoorzieningError) => error.code === 'nummervoorziening.invalid_response' && error.retry.kind === 'later');
  } finally {
    wrongPath.close();
    await sandbox.close();
  }
});

test('"tomorrow" is the next midnight in Amsterdam, in winter and in summer time', () => {
  assert.equal(nextAmsterdamMidnight(new Date('2026-11-29T10:00:00Z')), '2026-11-29T23:00:00.000Z');
  assert.equal(nextAmsterdamMidnight(new Date('2026-11-29T23:30:00Z')), '2026-11-30T23:00:00.000Z');
  assert.equal(nextAmsterdamMidnight(new Date('2026-06-15T21:59:00Z')), '2026-06-15T22:00:00.000Z');
  const error = errorForFault({ code: 'Client', actor: 'BatchLimitExceededException', message: '' }, { now: new Date('2026-06-15T12:00:00Z'), oin: OIN });
  assert.deepEqual(error.retry, { kind: 'tomorrow', at: '2026-06-15T22:00:00.000Z' });
  assert.match(error.message, /vanaf 16-06-2026,? 00:00/);
});

test('waitForBatch gives up after maxAttempts with the not-finished error', async () => {
  const sandbox = await startSandbox({ key: 'fault-key', batchReadyAfterMs: 60_000 });
  const client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN });
  try {
    const id = await client.submitStampseudonymBatch([hpgn('slow')]);
    const before = sandbox.seen.length;
    await assert.rejects(client.waitForBatch(id, { intervalMs: 10, maxAttempts: 3 }), { code: 'nummervoorziening.batch_not_finished' });
    assert.equal(sandbox.seen.length - before, 3);
    await pause(0);
  } finally {
    client.close();
    await sandbox.close();
  }
});

test('an OIN that is not 20 digits is refused before anything is sent', async () => {
  const sandbox = await startSandbox({ key: 'fault-key' });
  try {
    assert.throws(() => createNummervoorzieningClient({ url: sandbox.url, oin: '12345' }), (error: NummervoorzieningError) => error.code === 'nummervoorziening.invalid_oin' && error.retry.kind === 'never' && /20 cijfers/.test(error.message));
    const client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN });
    assert.throws(() => client.forOin('NL-OIN'), { code: 'nummervoorziening.invalid_oin' });
    client.close();
    assert.equal(sandbox.seen.length, 0);
  } finally {
    await sandbox.close();
  }
});

test('the sandbox speaks SOAP 1.1 only: a SOAP 1.2 content type gets 415', async () => {
  const sandbox = await startSandbox({ key: 'fault-key' });
  try {
    const response = await fetch(sandbox.url, { method: 'POST', headers: { 'Content-Type': 'application/soap+xml; charset=utf-8' }, body: '<x/>' });
    assert.equal(response.status, 415);
    assert.match(await response.text(), /SOAP 1\.1/);
  } finally {
    await sandbox.close();
  }
});
