/**
 * Pupil credentials and login steps against the real database: keyed hashes only, picture
 * code and pincode login, lockout and unlock, device limit, network policy with home login,
 * card void/reissue and the IP tool token.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/app.js';
import { schoolWithPupils, uniqueDevice, uniqueIpv4 } from './pupil-fixtures.js';

for (const database of testDatabases()) {
  describe(`pupil credentials (${database.name})`, () => {
    test('reset codes are stored as keyed hashes; right code logs in, wrong codes lock, unlock clears', async () => {
      const t = await buildTestApp(database);
      try {
        const { scope, pupils } = await schoolWithPupils(t, 40);
        const access = t.capabilities.pupilAccess;
        const pupil = pupils[0];
        const base0 = { schoolId: scope.schoolId, pupilId: pupil.pupilId, deviceId: uniqueDevice('n'), ip: uniqueIpv4() };
        assert.equal((await access.login.loginWithCode({ ...base0, method: 'pin', value: '1234' })).result, 'unknown', 'no credentials yet');
        const code = await access.admin.resetPictureCode('test', scope, pupil.pupilId);
        assert.equal(code.length, 4);
        for (let i = 0; i < 6; i++) {
          assert.equal((await access.login.loginWithCode({ ...base0, method: 'pin', value: '1234' })).result, 'unknown', 'no pincode set: nothing to guess');
        }
        assert.equal((await access.credential(scope, pupil.pupilId))?.failed_attempts, 0, 'and nothing counted');
        const pin = await access.admin.resetPincode('test', scope, pupil.pupilId);
        assert.match(pin, /^\d{5}$/);
        const stored = await access.credential(scope, pupil.pupilId);
        assert.ok(stored?.picture_code_hash && !stored.picture_code_hash.includes(code[0]), 'only a hash is stored');
        assert.match(stored!.pincode_hash!, /^[0-9a-f]{64}$/);
        assert.notEqual(stored!.pincode_hash, pin);

        const base = { schoolId: scope.schoolId, pupilId: pupil.pupilId, deviceId: uniqueDevice('a'), ip: uniqueIpv4() };
        const ok = await access.login.loginWithCode({ ...base, method: 'picture', value: code });
        assert.equal(ok.result, 'ok');
        assert.equal((await access.login.loginWithCode({ ...base, method: 'pin', value: pin })).result, 'ok');

        const wrongPin = pin === '00000' ? '11111' : '00000';
        for (let i = 1; i <= 4; i++) assert.equal((await access.login.loginWithCode({ ...base, method: 'pin', value: wrongPin })).result, 'wrong');
        const locked = await access.login.loginWithCode({ ...base, method: 'pin', value: wrongPin });
        assert.equal(locked.result, 'locked');
        assert.equal((await access.login.loginWithCode({ ...base, method: 'pin', value: pin })).result, 'locked', 'the right code waits for the lock too');

        t.clock.advance(6);
        assert.equal((await access.login.loginWithCode({ ...base, method: 'pin', value: pin })).result, 'ok', 'the lock is short');

        for (let i = 0; i < 5; i++) await access.login.loginWithCode({ ...base, method: 'picture', value: code.map((id) => (id === 'kat' ? 'zon' : 'kat')) });
        assert.equal((await access.login.loginWithCode({ ...base, method: 'picture', value: code })).result, 'locked');
        await access.admin.unlock('test', scope, pupil.pupilId);
        assert.equal((await access.login.loginWithCode({ ...base, method: 'picture', value: code })).result, 'ok');
      } finally {
        await t.close();
      }
    });

    test('one device is limited across pupils; other devices on the same IP are not', async () => {
      const t = await buildTestApp(database, { PUPIL_DEVICE_MAX_FAILURES: '3', PUPIL_MAX_FAILURES: '50' });
      try {
        const { scope, pupils } = await schoolWithPupils(t, 40);
        const access = t.capabilities.pupilAccess;
        const [a, b] = pupils;
        const codeB = await access.admin.resetPictureCode('test', scope, b.pupilId);
        const codeA = await access.admin.resetPictureCode('test', scope, a.pupilId);
        const wrongA = codeA.map((id) => (id === 'kat' ? 'hond' : 'kat'));
        const ip = uniqueIpv4();
        const noisy = uniqueDevice('noisy');
        for (let i = 0; i < 3; i++) {
          await access.login.loginWithCode({ schoolId: scope.schoolId, pupilId: a.pupilId, deviceId: noisy, ip, method: 'picture', value: wrongA });
        }
        const blocked = await access.login.loginWithCode({ schoolId: scope.schoolId, pupilId: b.pupilId, deviceId: noisy, ip, method: 'picture', value: codeB });
        assert.equal(blocked.result, 'device_blocked');
        const other = await access.login.loginWithCode({ schoolId: scope.schoolId, pupilId: b.pupilId, deviceId: uniqueDevice('quiet'), ip, method: 'picture', value: codeB });
        assert.equal(other.result, 'ok');
      } finally {
        await t.close();
      }
    });

    test('network ranges refuse outside addresses unless home login is on; the IP tool sets the dynamic address', async () => {
      const t = await buildTestApp(database);
      try {
        const { scope, pupils } = await schoolWithPupils(t, 40);
        const access = t.capabilities.pupilAccess;
        const pupil = pupils[0];
        const code = await access.admin.resetPictureCode('test', scope, pupil.pupilId);
        await assert.rejects(access.admin.setSchoolRanges('test', scope, '10.0.0.0/8\nnot-a-range'), { code: 'pupils.invalid_ranges' });
        assert.deepEqual(await access.admin.schoolRanges(scope), [], 'bad input changes nothing');
        await access.admin.setSchoolRanges('test', scope, '10.1.0.0/16, 2001:db8:1::/48');
        const attempt = (ip: string) => access.login.loginWithCode({ schoolId: scope.schoolId, pupilId: pupil.pupilId, deviceId: uniqueDevice('d'), ip, method: 'picture', value: code });
        assert.equal((await attempt('10.1.2.3')).result, 'ok');
        assert.equal((await attempt('::ffff:10.1.2.3')).result, 'ok', 'IPv4-mapped IPv6 counts as the IPv4 address');
        assert.equal((await attempt('2001:db8:1:5::9')).result, 'ok');
        assert.equal((await attempt('203.0.113.5')).result, 'outside_network');
        assert.equal((await attempt('2001:db8:2::1')).result, 'outside_network');
        await access.admin.setHomeLogin('test', scope, pupil.pupilId, true);
        assert.equal((await attempt('203.0.113.5')).result, 'ok', 'home login allows outside');
        await access.admin.setHomeLogin('test', scope, pupil.pupilId, false);

        const token = await access.admin.newIpToken('test', scope);
        await assert.rejects(access.admin.updateDynamicAddress(scope, 'lpip_wrong', '203.0.113.5'), { code: 'pupils.ip_token_invalid' });
        await assert.rejects(access.admin.updateDynamicAddress(scope, token, 'nonsense'), { code: 'pupils.invalid_address' });
        assert.equal(await access.admin.updateDynamicAddress(scope, token, '203.0.113.5'), '203.0.113.5/32');
        assert.equal((await attempt('203.0.113.5')).result, 'ok', 'the dynamic address is inside');
        await access.admin.updateDynamicAddress(scope, token, '203.0.113.6');
        assert.equal((await access.login.networkStatus(scope.schoolId, '203.0.113.5')).inside, false, 'the old dynamic address is replaced');
        const ranges = await access.admin.schoolRanges(scope);
        assert.deepEqual(ranges.map((r) => r.cidr).sort(), ['10.1.0.0/16', '2001:db8:1::/48', '203.0.113.6/32']);
      } finally {
        await t.close();
      }
    });

    test('cards: a card logs in; reissue voids the old card; void stops every card', async () => {
      const t = await buildTestApp(database);
      try {
        const { scope, pupils } = await schoolWithPupils(t, 40);
        const access = t.capabilities.pupilAccess;
        const ids = pupils.map((p) => p.pupilId);
        const first = await access.admin.issueCards('test', scope, ids);
        const device = { deviceId: uniqueDevice('ipad'), ip: uniqueIpv4() };
        const login = await access.login.loginWithCard({ token: first[0].token, ...device });
        assert.equal(login.result, 'ok');
        assert.equal(login.result === 'ok' && login.actor.pupilId, ids[0]);
        const second = await access.admin.issueCards('test', scope, [ids[0]]);
        assert.equal((await access.login.loginWithCard({ token: first[0].token, ...device })).result, 'unknown', 'the old card stopped working');
        assert.equal((await access.login.loginWithCard({ token: second[0].token, ...device })).result, 'ok');
        assert.equal((await access.credential(scope, ids[0]))?.card_version, 2);
        await access.admin.voidCards('test', scope, ids);
        assert.equal((await access.login.loginWithCard({ token: second[0].token, ...device })).result, 'unknown');
        assert.equal((await access.login.loginWithCard({ token: first[1].token, ...device })).result, 'unknown');
      } finally {
        await t.close();
      }
    });
  });
}
