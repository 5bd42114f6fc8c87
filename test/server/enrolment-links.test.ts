/**
 * "Add a phone": a single-use enrolment link, valid 5 minutes, created by a session with a
 * recent proof, used by a phone with no session; the phone enrols for the link's employee.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditEventsAbout } from '../../server/db/queries/audit';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { listDevices } from '../../server/db/queries/mobile-devices';
import { readEventStream } from './support/event-stream';
import { ANDROID_UA, deviceCookie } from './support/devices';
import { SoftAuthenticator } from './support/soft-authenticator';
import { alex, createTestApp, MINUTE, ORIGIN, signIn, type TestApp } from './support/test-app';

const kim = { ...alex, userId: '100030', employeeId: 'E-200030', displayName: 'Kim Lavoie' };

describe('enrolment links ("Add a phone")', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [alex, kim] });
  });
  after(() => t.close());

  const createLink = (cookie: string, language = 'en') =>
    t.send('POST', '/api/devices/enrolment-links', { cookie, headers: { 'accept-language': language } });
  const tokenOf = (url: string) => new URL(url).hash.slice(1);
  const options = (token: string, language = 'en') =>
    t.send('POST', '/api/enrolment-link/registration-options', {
      json: { token },
      headers: { 'user-agent': ANDROID_UA, 'accept-language': language },
    });
  const add = (
    token: string,
    registration: unknown,
    { name = 'Kim’s phone', language = 'en', cookie }: { name?: string; language?: string; cookie?: string } = {},
  ) =>
    t.send('POST', '/api/enrolment-link/device', {
      json: { token, name, language, registration },
      cookie,
      headers: { 'user-agent': ANDROID_UA, 'accept-language': language },
    });
  /** The phone's whole side: options, the passkey, the device. */
  const enrolWith = async (token: string, extra: { name?: string; cookie?: string } = {}) => {
    const opened = await options(token);
    assert.equal(opened.status, 200, await opened.clone().text());
    const registration = new SoftAuthenticator({ origin: ORIGIN }).register((await opened.json()).options);
    return add(token, registration, extra);
  };
  const employeeIdOf = async (userId: string) => (await findEmployeeByUserId(t.store, userId))!.id;

  test('a recent sign-in creates a link: a /enrol#token URL, an SVG QR code without style attributes, 5 minutes', async () => {
    const cookie = await signIn(t, kim.userId);
    const response = await createLink(cookie);
    assert.equal(response.status, 201);
    const body = await response.json();
    const url = new URL(body.url);
    assert.equal(url.origin, ORIGIN);
    assert.equal(url.pathname, '/enrol');
    assert.match(url.hash, /^#[A-Za-z0-9_-]{43}$/);
    assert.equal(url.search, '');
    assert.match(body.qrSvg, /^<svg[^>]*viewBox/);
    assert.doesNotMatch(body.qrSvg, /style=|<script/i);
    assert.equal(body.expiresInSeconds, 300);
    assert.equal(body.expiresAt, new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString());
    // The token is stored hashed, and never in the audit trail.
    const rows = await auditEventsAbout(t.store, await employeeIdOf(kim.userId), 5);
    const created = rows.find((r) => r.type === 'enrolment_link_created');
    assert.ok(created);
    assert.doesNotMatch(JSON.stringify(created), new RegExp(tokenOf(body.url)));
    const stored = await t.store.db.select().from(t.store.t.enrolmentLinks);
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(tokenOf(body.url)));
  });

  test('creating a link needs a recent proof; following it does not', async () => {
    const cookie = await signIn(t, kim.userId);
    const link = await (await createLink(cookie)).json();
    t.clock.advance(5 * MINUTE + 1000);
    const refused = await createLink(cookie, 'fr');
    assert.equal(refused.status, 403);
    const body = await refused.json();
    assert.equal(body.error, 'reauthentication_required');
    assert.match(body.message, /mot de passe/);
    const status = await t.send('GET', `/api/devices/enrolment-links/${link.id}`, { cookie });
    assert.equal(status.status, 200);
    assert.equal((await status.json()).state, 'expired');
    assert.equal((await t.send('POST', '/api/devices/enrolment-links')).status, 401);
  });

  test('the phone enrols once with no session: the device is the link’s employee’s, the desktop sees “used” with its name', async () => {
    const cookie = await signIn(t, kim.userId);
    const link = await (await createLink(cookie)).json();
    const token = tokenOf(link.url);
    const opened = await options(token);
    assert.equal(opened.status, 200);
    const openedBody = await opened.json();
    assert.equal(openedBody.displayName, 'Kim Lavoie');
    assert.equal(openedBody.platform, 'android');
    const registration = new SoftAuthenticator({ origin: ORIGIN }).register(openedBody.options);
    const added = await add(token, registration, { name: 'Pixel de Kim' });
    assert.equal(added.status, 201, await added.clone().text());
    const body = await added.json();
    assert.equal(body.device.name, 'Pixel de Kim');
    assert.equal(body.device.thisDevice, true);
    assert.match(body.offlineKey, /^[A-Za-z0-9_-]{27}$/);
    const phone = deviceCookie(added);
    assert.equal((await t.send('GET', '/api/devices/current', { cookie: phone })).status, 200);

    const devices = await listDevices(t.store, await employeeIdOf(kim.userId));
    assert.ok(devices.some((d) => d.id === body.device.id));
    const status = await (await t.send('GET', `/api/devices/enrolment-links/${link.id}`, { cookie })).json();
    assert.deepEqual({ state: status.state, deviceName: status.deviceName }, { state: 'used', deviceName: 'Pixel de Kim' });

    const types = (await auditEventsAbout(t.store, await employeeIdOf(kim.userId), 10)).map((r) => r.type);
    assert.ok(types.includes('enrolment_link_used'));
    assert.ok(types.includes('device_added'));
  });

  test('a used link is refused, in the caller’s language, and adds nothing', async () => {
    const cookie = await signIn(t, kim.userId);
    const token = tokenOf((await (await createLink(cookie)).json()).url);
    assert.equal((await enrolWith(token)).status, 201);
    const before = (await listDevices(t.store, await employeeIdOf(kim.userId))).length;
    const again = await options(token, 'fr');
    assert.equal(again.status, 410);
    const body = await again.json();
    assert.equal(body.error, 'enrolment_link_used');
    assert.match(body.message, /a déjà servi/);
    const replay = await add(
      token,
      new SoftAuthenticator({ origin: ORIGIN }).register(
        (await (await options(tokenOf((await (await createLink(cookie)).json()).url))).json()).options,
      ),
    );
    assert.equal(replay.status, 410);
    assert.equal((await replay.json()).error, 'enrolment_link_used');
    assert.equal((await listDevices(t.store, await employeeIdOf(kim.userId))).length, before);
  });

  test('two enrolments sent at once with one link: one phone is added', async () => {
    const cookie = await signIn(t, kim.userId);
    const token = tokenOf((await (await createLink(cookie)).json()).url);
    const [a, b] = await Promise.all([options(token), options(token)]);
    const regA = new SoftAuthenticator({ origin: ORIGIN }).register((await a.json()).options);
    const regB = new SoftAuthenticator({ origin: ORIGIN }).register((await b.json()).options);
    const results = await Promise.all([add(token, regA), add(token, regB)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 410]);
  });

  test('an expired link is refused, options fetched in time included', async () => {
    const cookie = await signIn(t, kim.userId);
    const token = tokenOf((await (await createLink(cookie)).json()).url);
    const opened = await (await options(token)).json();
    t.clock.advance(5 * MINUTE);
    const registration = new SoftAuthenticator({ origin: ORIGIN }).register(opened.options);
    const late = await add(token, registration);
    assert.equal(late.status, 410);
    assert.equal((await late.json()).error, 'enrolment_link_expired');
    const lateOptions = await options(token);
    assert.equal(lateOptions.status, 410);
    assert.equal((await lateOptions.json()).error, 'enrolment_link_expired');
  });

  test('a newer link replaces the unused one', async () => {
    const cookie = await signIn(t, kim.userId);
    const first = await (await createLink(cookie)).json();
    const second = await (await createLink(cookie)).json();
    const refused = await options(tokenOf(first.url));
    assert.equal(refused.status, 410);
    assert.equal((await refused.json()).error, 'enrolment_link_replaced');
    assert.equal((await (await t.send('GET', `/api/devices/enrolment-links/${first.id}`, { cookie })).json()).state, 'replaced');
    assert.equal((await enrolWith(tokenOf(second.url))).status, 201);
  });

  test('an unknown token is a 404 in the caller’s language', async () => {
    const response = await options('A'.repeat(43), 'fr');
    assert.equal(response.status, 404);
    const body = await response.json();
    assert.equal(body.error, 'enrolment_link_unknown');
    assert.match(body.message, /n'est pas valide/);
  });

  test('another employee’s link enrols into that employee only, whoever is signed in on the phone', async () => {
    const kimCookie = await signIn(t, kim.userId);
    const alexCookie = await signIn(t, alex.userId);
    const kimToken = tokenOf((await (await createLink(kimCookie)).json()).url);
    const alexBefore = (await listDevices(t.store, await employeeIdOf(alex.userId))).length;
    // Alex's phone, signed in as Alex, opens Kim's link: the device is Kim's, not Alex's.
    const added = await enrolWith(kimToken, { cookie: alexCookie });
    assert.equal(added.status, 201);
    const id = (await added.json()).device.id;
    assert.ok((await listDevices(t.store, await employeeIdOf(kim.userId))).some((d) => d.id === id));
    assert.equal((await listDevices(t.store, await employeeIdOf(alex.userId))).length, alexBefore);
    // Kim's link id is not Alex's to follow.
    const alexLink = await (await createLink(alexCookie)).json();
    const kimLink = await (await createLink(kimCookie)).json();
    assert.equal((await t.send('GET', `/api/devices/enrolment-links/${kimLink.id}`, { cookie: alexCookie })).status, 404);
    // A registration made for Alex's link cannot be finished with Kim's (the challenge is the link's).
    const forAlex = await (await options(tokenOf(alexLink.url))).json();
    const registration = new SoftAuthenticator({ origin: ORIGIN }).register(forAlex.options);
    const crossed = await add(tokenOf(kimLink.url), registration);
    assert.equal(crossed.status, 400);
    assert.equal((await crossed.json()).error, 'passkey_not_verified');
    // Nor one made for Alex's own session ("Add this device").
    const sessionOptions = await (await t.send('POST', '/api/devices/registration-options', { cookie: alexCookie })).json();
    const fromSession = new SoftAuthenticator({ origin: ORIGIN }).register(sessionOptions.options);
    assert.equal((await add(tokenOf(kimLink.url), fromSession)).status, 400);
    // Kim's link is still open after those refusals.
    assert.equal((await enrolWith(tokenOf(kimLink.url))).status, 201);
  });

  test('the sweeper keeps expired links a day (a late phone hears “expired”), then deletes them', async () => {
    const cookie = await signIn(t, kim.userId);
    const token = tokenOf((await (await createLink(cookie)).json()).url);
    t.clock.advance(6 * MINUTE);
    assert.equal(await t.services.enrolmentLinks.purgeExpired(), 0);
    assert.equal((await (await options(token)).json()).error, 'enrolment_link_expired');
    t.clock.advance(24 * 60 * MINUTE);
    assert.ok((await t.services.enrolmentLinks.purgeExpired()) >= 1);
    assert.equal((await (await options(token)).json()).error, 'enrolment_link_unknown');
  });

  test('the desktop’s event stream says “used” with the phone’s name, without asking again', async () => {
    const cookie = await signIn(t, kim.userId);
    const link = await (await createLink(cookie)).json();
    const events = await t.send('GET', `/api/devices/enrolment-links/${link.id}/events`, { cookie });
    assert.equal(events.status, 200);
    assert.match(events.headers.get('content-type') ?? '', /text\/event-stream/);
    const stream = readEventStream(events);
    await stream.until(/"state":"waiting"/);
    assert.equal((await enrolWith(tokenOf(link.url), { name: 'Kim’s Pixel' })).status, 201);
    assert.match(await stream.until(/"state":"used"/), /"deviceName":"Kim’s Pixel"/);
    await stream.cancel();
  });
});
