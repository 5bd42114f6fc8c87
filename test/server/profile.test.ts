import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { alex, createTestApp, MINUTE, PASSWORD, sessionCookie, signIn, type TestApp } from './support/test-app';

describe('My Profile', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('shows who is signed in, and no earlier sign-in the first time', async () => {
    const cookie = await signIn(t);
    const body = await (await t.send('GET', '/api/profile', { cookie })).json();
    assert.deepEqual(
      { ...body, currentSignIn: undefined },
      {
        userId: '100001',
        employeeId: 'E-200001',
        displayName: 'Alex Tremblay',
        preferredLanguage: 'en',
        roles: ['employee'],
        previousSignIn: null,
        currentSignIn: undefined,
      },
    );
    assert.equal(body.currentSignIn.method, 'password');
    assert.equal(body.currentSignIn.at, t.clock.now().toISOString());
    assert.ok(!JSON.stringify(body).includes('passwordHash'));
  });

  test('the next session shows when and how the previous sign-in happened', async () => {
    const firstAt = t.clock.now().toISOString();
    t.clock.advance(90 * MINUTE);
    const cookie = await signIn(t);
    const body = await (await t.send('GET', '/api/profile', { cookie })).json();
    assert.deepEqual(body.previousSignIn, { at: firstAt, method: 'password' });
  });

  test('the preferred language is saved on the server', async () => {
    const cookie = await signIn(t);
    const saved = await t.send('PATCH', '/api/profile', { cookie, json: { preferredLanguage: 'fr' } });
    assert.equal(saved.status, 200);
    assert.equal((await saved.json()).preferredLanguage, 'fr');
    const later = await signIn(t);
    assert.equal((await (await t.send('GET', '/api/profile', { cookie: later })).json()).preferredLanguage, 'fr');
  });

  test('a language that is not English or French is refused with the field named', async () => {
    const cookie = await signIn(t);
    const response = await t.send('PATCH', '/api/profile', { cookie, json: { preferredLanguage: 'de' } });
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error, 'invalid_request');
    assert.deepEqual(body.fields, ['preferredLanguage']);
  });

  test('changing the language needs a session', async () => {
    const response = await t.send('PATCH', '/api/profile', { json: { preferredLanguage: 'fr' } });
    assert.equal(response.status, 401);
  });

  test('identify offers the same methods to every user ID', async () => {
    const lists = await Promise.all(
      [alex.userId, '999999', 'no.such-user'].map(async (userId) =>
        (await t.send('POST', '/api/auth/identify', { json: { userId } })).json(),
      ),
    );
    const methods = ['password', 'questions', 'mobile'];
    assert.deepEqual(lists, [{ methods }, { methods }, { methods }]);
  });
});

describe('Recent activity', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test("lists the employee's last 20 events, newest first, and only theirs", async () => {
    for (let i = 0; i < 3; i++) await t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: 'wrong' } });
    await t.send('POST', '/api/auth/password', { json: { userId: '999999', password: 'wrong' } });
    let cookie = '';
    for (let i = 0; i < 20; i++) {
      t.clock.advance(MINUTE);
      cookie = await signIn(t);
    }
    const body = await (await t.send('GET', '/api/profile/activity', { cookie })).json();
    assert.equal(body.events.length, 20);
    assert.deepEqual(body.events[0], {
      at: t.clock.now().toISOString(),
      type: 'sign_in',
      outcome: 'success',
      method: 'password',
      ip: 'unknown',
    });
    const times = body.events.map((e: { at: string }) => e.at);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  test('needs a session', async () => {
    assert.equal((await t.send('GET', '/api/profile/activity')).status, 401);
  });

  test('names the browser and system of each event, and marks the sign-in of this session', async () => {
    const phone = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
    const desktop = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
    const signInFrom = async (userAgent: string) => {
      t.clock.advance(MINUTE);
      const response = await t.send('POST', '/api/auth/password', {
        json: { userId: alex.userId, password: PASSWORD },
        headers: { 'user-agent': userAgent },
      });
      assert.equal(response.status, 200);
      return sessionCookie(response);
    };
    const onPhone = await signInFrom(phone);
    const onDesktop = await signInFrom(desktop);

    const fromDesktop = await (await t.send('GET', '/api/profile/activity', { cookie: onDesktop })).json();
    assert.equal(fromDesktop.sources.length, fromDesktop.events.length);
    assert.deepEqual(fromDesktop.sources.slice(0, 2), [
      { browser: 'Safari', system: 'macOS', thisSession: true },
      { browser: 'Chrome', system: 'Android', thisSession: false },
    ]);

    // The phone's session is still open (each browser has its own): there, its own sign-in is this session.
    const fromPhone = await (await t.send('GET', '/api/profile/activity', { cookie: onPhone })).json();
    assert.deepEqual(
      fromPhone.sources.slice(0, 2).map((s: { thisSession: boolean }) => s.thisSession),
      [false, true],
    );
    assert.equal(fromPhone.sources.filter((s: { thisSession: boolean }) => s.thisSession).length, 1);
  });
});
