/**
 * The Nummervoorziening client against the sandbox over real HTTP: every operation of the
 * WSDL, the WS-Addressing headers the sandbox saw (From carries the OIN), stable pseudonyms
 * in the real formats, and batch polling until the batch is ready.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createNummervoorzieningClient, ECK_ID_PATTERN, NummervoorzieningError, OPERATIONS, type NummervoorzieningClient } from '../../src/eckid/nummervoorziening/index.js';
import { SANDBOX_CHAINS, SANDBOX_SECTORS, STAMPSEUDONYM_PATTERN, startSandbox, type RunningSandbox } from '../../src/eckid/sandbox/index.js';

const OIN = '00000001234567890000';
const OTHER_OIN = '00000009876543210000';
const CHAIN = SANDBOX_CHAINS[0].id;
const [PO, TEST_SECTOR] = SANDBOX_SECTORS.map((sector) => sector.id);
/** Stand-ins for hPGN's: any 64 lowercase hex is an hPGN to the service. */
const hpgn = (label: string) => createHash('sha256').update(label).digest('hex');

let sandbox: RunningSandbox;
let client: NummervoorzieningClient;

before(async () => {
  sandbox = await startSandbox({ key: 'test-key-client', batchReadyAfterMs: 300 });
  client = createNummervoorzieningClient({ url: sandbox.url, oin: OIN, pollIntervalMs: 50 });
});
after(async () => {
  client.close();
  await sandbox.close();
});

test('ping: available, a version and the server time', async () => {
  const ping = await client.ping();
  assert.equal(ping.available, true);
  assert.equal(ping.applicationVersion, 'leerpoort-sandbox-1.0');
  assert.ok(Math.abs(Date.parse(ping.systemTime) - Date.now()) < 60_000);
});

test('every request carries Action = SOAPAction, a fresh MessageID, To = the endpoint and From with the OIN', async () => {
  const before = sandbox.seen.length;
  await client.retrieveChains();
  await client.forOin(OTHER_OIN).retrieveSectors();
  const [first, second] = sandbox.seen.slice(before);
  assert.equal(first.action, OPERATIONS.retrieveChains.action);
  assert.equal(first.soapAction, OPERATIONS.retrieveChains.action);
  assert.equal(first.to, sandbox.url);
  assert.equal(first.from, `http://www.w3.org/2005/08/addressing/anonymous?oin=${OIN}`);
  assert.equal(first.oin, OIN);
  assert.match(first.messageId ?? '', /^urn:uuid:[0-9a-f-]{36}$/);
  assert.equal(second.oin, OTHER_OIN, 'forOin sends the other school or board as From');
  assert.notEqual(first.messageId, second.messageId);
});

test('retrieveStampseudonym: 128 hex, the same for the same hPGN, different for another', async () => {
  const first = await client.retrieveStampseudonym(hpgn('pupil-1'));
  assert.match(first, STAMPSEUDONYM_PATTERN);
  assert.equal(await client.retrieveStampseudonym(hpgn('pupil-1')), first);
  assert.notEqual(await client.retrieveStampseudonym(hpgn('pupil-2')), first);
});

test('retrieveEckId: https://ketenid.nl/201703/ + 128 hex, stable, and separate per sector', async () => {
  const stamp = await client.retrieveStampseudonym(hpgn('pupil-3'));
  const eckId = await client.retrieveEckId(stamp, CHAIN, PO);
  assert.match(eckId, ECK_ID_PATTERN);
  assert.equal(await client.retrieveEckId(stamp, CHAIN, PO), eckId);
  assert.notEqual(await client.retrieveEckId(stamp, CHAIN, TEST_SECTOR), eckId);
});

test('retrieveChains and retrieveSectors list what retrieveEckId accepts', async () => {
  const chains = await client.retrieveChains();
  const sectors = await client.retrieveSectors();
  assert.deepEqual(chains.map((chain) => chain.id), [CHAIN]);
  assert.deepEqual(sectors.map((sector) => sector.id), [PO, TEST_SECTOR]);
  assert.equal(sectors[0].description, 'Primair onderwijs');
  assert.ok(!Number.isNaN(Date.parse(chains[0].lastEdited)));
});

