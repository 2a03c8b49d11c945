/**
 * Signing keys: stored sealed, rotated as a use case (the new key signs, tokens signed by the
 * old one still verify against the JWKS), retired keys leave the JWKS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { consentedPublisher, launch, listeningApp, registerClient, signedInPupil } from './oidc-helpers.js';

for (const database of testDatabases()) {
  test(`OIDC key rotation: old tokens still verify, new ones carry the new kid (${database.name})`, async () => {
    const t = await listeningApp(database);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'minimal' });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const before = await launch(browser, publisher);
      const oldKid = decodeProtectedHeader(before.tokens.id_token!).kid!;

      const stored = await t.db.kysely.selectFrom('oidc_signing_keys').select(['private_jwk_sealed']).where('kid', '=', oldKid).executeTakeFirstOrThrow();
      assert.match(stored.private_jwk_sealed, /^sb1\./, 'the private key is sealed');
      assert.doesNotMatch(stored.private_jwk_sealed, /"d"/);

      const rotated = await t.capabilities.oidc.keys.rotate('operator:test');
      assert.deepEqual(rotated.previous, [oldKid]);
      const after = await launch(browser, publisher);
      assert.equal(decodeProtectedHeader(after.tokens.id_token!).kid, rotated.kid, 'the new key signs');

      const jwks = (await (await fetch(`${t.baseUrl}/oidc/jwks`)).json()) as JSONWebKeySet;
      // Inclusion, not equality: other test files may share this PostgreSQL database.
      assert.ok(jwks.keys.some((k) => k.kid === oldKid) && jwks.keys.some((k) => k.kid === rotated.kid), 'both keys are published');
      assert.equal(jwks.keys[0].kid, rotated.kid, 'the signing key comes first');
      assert.ok(jwks.keys.every((k) => !('d' in k)), 'only public keys are published');
      const verify = (token: string) => jwtVerify(token, createLocalJWKSet(jwks), { issuer: `${t.baseUrl}/oidc`, audience: publisher.clientId, currentDate: new Date() });
      await verify(before.tokens.id_token!);
      await verify(after.tokens.id_token!);

      await assert.rejects(t.capabilities.oidc.keys.retire('operator:test', rotated.kid), { code: 'sso.key_active' });
      await t.capabilities.oidc.keys.retire('operator:test', oldKid);
      const retired = (await (await fetch(`${t.baseUrl}/oidc/jwks`)).json()) as JSONWebKeySet;
      assert.ok(!retired.keys.some((k) => k.kid === oldKid) && retired.keys.some((k) => k.kid === rotated.kid));
      await assert.rejects(jwtVerify(before.tokens.id_token!, createLocalJWKSet(retired)));
    } finally {
      await t.close();
    }
  });
}
