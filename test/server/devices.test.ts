/**
 * My Profile → Mobile devices: "Add this device" (WebAuthn registration with a software
 * authenticator signing real attestations), the device credential, the list, renaming and
 * removing, and the push subscription — with what each refusal says, in the caller's language.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { readTotpSecret } from '../../server/devices/totp-secret';
import { loadVapidKeys } from '../../server/push/vapid-keys';
import { ANDROID_UA, deviceCookie, enrolDevice, registrationOptions } from './support/devices';
import { SoftAuthenticator, AUTHENTICATOR_FLAGS } from './support/soft-authenticator';
import { alex, createTestApp, MINUTE, ORIGIN, PASSWORD, sessionCookie, signIn, type TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-store';

const kim = { ...alex, userId: '100030', employeeId: 'E-200030', displayName: 'Kim Lavoie' };
const noa = { ...alex, userId: '100031', employeeId: 'E-200031', displayName: 'Noa Pelletier', preferredLanguage: 'fr' as const };

describe('mobile devices: enrolment and management', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [alex, kim, noa] });
  });
  after(() => t.close());

  const both = (...cookies: string[]) => cookies.join('; ');
  const list = async (cookie: string) => (await (await t.send('GET', '/api/devices', { cookie })).json()).devices;
  const addDevice = (session: string, registration: unknown, language = 'en', name = 'My phone') =>
    t.send('POST', '/api/devices', { cookie: session, json: { name, language, registration }, headers: { 'accept-language': language } });

  test('"Add this device": the device is listed with no notifications, holds a device credential cookie, and is audited', async () => {
    const session = await signIn(t);
    const options = await registrationOptions(t, session);
    assert.equal(options.platform, 'android');
    const o = options.options as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(o.rp.id, 'localhost');
    assert.deepEqual(o.authenticatorSelection, { residentKey: 'required', userVerification: 'required', requireResidentKey: true });
    assert.deepEqual(o.hints, ['client-device']);
    assert.equal(o.attestation, 'none');
    assert.equal(o.user.name, alex.userId);

    const events: unknown[] = [];
    const unsubscribe = await t.store.events.subscribe('devices', (payload) => void events.push(payload));
    const authenticator = new SoftAuthenticator({ origin: ORIGIN });
    const registration = authenticator.register(options.options);
    const response = await addDevice(session, registration, 'en', '  Pixel   de travail ');
    assert.equal(response.status, 201);
    const cookieHeader = response.headers.get('set-cookie') ?? '';
    assert.match(cookieHeader, /__Host-sesame-device=[A-Za-z0-9_-]{43}; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Strict/);
    const body = await response.json();
    assert.equal(body.device.name, 'Pixel de travail');
    assert.equal(body.device.notifications, false);
    assert.equal(body.device.thisDevice, true);
    assert.equal(Buffer.from(body.offlineKey, 'base64url').length, 20);

    const devices = await list(both(session, deviceCookie(response)));
    assert.deepEqual(
      devices.map((d: { name: string; notifications: boolean; thisDevice: boolean }) => [d.name, d.notifications, d.thisDevice]),
      [['Pixel de travail', false, true]],
    );
    // Another browser of the same employee sees it, not as "this device".
    assert.equal((await list(session))[0].thisDevice, false);

    // Stored: the credential's hash only, the offline key encrypted (and decrypting to what the phone got), the passkey.
    const [row] = await t.store.db.select().from(t.store.t.mobileDevices).where(eq(t.store.t.mobileDevices.id, body.device.id));
    assert.ok(row);
    const token = /__Host-sesame-device=([^;]+)/.exec(cookieHeader)?.[1] ?? '';
    assert.equal(row.credentialHash, createHash('sha256').update(token).digest('base64url'));
    assert.match(row.totpSecret, /^v1\./);
    assert.ok(!row.totpSecret.includes(body.offlineKey));
    assert.equal(readTotpSecret(t.services.keys, row).toString('base64url'), body.offlineKey);
    assert.equal(row.language, 'en');
    const passkeys = await t.store.db.select().from(t.store.t.devicePasskeys).where(eq(t.store.t.devicePasskeys.deviceId, row.id));
    assert.deepEqual(
      passkeys.map((p) => [p.credentialId, p.counter, p.transports]),
      [[registration.id, 0, ['internal']]],
    );

    // Recent activity and the audit trail: the name, never a secret.
    const activity = await (await t.send('GET', '/api/profile/activity', { cookie: session })).json();
    assert.deepEqual(activity.events[0], {
      at: activity.events[0].at,
      type: 'device_added',
      outcome: 'success',
      method: null,
      ip: activity.events[0].ip,
      device: 'Pixel de travail',
    });
    const audit = await t.services.audit.recent(
      (await t.store.db.select().from(t.store.t.employees).where(eq(t.store.t.employees.userId, alex.userId)))[0]!.id,
      1,
    );
    const trail = JSON.stringify(audit);
    assert.ok(!trail.includes(token) && !trail.includes(body.offlineKey) && !trail.includes(row.credentialHash));

    // The other sessions and devices are told: one event on the `devices` channel.
    await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    assert.deepEqual(events, [{ change: 'added', employeeId: row.employeeId, deviceId: row.id }]);
  });

  test('the options exclude the employee’s existing passkeys, and an authenticator holding one refuses', async () => {
    const session = await signIn(t, kim.userId);
    const first = await enrolDevice(t, session);
    const { options } = await registrationOptions(t, session);
    assert.deepEqual(
      options.excludeCredentials?.map((c) => c.id),
      [first.credentialId],
    );
    assert.throws(() => first.authenticator.register(options), /InvalidStateError/);
    // Another authenticator (a second phone) may still be added.
    const second = await enrolDevice(t, session, { name: 'Tablet' });
    assert.equal((await list(session)).length, 2);
    assert.notEqual(second.credentialId, first.credentialId);
  });

  test('adding and removing need a recent proof (403 reauthentication_required); listing and renaming do not', async () => {
    const session = await signIn(t);
    const device = await enrolDevice(t, session, { name: 'Old phone' });
    t.clock.advance(6 * MINUTE);
    const options = await t.send('POST', '/api/devices/registration-options', { cookie: session, headers: { 'accept-language': 'fr' } });
    assert.equal(options.status, 403);
    assert.deepEqual(await options.json(), {
      error: 'reauthentication_required',
      message: 'Pour changer la façon dont vous prouvez votre identité, entrez de nouveau votre mot de passe.',
    });
    assert.equal((await addDevice(session, new SoftAuthenticator({ origin: ORIGIN }).register({ ...(await freshOptions()) }))).status, 403);
    assert.equal((await t.send('DELETE', `/api/devices/${device.device.id}`, { cookie: session })).status, 403);
    assert.equal((await t.send('GET', '/api/devices', { cookie: session })).status, 200);
    assert.equal((await t.send('PATCH', `/api/devices/${device.device.id}`, { cookie: session, json: { name: 'Renamed' } })).status, 200);

    // After confirming the password again, removing works.
    const confirmed = sessionCookie(await t.send('POST', '/api/auth/reauthenticate', { cookie: session, json: { password: PASSWORD } }));
    assert.equal((await t.send('DELETE', `/api/devices/${device.device.id}`, { cookie: confirmed })).status, 204);
  });

  /** Options of a signed-in session of noa, for requests that are refused before the challenge matters. */
  async function freshOptions() {
    return (await registrationOptions(t, await signIn(t, noa.userId))).options;
  }

  test('a wrong, foreign, expired or replayed challenge is refused with passkey_not_verified', async () => {
    const session = await signIn(t, noa.userId);
    const authenticator = new SoftAuthenticator({ origin: ORIGIN });
    const refused = async (registration: unknown) => {
      const response = await addDevice(session, registration, 'fr');
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), {
        error: 'passkey_not_verified',
        message: "La clé d'accès n'a pas pu être vérifiée. Recommencez.",
      });
    };
    // A challenge the server never issued.
    const { options } = await registrationOptions(t, session);
    await refused(authenticator.register({ ...options, challenge: Buffer.alloc(32, 7).toString('base64url') }));
    // Another employee's challenge.
    const kimOptions = (await registrationOptions(t, await signIn(t, kim.userId))).options;
    await refused(authenticator.register({ ...kimOptions, excludeCredentials: [] }));
    // Replayed: the same registration twice.
    const good = authenticator.register((await registrationOptions(t, session)).options);
    assert.equal((await addDevice(session, good)).status, 201);
    await refused(good);
    // Expired: options older than 5 minutes (with a fresh proof, so that only the challenge is old).
    const stale = (await registrationOptions(t, session)).options;
    t.clock.advance(5 * MINUTE + 1000);
    const confirmed = sessionCookie(await t.send('POST', '/api/auth/reauthenticate', { cookie: session, json: { password: PASSWORD } }));
    const response = await addDevice(confirmed, new SoftAuthenticator({ origin: ORIGIN }).register(stale));
    assert.equal(response.status, 400);
  });

  test('without user verification, from another origin, or with a tampered attestation: refused', async () => {
    const session = await signIn(t, noa.userId);
    const presenceOnly = new SoftAuthenticator({ origin: ORIGIN, flags: AUTHENTICATOR_FLAGS.UP });
    assert.equal((await addDevice(session, presenceOnly.register((await registrationOptions(t, session)).options))).status, 400);
    const elsewhere = new SoftAuthenticator({ origin: 'https://evil.example' });
    assert.equal((await addDevice(session, elsewhere.register((await registrationOptions(t, session)).options))).status, 400);

    const registration = new SoftAuthenticator({ origin: ORIGIN }).register((await registrationOptions(t, session)).options);
    // "none" attestation signs nothing, so what can be caught is what the server checks: here the RP ID hash.
    const attestation = Buffer.from(registration.response.attestationObject, 'base64url');
    const rpIdHash = attestation.indexOf(createHash('sha256').update('localhost').digest());
    assert.ok(rpIdHash > 0);
    attestation[rpIdHash] = (attestation[rpIdHash] ?? 0) ^ 0xff;
    const tampered = { ...registration, response: { ...registration.response, attestationObject: attestation.toString('base64url') } };
    const response = await addDevice(session, tampered);
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error, 'passkey_not_verified');
    const truncated = {
      ...registration,
      response: { ...registration.response, attestationObject: registration.response.attestationObject.slice(0, 40) },
    };
    assert.equal((await addDevice(session, truncated)).status, 400);
  });

  test('bad input: bad JSON, an oversized client data JSON, a bad name — 400 JSON in the caller’s language', async () => {
    const session = await signIn(t, noa.userId);
    const badJson = await t.send('POST', '/api/devices', {
      cookie: session,
      body: '{"name":',
      headers: { 'content-type': 'application/json', 'accept-language': 'fr' },
    });
    assert.equal(badJson.status, 400);
    assert.equal((await badJson.json()).message, "La demande n'est pas valide. Vérifiez ce que vous avez saisi et réessayez.");
    const registration = new SoftAuthenticator({ origin: ORIGIN }).register((await registrationOptions(t, session)).options);
    const oversized = { ...registration, response: { ...registration.response, clientDataJSON: 'A'.repeat(4000) } };
    const big = await addDevice(session, oversized);
    assert.equal(big.status, 400);
    assert.deepEqual((await big.json()).fields, ['registration.response.clientDataJSON']);
    for (const name of ['', '   ', 'x'.repeat(61), 'bell\u0007']) {
      const response = await addDevice(session, registration, 'en', name);
      assert.equal(response.status, 400, JSON.stringify(name));
      assert.deepEqual((await response.json()).fields, ['name']);
    }
    const notJsonClientData = { ...registration, response: { ...registration.response, clientDataJSON: 'bm90IGpzb24' } };
    assert.equal((await addDevice(session, notJsonClientData)).status, 400);
  });

  test('another employee’s device cannot be renamed or removed: 404, and it stays', async () => {
    const kimSession = await signIn(t, kim.userId);
    const kims = await enrolDevice(t, kimSession, { name: 'Kim phone' });
    const session = await signIn(t);
    const rename = await t.send('PATCH', `/api/devices/${kims.device.id}`, { cookie: session, json: { name: 'Mine now' } });
    assert.equal(rename.status, 404);
    assert.equal((await rename.json()).error, 'not_found');
    assert.equal((await t.send('DELETE', `/api/devices/${kims.device.id}`, { cookie: session })).status, 404);
    assert.ok((await list(kimSession)).some((d: { id: string; name: string }) => d.id === kims.device.id && d.name === 'Kim phone'));
    assert.equal((await t.send('GET', '/api/devices/current', { cookie: kims.deviceCookie })).status, 200);
  });

  test('rename: audited with the new name, shown in Recent activity', async () => {
    const session = await signIn(t, noa.userId);
    const device = await enrolDevice(t, session, { name: 'Téléphone Android', language: 'fr' });
    const renamed = await t.send('PATCH', `/api/devices/${device.device.id}`, { cookie: session, json: { name: 'Cellulaire' } });
    assert.equal(renamed.status, 200);
    assert.equal((await renamed.json()).device.name, 'Cellulaire');
    const activity = await (await t.send('GET', '/api/profile/activity', { cookie: session })).json();
    assert.deepEqual([activity.events[0].type, activity.events[0].device], ['device_renamed', 'Cellulaire']);
  });

  test('a removed device: its credential gets 401 device_unknown, its passkeys and push subscription are gone', async () => {
    const session = await signIn(t, kim.userId);
    const device = await enrolDevice(t, session, { name: 'Lost phone' });
    const subscription = {
      endpoint: 'https://push.example.org/send/abc',
      expirationTime: null,
      keys: { p256dh: 'BNc' + 'A'.repeat(84), auth: 'A'.repeat(22) },
    };
    assert.equal(
      (await t.send('PUT', '/api/devices/current/push-subscription', { cookie: device.deviceCookie, json: subscription })).status,
      204,
    );
    assert.equal((await list(session)).find((d: { id: string }) => d.id === device.device.id).notifications, true);

    const removed = await t.send('DELETE', `/api/devices/${device.device.id}`, { cookie: both(session, device.deviceCookie) });
    assert.equal(removed.status, 204);
    assert.match(removed.headers.get('set-cookie') ?? '', /__Host-sesame-device=;/, 'this browser’s own credential is cleared');
    for (const language of ['en', 'fr']) {
      const refused = await t.send('GET', '/api/devices/current', {
        cookie: device.deviceCookie,
        headers: { 'accept-language': language },
      });
      assert.equal(refused.status, 401);
      assert.deepEqual(await refused.json(), {
        error: 'device_unknown',
        message:
          language === 'fr'
            ? "Cet appareil n'est pas inscrit ou il a été retiré. Ajoutez-le de nouveau à partir de Mon profil."
            : 'This device is not enrolled, or it was removed. Add it again from My Profile.',
      });
    }
    assert.equal(
      (await t.send('PUT', '/api/devices/current/push-subscription', { cookie: device.deviceCookie, json: subscription })).status,
      401,
    );
    assert.ok(!(await list(session)).some((d: { id: string }) => d.id === device.device.id));
    const { devicePasskeys, pushSubscriptions } = t.store.t;
    assert.equal((await t.store.db.select().from(devicePasskeys).where(eq(devicePasskeys.deviceId, device.device.id))).length, 0);
    assert.equal((await t.store.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.deviceId, device.device.id))).length, 0);
    assert.equal((await t.send('DELETE', `/api/devices/${device.device.id}`, { cookie: session })).status, 404, 'removed once');
    const activity = await (await t.send('GET', '/api/profile/activity', { cookie: session })).json();
    assert.deepEqual([activity.events[0].type, activity.events[0].device], ['device_removed', 'Lost phone']);
  });

  test('a device credential is not a session, and a session is not a device credential', async () => {
    const session = await signIn(t);
    const device = await enrolDevice(t, session);
    assert.equal((await t.send('GET', '/api/profile', { cookie: device.deviceCookie })).status, 401);
    assert.equal((await t.send('GET', '/api/devices', { cookie: device.deviceCookie })).status, 401);
    assert.equal((await t.send('GET', '/api/devices/current', { cookie: session })).status, 401);
    const forged = `__Host-sesame-device=${'A'.repeat(43)}`;
    const unknown = await t.send('GET', '/api/devices/current', { cookie: forged });
    assert.equal(unknown.status, 401);
    assert.match(unknown.headers.get('set-cookie') ?? '', /__Host-sesame-device=;/);
  });

  test('"last used" follows the device’s own requests', async () => {
    const session = await signIn(t);
    const device = await enrolDevice(t, session, { userAgent: ANDROID_UA });
    t.clock.advance(2 * MINUTE);
    await t.send('GET', '/api/devices/current', { cookie: device.deviceCookie });
    const listed = (await list(await signIn(t))).find((d: { id: string }) => d.id === device.device.id);
    assert.equal(listed.lastUsedAt, t.clock.now().toISOString());
  });
});

describe('VAPID keys', () => {
  test('made once, shared by every instance on the database, the private key stored encrypted', async () => {
    const database = await createTestDatabase();
    const first = await createTestApp({ database });
    const second = await createTestApp({ database, employees: [] });
    try {
      const [a, b] = await Promise.all([loadVapidKeys(first.services), loadVapidKeys(second.services)]);
      assert.deepEqual(a, b);
      assert.equal(Buffer.from(a.publicKey, 'base64url').length, 65);
      const published = await (await second.send('GET', '/api/push/public-key')).json();
      assert.deepEqual(published, { publicKey: a.publicKey });
      const [row] = await first.store.db
        .select()
        .from(first.store.t.serverSecrets)
        .where(eq(first.store.t.serverSecrets.name, 'vapid-keys'));
      assert.ok(row && !row.value.includes(a.privateKey));
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});