test('stampseudonym batch: submit, poll while not finished, results under the submitted indices', async () => {
  const hpgns = [hpgn('b-1'), hpgn('b-2'), 'NOT-AN-HPGN', hpgn('b-4')];
  const id = await client.submitStampseudonymBatch(hpgns);
  assert.match(id, /^[0-9a-f-]{36}$/);
  await assert.rejects(client.retrieveBatch(id), (error: NummervoorzieningError) => error.code === 'nummervoorziening.batch_not_finished' && error.retry.kind === 'poll');
  const polled = sandbox.seen.length;
  const result = await client.waitForBatch(id);
  assert.ok(sandbox.seen.length - polled >= 1, 'it asked again until the batch was ready');
  assert.deepEqual(result.success.map((entry) => entry.index), [0, 1, 3]);
  assert.equal(result.success[0].value, await client.retrieveStampseudonym(hpgns[0]));
  assert.equal(result.failed.length, 1);
  assert.equal(result.failed[0].index, 2);
  assert.match(result.failed[0].errorMessage, /geen geldige hPGN/);
});

test('ECK iD batch with chosen indices gives the same ECK iDs as the single call', async () => {
  const stamps = [await client.retrieveStampseudonym(hpgn('c-1')), await client.retrieveStampseudonym(hpgn('c-2'))];
  const id = await client.submitEckIdBatch([{ index: 10, value: stamps[0] }, { index: 20, value: stamps[1] }, { index: 30, value: 'kapot' }], CHAIN, PO);
  const result = await client.waitForBatch(id, { intervalMs: 50 });
  assert.deepEqual(result.success, [
    { index: 10, value: await client.retrieveEckId(stamps[0], CHAIN, PO) },
    { index: 20, value: await client.retrieveEckId(stamps[1], CHAIN, PO) },
  ]);
  assert.deepEqual(result.failed.map((entry) => entry.index), [30]);
});

test("another organisation cannot fetch a batch: it is unknown to them", async () => {
  const id = await client.submitStampseudonymBatch([hpgn('own')]);
  await new Promise((resolve) => setTimeout(resolve, 350));
  await assert.rejects(client.forOin(OTHER_OIN).retrieveBatch(id), (error: NummervoorzieningError) => error.code === 'nummervoorziening.batch_unknown');
  assert.equal((await client.retrieveBatch(id)).success.length, 1);
});

test('replaceStampseudonym: the new hPGN keeps the old stampseudoniem (now, or from the effective date)', async () => {
  const [oldHpgn, newHpgn] = [hpgn('r-old'), hpgn('r-new')];
  const oldStamp = await client.retrieveStampseudonym(oldHpgn);
  assert.notEqual(await client.retrieveStampseudonym(newHpgn), oldStamp);
  assert.equal(await client.replaceStampseudonym(oldHpgn, newHpgn), oldStamp);
  assert.equal(await client.retrieveStampseudonym(newHpgn), oldStamp);

  const [laterOld, laterNew] = [hpgn('l-old'), hpgn('l-new')];
  const laterStamp = await client.replaceStampseudonym(laterOld, laterNew, new Date(Date.now() + 86_400_000));
  assert.equal(laterStamp, await client.retrieveStampseudonym(laterOld));
  assert.notEqual(await client.retrieveStampseudonym(laterNew), laterStamp, 'not before the effective date');
});

test('a restarted sandbox with the same key gives the same numbers; another key others', async () => {
  const stamp = await client.retrieveStampseudonym(hpgn('stable'));
  for (const [key, same] of [['test-key-client', true], ['another-key', false]] as const) {
    const other = await startSandbox({ key });
    const otherClient = createNummervoorzieningClient({ url: other.url, oin: OIN });
    try {
      assert.equal((await otherClient.retrieveStampseudonym(hpgn('stable'))) === stamp, same);
    } finally {
      otherClient.close();
      await other.close();
    }
  }
});
