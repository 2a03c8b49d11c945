/**
 * The shared class iPad in a real browser (Chromium, with Leerpoort's CSP): pupil A launches a
 * method, pupil B signs in on the same browser and launches it too. oidc-provider ends A's OIDC
 * session with its self-submitting logout form (inline script allowed by hash, redirects to the
 * publisher's origin allowed) and the publisher receives B's code, never A's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { testDatabases } from '../helpers/databases.js';
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { consentedPublisher, listeningApp, oidc, registerClient } from './oidc-helpers.js';

const [database] = testDatabases();

test('OIDC in Chromium: the next pupil on a shared browser gets her own launch', { skip: skipWithoutChromium }, async () => {
  const publisherApp = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>Uitgever</title><p>aangekomen</p>'));
  await new Promise<void>((resolve) => publisherApp.listen(0, '127.0.0.1', resolve));
  const publisherUrl = `http://127.0.0.1:${(publisherApp.address() as { port: number }).port}`;
  const t = await listeningApp(database);
  const browser = await launchChromium();
  try {
    const { school, pupils } = await schoolWithPupils(t, 12);
    const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'standard', host: publisherUrl });
    const context = await browser.newContext();
    const page = await context.newPage();
    const signIn = async (pupilId: number) => {
      const session = await t.capabilities.sessions.start({ kind: 'pupil', pupilId, schoolId: school.id, label: 'Leerling' });
      await context.addCookies([{ name: 'leerpoort_sessie', value: encodeURIComponent(t.app.signCookie(session.sessionId)), url: t.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    };
    const launch = async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(publisher.config, { redirect_uri: publisher.redirectUri, scope: 'openid profile school', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
      await page.goto(url.href);
      await page.waitForURL((u) => u.href.startsWith(publisher.redirectUri), { timeout: 15_000 });
      const tokens = await oidc.authorizationCodeGrant(publisher.config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state });
      return oidc.fetchUserInfo(publisher.config, tokens.access_token, tokens.claims()!.sub);
    };

    await signIn(pupils[0].pupilId);
    const first = await launch();
    await signIn(pupils[1].pupilId);
    const second = await launch();
    assert.notEqual(second.sub, first.sub);
    assert.equal(second.given_name, pupils[1].nickname || pupils[1].firstNames?.trim().split(/\s+/)[0]);
  } finally {
    await browser.close();
    await t.close();
    publisherApp.close();
  }
});
