/**
 * Signing in with the mobile device without an approval: the offline code typed on another
 * screen ("Use a code from the app instead", also for "Forgot your password?") and "Sign in
 * with this device" (a discoverable passkey on the phone). Devices are enrolled through the real
 * API with the software authenticator; codes are computed from the key the enrolment gave.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { auditEventsAbout } from '../../server/db/queries/audit';
import { toEmployee } from '../../server/directory/sql-directory';
import { nodeHmac } from '../../server/methods/mobile/offline-code-sign-in';
import { totpAt, TOTP_STEP_SECONDS } from '../../shared/totp';
import { enrolDevice, type EnrolledDevice } from './support/devices';
import { AUTHENTICATOR_FLAGS } from './support/soft-authenticator';
import { alex, createTestApp, sessionCookie, signIn, type TestApp } from './support/test-app';

const STEP = TOTP_STEP_SECONDS * 1000;
const sam = { ...alex, userId: '100040', employeeId: 'E-200040', displayName: 'Sam Gagnon' };
const lou = { ...alex, userId: '100041', employeeId: 'E-200041', displayName: 'Lou Roy', preferredLanguage: 'fr' as const };
const eve = { ...alex, userId: '100042', employeeId: 'E-200042', displayName: 'Eve Martin' };
const max = { ...alex, userId: '100043', employeeId: 'E-200043', displayName: 'Max Côté' };

describe('mobile device: offline code and passkey sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [alex, sam, lou, eve, max] });
  });
  after(() => t.close());

  const codeOf = (device: EnrolledDevice, offsetMs = 0) =>
    totpAt(nodeHmac(Buffer.from(device.offlineKey, 'base64url')), t.clock.now().getTime() + offsetMs);
  const sendCode = (userId: string, code: string, purpose = 'sign-in', language = 'en') =>
    t.send('POST', '/api/auth/mobile/code', { json: { userId, code, purpose }, headers: { 'accept-language': language } });
  const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');
  const employeeId = async (userId: string) => (await findEmployeeByUserId(t.store, userId))!.id;

  test('the code the phone shows signs in once: a full session, audited with the device name; the same step again is refused', async () => {
    const device = await enrolDevice(t, await signIn(t), { name: 'Pixel de travail' });
    const code = await codeOf(device);
    const response = await sendCode(alex.userId, code);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).access.level, 'full');
    const session = sessionCookie(response);
    assert.equal((await t.send('GET', '/api/profile', { cookie: session })).status, 200);

    const [event] = await auditEventsAbout(t.store, await employeeId(alex.userId), 1);
    assert.equal(event!.type, 'sign_in');
    assert.equal(event!.method, 'mobile');
    assert.equal(event!.details.device, 'Pixel de travail');
    assert.equal(event!.details.via, 'offline-code');
    assert.ok(!JSON.stringify(event).includes(code), 'the code is not in the audit trail');

    const again = await sendCode(alex.userId, code);
    assert.equal(again.status, 401);
    assert.deepEqual(Object.keys(await again.json()).sort(), ['error', 'message']);
    // The next step's code works, and then the earlier step, still in the window, does not.
    const previous = await codeOf(device);
    t.clock.advance(STEP);
    assert.equal((await sendCode(alex.userId, await codeOf(device))).status, 200);
    assert.equal((await sendCode(alex.userId, previous)).status, 401);
  });

  test('one step of clock drift either way is accepted, two are not', async () => {
    const device = await enrolDevice(t, await signIn(t, sam.userId));
    assert.equal((await sendCode(sam.userId, await codeOf(device, -2 * STEP))).status, 401);
    assert.equal((await sendCode(sam.userId, await codeOf(device, 2 * STEP))).status, 401);
    assert.equal((await sendCode(sam.userId, await codeOf(device, -STEP))).status, 200);
    assert.equal((await sendCode(sam.userId, await codeOf(device, STEP))).status, 200);
  });

  test('two requests with one code at once: one session only', async () => {
    t.clock.advance(10 * 60_000);
    const device = await enrolDevice(t, await signIn(t, sam.userId), { name: 'Second phone' });
    const code = await codeOf(device);
    const statuses = (await Promise.all([sendCode(sam.userId, code), sendCode(sam.userId, code)])).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 401]);
  });

  test('5 wrong codes lock the method for real and unknown user IDs alike, with the same answers, in French too', async () => {
    const device = await enrolDevice(t, await signIn(t, lou.userId));
    const right = await codeOf(device);
    for (const userId of [lou.userId, '999777']) {
      for (let i = 0; i < 4; i++) {
        const wrong = await sendCode(userId, wrongCode(right), 'sign-in', 'fr');
        assert.equal(wrong.status, 401);
        const body = await wrong.json();
        assert.equal(body.error, 'invalid_code');
        assert.match(body.message, /Ce code n'est pas le bon/);
      }
      const locking = await sendCode(userId, wrongCode(right), 'sign-in', 'fr');
      assert.equal(locking.status, 429);
      assert.equal((await locking.json()).error, 'locked');
      assert.ok(Number(locking.headers.get('retry-after')) > 0);
    }
    // Locked: even the right code is refused now.
    assert.equal((await sendCode(lou.userId, right)).status, 429);
  });

  test('a removed device\'s code no longer works; "Forgot your password?" through the code opens only Set a new password', async () => {
    const session = await signIn(t, eve.userId);
    const removed = await enrolDevice(t, session, { name: 'Old phone' });
    const kept = await enrolDevice(t, session, { name: 'New phone' });
    assert.equal((await t.send('DELETE', `/api/devices/${removed.device.id}`, { cookie: session })).status, 204);
    assert.equal((await sendCode(eve.userId, await codeOf(removed))).status, 401);

    const reset = await sendCode(eve.userId, await codeOf(kept), 'reset');
    assert.equal(reset.status, 200);
    assert.equal((await reset.json()).access.level, 'set-password');
    const [event] = await auditEventsAbout(t.store, await employeeId(eve.userId), 1);
    assert.equal(event!.details.device, 'New phone');
  });

  test('an employee whose only method is a device can reset alone (the registry counts the device)', async () => {
    const employee = toEmployee((await findEmployeeByUserId(t.store, max.userId))!);
    assert.equal(await t.services.methods.hasResetMethod(employee), false);
    assert.ok(t.services.methods.resetCapable().includes('mobile'));
    const session = await signIn(t, max.userId);
    const device = await enrolDevice(t, session);
    assert.equal(await t.services.methods.hasResetMethod(employee), true);
    assert.equal((await t.send('DELETE', `/api/devices/${device.device.id}`, { cookie: session })).status, 204);
    assert.equal(await t.services.methods.hasResetMethod(employee), false, 'a removed device does not count');
  });

  describe('"Sign in with this device"', () => {
    const options = async () => {
      const response = await t.send('POST', '/api/auth/passkey/options');
      assert.equal(response.status, 200);
      return (await response.json()).options;
    };
    const verify = (assertion: unknown, language = 'en') =>
      t.send('POST', '/api/auth/passkey/verify', { json: { assertion }, headers: { 'accept-language': language } });

    test("a discoverable passkey with user verification signs its device's employee in fully; a replay is refused", async () => {
      const device = await enrolDevice(t, await signIn(t, sam.userId), { name: 'Sam phone' });
      const o = await options();
      assert.deepEqual(o.allowCredentials, []);
      assert.equal(o.userVerification, 'required');
      assert.equal(o.rpId, 'localhost');
      const assertion = device.authenticator.authenticate(o);
      const response = await verify(assertion);
      assert.equal(response.status, 200);
      assert.equal((await response.json()).access.level, 'full');
      const profile = await (await t.send('GET', '/api/profile', { cookie: sessionCookie(response) })).json();
      assert.equal(profile.userId ?? profile.profile?.userId, sam.userId);
      const [event] = await auditEventsAbout(t.store, await employeeId(sam.userId), 1);
      assert.equal(event!.method, 'mobile');
      assert.equal(event!.details.via, 'passkey');
      assert.equal(event!.details.device, 'Sam phone');

      const replay = await verify(assertion, 'fr');
      assert.equal(replay.status, 401);
      const body = await replay.json();
      assert.equal(body.error, 'passkey_not_verified');
      assert.match(body.message, /clé d'accès/);
    });

    test('refused: without user verification, a counter that went back, a removed device, a foreign origin', async () => {
      const session = await signIn(t, alex.userId);
      const device = await enrolDevice(t, session, { name: 'Counter phone' });
      device.authenticator.flags = AUTHENTICATOR_FLAGS.UP;
      assert.equal((await verify(device.authenticator.authenticate(await options()))).status, 401);
      device.authenticator.flags = AUTHENTICATOR_FLAGS.UP | AUTHENTICATOR_FLAGS.UV;

      // Two assertions signed in order, sent in reverse: the older counter is refused (a cloned key).
      const first = device.authenticator.authenticate(await options(), { credentialId: device.credentialId });
      const second = device.authenticator.authenticate(await options(), { credentialId: device.credentialId });
      assert.equal((await verify(second)).status, 200);
      assert.equal((await verify(first)).status, 401);

      assert.equal((await verify(device.authenticator.authenticate(await options(), { origin: 'https://evil.example' }))).status, 401);

      // Tampered or truncated, or with oversized client data: a 4xx JSON error, never a session.
      const good = device.authenticator.authenticate(await options(), { credentialId: device.credentialId });
      const tampered = [
        { ...good, response: { ...good.response, signature: good.response.signature.slice(0, 20) } },
        { ...good, response: { ...good.response, authenticatorData: good.response.authenticatorData.slice(0, 30) } },
        { ...good, response: { ...good.response, clientDataJSON: Buffer.from('{"challenge":').toString('base64url') } },
        { ...good, response: { ...good.response, userHandle: Buffer.from('someone else').toString('base64url') } },
        { ...good, id: 'AAAAAAAA', rawId: 'AAAAAAAA' },
        { ...good, response: { ...good.response, clientDataJSON: 'A'.repeat(100_000) } },
      ];
      for (const assertion of tampered) {
        const refused = await verify(assertion);
        assert.ok(refused.status >= 400 && refused.status < 500, `status ${refused.status}`);
        assert.equal(typeof (await refused.json()).message, 'string');
        assert.equal(refused.headers.get('set-cookie'), null, 'no session');
      }

      const pending = device.authenticator.authenticate(await options(), { credentialId: device.credentialId });
      assert.equal((await t.send('DELETE', `/api/devices/${device.device.id}`, { cookie: session })).status, 204);
      const removed = await verify(pending, 'fr');
      assert.equal(removed.status, 401);
      const said = await removed.json();
      assert.equal(said.error, 'device_unknown', 'the phone is told it is no longer enrolled');
      assert.match(said.message, /appareil/);
      assert.equal(removed.headers.get('set-cookie'), null, 'no session');
    });
  });
});
