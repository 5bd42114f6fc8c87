/**
 * "Mobile device" sign-in by number matching, through the real API on either database: the
 * waiting browser (start, status, events, collect) and the phone (list, options, approve with
 * number and assertion, "It wasn't me"), with a software authenticator enrolled as the devices
 * API enrols a phone.
 */
import assert from 'node:assert/strict';
import { readEventStream } from './support/event-stream';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { AUTHENTICATOR_FLAGS, type SoftAuthenticator } from './support/soft-authenticator';
import { approvalCookie, approvalOptions, approveOnPhone, DESKTOP_UA, startMobile, waitingStatus, waitOnMobile } from './support/approvals';
import { enrolDevice, type EnrolledDevice } from './support/devices';
import { alex, createTestApp, MINUTE, ORIGIN, sessionCookie, signIn, type TestApp } from './support/test-app';

const bob = { ...alex, userId: '100002', employeeId: 'E-200002', displayName: 'Bob Gagnon' };
const carol = { ...alex, userId: '100003', employeeId: 'E-200003', displayName: 'Carol Roy' };

describe('sign-in with the mobile device', () => {
  let t: TestApp;
  let phone: EnrolledDevice;

  beforeEach(async () => {
    t = await createTestApp({ employees: [alex, bob, carol] });
    phone = await enrolDevice(t, await signIn(t));
  });
  afterEach(() => t.close());

  test('the method is offered to every user ID, and counts as enrolled only with a device', async () => {
    const methods = await (await t.send('POST', '/api/auth/identify', { json: { userId: 'nobody-1' } })).json();
    assert.ok(methods.methods.includes('mobile'));
    const mobile = t.services.methods.get('mobile');
    assert.equal(mobile.canReset, true);
    const { findEmployeeByUserId } = await import('../../server/db/queries/employees');
    const [a, b] = await Promise.all([findEmployeeByUserId(t.store, alex.userId), findEmployeeByUserId(t.store, bob.userId)]);
    const { toEmployee } = await import('../../server/directory/sql-directory');
    assert.equal(await mobile.isEnrolled(toEmployee(a!), { store: t.store }), true);
    assert.equal(await mobile.isEnrolled(toEmployee(b!), { store: t.store }), false);
  });

  test('start: a number 10–99, 120 seconds, and a __Host- cookie (HttpOnly, Secure, SameSite=Strict) for this browser', async () => {
    const response = await startMobile(t, alex.userId);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.deepEqual(Object.keys(body).sort(), ['expiresAt', 'number', 'requestId', 'secondsLeft']);
    assert.ok(body.number >= 10 && body.number <= 99);
    assert.equal(body.secondsLeft, 120);
    assert.equal(new Date(body.expiresAt).getTime() - t.clock.now().getTime(), 120_000);
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /__Host-sesame-approval=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=Strict/);
  });

  test('unknown and device-less user IDs get the same response, number and countdown; the request simply expires', async () => {
    const shapes = [];
    for (const userId of [alex.userId, 'nobody-42', bob.userId]) {
      const response = await startMobile(t, userId);
      assert.equal(response.status, 200, userId);
      const body = await response.json();
      shapes.push({
        keys: Object.keys(body).sort(),
        secondsLeft: body.secondsLeft,
        cookie: /__Host-sesame-approval=/.test(response.headers.get('set-cookie') ?? ''),
      });
      assert.ok(body.number >= 10 && body.number <= 99);
    }
    assert.deepEqual(shapes[1], shapes[0]);
    assert.deepEqual(shapes[2], shapes[0]);
    const unknown = await waitOnMobile(t, 'nobody-43');
    assert.equal((await waitingStatus(t, unknown.cookie)).body.status, 'pending');
    t.clock.advance(121_000);
    assert.deepEqual((await waitingStatus(t, unknown.cookie)).body, { status: 'expired', secondsLeft: 0 });
  });

  test('approve with the right number: the waiting browser, and only it, collects a session once; audited with the device name', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const listed = await (await t.send('GET', '/api/device/requests', { cookie: phone.deviceCookie })).json();
    assert.equal(listed.requests.length, 1);
    const [request] = listed.requests;
    assert.equal(request.id, waiting.requestId);
    assert.equal(request.browser, 'Chrome');
    assert.equal(request.system, 'Windows');
    assert.equal(typeof request.ip, 'string');
    assert.equal(request.number, undefined, 'the phone is never told the number');

    // Nobody is signed in before the approval.
    assert.equal((await t.send('POST', '/api/auth/mobile/collect', { cookie: waiting.cookie })).status, 409);

    const approved = await approveOnPhone(t, phone, waiting.requestId, waiting.number);
    assert.equal(approved.status, 200, await approved.clone().text());
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'approved');

    // Another browser (no cookie, or another request's) cannot collect it.
    assert.equal((await t.send('POST', '/api/auth/mobile/collect')).status, 404);
    const other = await waitOnMobile(t, 'nobody-7');
    assert.equal((await t.send('POST', '/api/auth/mobile/collect', { cookie: other.cookie })).status, 409);

    const collected = await t.send('POST', '/api/auth/mobile/collect', { cookie: waiting.cookie, headers: { 'user-agent': DESKTOP_UA } });
    assert.equal(collected.status, 200);
    assert.equal((await collected.json()).access.level, 'full');
    const session = sessionCookie(collected);
    assert.match(collected.headers.get('set-cookie') ?? '', /__Host-sesame-approval=;/);
    assert.equal((await t.send('GET', '/api/profile', { cookie: session })).status, 200);
    assert.equal((await t.send('POST', '/api/auth/mobile/collect', { cookie: waiting.cookie })).status, 409, 'collected once');

    const activity = await (await t.send('GET', '/api/profile/activity', { cookie: session })).json();
    const approvedEvent = activity.events.find((e: { type: string }) => e.type === 'sign_in_approved');
    assert.equal(approvedEvent?.device, 'Android phone');
    const signInEvent = activity.events.find((e: { type: string; method: string }) => e.type === 'sign_in' && e.method === 'mobile');
    assert.equal(signInEvent?.outcome, 'success');
    assert.equal(signInEvent?.device, 'Android phone');
  });

  test('a replayed assertion is refused: each challenge is single use', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const options = await approvalOptions(t, phone.deviceCookie, waiting.requestId);
    const assertion = phone.authenticator.authenticate(options);
    const send = () =>
      t.send('POST', `/api/device/requests/${waiting.requestId}/approve`, {
        cookie: phone.deviceCookie,
        json: { number: waiting.number + 1 > 99 ? 10 : waiting.number + 1, assertion },
      });
    assert.equal((await (await send()).json()).error, 'wrong_number');
    const replay = await send();
    assert.equal(replay.status, 400);
    assert.equal((await replay.json()).error, 'passkey_not_verified');
    // With the right number, the replayed assertion still does not approve.
    const right = await t.send('POST', `/api/device/requests/${waiting.requestId}/approve`, {
      cookie: phone.deviceCookie,
      json: { number: waiting.number, assertion },
    });
    assert.equal((await right.json()).error, 'passkey_not_verified');
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'pending');
  });

  test('three wrong numbers deny the request', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const wrong = waiting.number === 99 ? 98 : waiting.number + 1;
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await (await approveOnPhone(t, phone, waiting.requestId, wrong)).json()).error);
    assert.deepEqual(codes, ['wrong_number', 'wrong_number', 'too_many_wrong_numbers']);
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'denied');
    const late = await t.send('POST', `/api/device/requests/${waiting.requestId}/options`, { cookie: phone.deviceCookie });
    assert.equal((await late.json()).error, 'approval_closed');
    assert.equal((await t.send('POST', '/api/auth/mobile/collect', { cookie: waiting.cookie })).status, 409);
  });

  test('"It wasn\'t me": denied, reported in Recent activity, and the next request refused for 20 minutes', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const denied = await t.send('POST', `/api/device/requests/${waiting.requestId}/deny`, { cookie: phone.deviceCookie });
    assert.equal(denied.status, 200);
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'denied');

    const refused = await startMobile(t, alex.userId, 'sign-in', { 'accept-language': 'fr' });
    assert.equal(refused.status, 429);
    const body = await refused.json();
    assert.equal(body.error, 'approval_limit');
    assert.equal(body.retryAfterSeconds, 20 * 60);
    assert.match(body.message, /Trop de demandes de connexion/);
    assert.equal(refused.headers.get('retry-after'), String(20 * 60));

    const activity = await (await t.send('GET', '/api/profile/activity', { cookie: await signIn(t) })).json();
    const report = activity.events.find((e: { type: string }) => e.type === 'sign_in_reported');
    assert.equal(report?.device, 'Android phone');

    t.clock.advance(20 * MINUTE + 1000);
    assert.equal((await startMobile(t, alex.userId)).status, 200);
  });

  test('push fatigue: at most 3 requests per user ID in 10 minutes, the same refusal for unknown IDs; a new request cancels the pending one', async () => {
    const first = await waitOnMobile(t, alex.userId);
    const second = await waitOnMobile(t, alex.userId);
    assert.equal((await waitingStatus(t, first.cookie)).body.status, 'cancelled');
    const pending = await (await t.send('GET', '/api/device/requests', { cookie: phone.deviceCookie })).json();
    assert.deepEqual(
      pending.requests.map((r: { id: string }) => r.id),
      [second.requestId],
    );
    await waitOnMobile(t, alex.userId);
    for (let i = 0; i < 3; i++) await waitOnMobile(t, 'nobody-9');
    const known = await startMobile(t, alex.userId);
    const unknown = await startMobile(t, 'nobody-9');
    assert.equal(known.status, 429);
    assert.equal(unknown.status, 429);
    const [a, b] = [await known.json(), await unknown.json()];
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
    assert.equal(a.error, 'approval_limit');
    assert.equal(b.error, 'approval_limit');
    assert.equal(a.retryAfterSeconds, 10 * 60);
    t.clock.advance(10 * MINUTE + 1000);
    assert.equal((await startMobile(t, alex.userId)).status, 200);
  });

  test("expiry: after the request's time, the phone can neither fetch options nor approve", async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const options = await approvalOptions(t, phone.deviceCookie, waiting.requestId);
    t.clock.advance(120_000);
    const assertion = phone.authenticator.authenticate(options);
    const late = await t.send('POST', `/api/device/requests/${waiting.requestId}/approve`, {
      cookie: phone.deviceCookie,
      json: { number: waiting.number, assertion },
    });
    assert.equal(late.status, 409);
    assert.equal((await late.json()).error, 'approval_closed');
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'expired');
    assert.deepEqual((await (await t.send('GET', '/api/device/requests', { cookie: phone.deviceCookie })).json()).requests, []);
  });

  test("another employee's device sees nothing of the request, and another employee's passkey cannot approve it", async () => {
    const bobPhone = await enrolDevice(t, await signIn(t, bob.userId), { name: 'Bob phone' });
    const waiting = await waitOnMobile(t, alex.userId);
    assert.deepEqual((await (await t.send('GET', '/api/device/requests', { cookie: bobPhone.deviceCookie })).json()).requests, []);
    assert.equal((await t.send('GET', `/api/device/requests/${waiting.requestId}`, { cookie: bobPhone.deviceCookie })).status, 404);
    assert.equal(
      (await t.send('POST', `/api/device/requests/${waiting.requestId}/options`, { cookie: bobPhone.deviceCookie })).status,
      404,
    );
    assert.equal((await approveOnPhone(t, bobPhone, waiting.requestId, waiting.number).catch(() => null)) === null, true);
    assert.equal((await t.send('POST', `/api/device/requests/${waiting.requestId}/deny`, { cookie: bobPhone.deviceCookie })).status, 404);

    // Alex's device credential, with an assertion signed by Bob's passkey over Alex's request's challenge.
    const options = await approvalOptions(t, phone.deviceCookie, waiting.requestId);
    const foreign = bobPhone.authenticator.authenticate({ ...options, allowCredentials: [] });
    const refused = await t.send('POST', `/api/device/requests/${waiting.requestId}/approve`, {
      cookie: phone.deviceCookie,
      json: { number: waiting.number, assertion: foreign },
    });
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).error, 'passkey_not_verified');
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'pending');
  });

  test('an assertion without user verification, from another origin, or tampered, is refused', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const attempts: Array<(o: Parameters<SoftAuthenticator['authenticate']>[0]) => ReturnType<SoftAuthenticator['authenticate']>> = [
      (o) => {
        phone.authenticator.flags = AUTHENTICATOR_FLAGS.UP;
        try {
          return phone.authenticator.authenticate(o);
        } finally {
          phone.authenticator.flags = AUTHENTICATOR_FLAGS.UP | AUTHENTICATOR_FLAGS.UV;
        }
      },
      (o) => phone.authenticator.authenticate(o, { origin: 'https://evil.example' }),
      (o) => {
        const a = phone.authenticator.authenticate(o);
        const sig = Buffer.from(a.response.signature, 'base64url');
        sig.writeUInt8(sig.readUInt8(sig.length - 1) ^ 1, sig.length - 1);
        return { ...a, response: { ...a.response, signature: sig.toString('base64url') } };
      },
      (o) => {
        const a = phone.authenticator.authenticate(o);
        return { ...a, response: { ...a.response, authenticatorData: a.response.authenticatorData.slice(0, 20) } };
      },
    ];
    for (const [i, make] of attempts.entries()) {
      const options = await approvalOptions(t, phone.deviceCookie, waiting.requestId);
      const response = await t.send('POST', `/api/device/requests/${waiting.requestId}/approve`, {
        cookie: phone.deviceCookie,
        json: { number: waiting.number, assertion: make(options) },
      });
      assert.equal(response.status, 400, `attempt ${i}`);
      assert.equal((await response.json()).error, 'passkey_not_verified', `attempt ${i}`);
    }
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'pending');
    assert.equal((await approveOnPhone(t, phone, waiting.requestId, waiting.number)).status, 200);
  });

  test('a removed device can no longer list or approve', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const options = await approvalOptions(t, phone.deviceCookie, waiting.requestId);
    const session = await signIn(t);
    assert.equal((await t.send('DELETE', `/api/devices/${phone.device.id}`, { cookie: session })).status, 204);
    const assertion = phone.authenticator.authenticate(options);
    const response = await t.send('POST', `/api/device/requests/${waiting.requestId}/approve`, {
      cookie: phone.deviceCookie,
      json: { number: waiting.number, assertion },
    });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'device_unknown');
  });

  test('Forgot your password? through the phone opens a session limited to setting a new password', async () => {
    const waiting = await waitOnMobile(t, alex.userId, 'reset');
    assert.equal((await approveOnPhone(t, phone, waiting.requestId, waiting.number)).status, 200);
    const collected = await t.send('POST', '/api/auth/mobile/collect', { cookie: waiting.cookie });
    assert.equal(collected.status, 200);
    assert.equal((await collected.json()).access.level, 'set-password');
  });

  test('the waiting browser hears the outcome on its event stream, with a status event per change', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const controller = new AbortController();
    const stream = await t.request('/api/auth/mobile/events', { headers: { cookie: waiting.cookie }, signal: controller.signal });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.doesNotMatch(stream.headers.get('content-encoding') ?? '', /gzip|br|deflate/);
    const events = readEventStream(stream);
    assert.match(await events.until(/"status":"pending"/), /event: status\ndata: \{"status":"pending","secondsLeft":120\}/);
    assert.equal(t.services.approvalWatch.size, 1);
    assert.equal((await approveOnPhone(t, phone, waiting.requestId, waiting.number)).status, 200);
    assert.match(await events.until(/"status":"approved"/), /event: status\ndata: \{"status":"approved"/);
    // A final status ends the stream, and the watcher is gone.
    await events.end();
    assert.equal(t.services.approvalWatch.size, 0);
    controller.abort();
  });

  test('a browser that leaves the stream is unwatched', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const controller = new AbortController();
    const stream = await t.request('/api/auth/mobile/events', { headers: { cookie: waiting.cookie }, signal: controller.signal });
    const reader = stream.body!.getReader();
    await reader.read();
    assert.equal(t.services.approvalWatch.size, 1);
    await reader.cancel();
    controller.abort();
    for (let i = 0; i < 50 && t.services.approvalWatch.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(t.services.approvalWatch.size, 0);
  });

  test('when the server stops, the waiting stream ends at once (the browser reconnects elsewhere) and the request still waits', async () => {
    const waiting = await waitOnMobile(t, alex.userId);
    const stream = await t.request('/api/auth/mobile/events', { headers: { cookie: waiting.cookie } });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    // The reconnection delay is given with the first event.
    assert.match(first, /event: status\ndata: \{"status":"pending".*\nretry: 2000/);
    t.services.stopping.stop();
    let done = false;
    while (!done) ({ done } = await reader.read());
    assert.equal(t.services.approvalWatch.size, 0);
    assert.equal((await waitingStatus(t, waiting.cookie)).body.status, 'pending');
  });

  test("the waiting endpoints without the cookie are 404 JSON in the caller's language", async () => {
    for (const path of ['/api/auth/mobile/status', '/api/auth/mobile/events']) {
      const response = await t.request(path, { headers: { 'accept-language': 'fr' } });
      assert.equal(response.status, 404);
      const body = await response.json();
      assert.equal(body.error, 'not_found');
      assert.match(body.message, /Il n'y a rien/);
    }
    void ORIGIN;
    void approvalCookie;
  });
});
