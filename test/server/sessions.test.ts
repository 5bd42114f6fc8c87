import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { alex, createTestApp, MINUTE, signIn, type TestApp } from './support/test-app';

describe('sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [alex, { ...alex, userId: '100009', employeeId: 'E-9', displayName: 'Soon Gone' }] });
  });
  after(() => t.close());

  const profile = (cookie?: string) => t.send('GET', '/api/profile', cookie ? { cookie } : {});
  const session = async (cookie?: string) => (await t.send('GET', '/api/auth/session', cookie ? { cookie } : {})).json();

  test("without a session, My Profile answers 401 unauthenticated in the caller's language", async () => {
    const response = await t.send('GET', '/api/profile', { headers: { 'accept-language': 'fr' } });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), {
      error: 'unauthenticated',
      message: 'Votre session a pris fin. Ouvrez une nouvelle session.',
    });
  });

  test('/api/auth/session tells the app whether this browser is signed in', async () => {
    assert.deepEqual(await session(), { signedIn: false });
    const cookie = await signIn(t);
    const answer = await session(cookie);
    assert.equal(answer.signedIn, true);
    assert.equal(answer.profile.userId, '100001');
  });

  test('log out ends the session on the server: the old cookie opens nothing', async () => {
    const cookie = await signIn(t);
    const out = await t.send('POST', '/api/auth/logout', { cookie });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /__Host-sesame_session=;.*Max-Age=0/);
    assert.equal((await profile(cookie)).status, 401);
    assert.deepEqual(await session(cookie), { signedIn: false });
  });

  test('log out without a session is harmless', async () => {
    assert.equal((await t.send('POST', '/api/auth/logout')).status, 204);
  });

  test('15 idle minutes end the session', async () => {
    const cookie = await signIn(t);
    t.clock.advance(14 * MINUTE);
    assert.equal((await profile(cookie)).status, 200);
    t.clock.advance(14 * MINUTE);
    assert.equal((await profile(cookie)).status, 200, 'activity keeps it alive');
    t.clock.advance(15 * MINUTE + 1000);
    assert.equal((await profile(cookie)).status, 401);
  });

  test('a session used at t is alive until t + 15 minutes exactly, whenever last-seen was written', async () => {
    const cookie = await signIn(t);
    t.clock.advance(30_000);
    assert.equal((await profile(cookie)).status, 200);
    t.clock.advance(400);
    assert.equal((await profile(cookie)).status, 200, 'used at t, within a second of the last write');
    t.clock.advance(15 * MINUTE - 1);
    assert.equal((await profile(cookie)).status, 200, 'alive at t + 15 min - 1 ms');
    t.clock.advance(15 * MINUTE + 1000);
    assert.equal((await profile(cookie)).status, 401, 'and, used last then, ended a second after 15 more minutes at most');
  });

  test('8 hours end the session however active it is', async () => {
    const cookie = await signIn(t);
    for (let elapsed = 0; elapsed < 8 * 60 - 10; elapsed += 10) {
      t.clock.advance(10 * MINUTE);
      assert.equal((await profile(cookie)).status, 200, `still alive after ${elapsed + 10} minutes`);
    }
    t.clock.advance(11 * MINUTE);
    assert.equal((await profile(cookie)).status, 401);
  });

  test('a disabled account loses its session at the next request', async () => {
    const cookie = await signIn(t, '100009');
    await t.store.write((w) => w.db.update(w.t.employees).set({ disabled: true }).where(eq(w.t.employees.userId, '100009')));
    assert.equal((await profile(cookie)).status, 401);
  });

  test('a forged or malformed cookie opens nothing', async () => {
    for (const cookie of ['__Host-sesame_session=' + 'A'.repeat(43), '__Host-sesame_session=abc', 'sesame_session=' + 'B'.repeat(43)]) {
      assert.equal((await profile(cookie)).status, 401, cookie);
    }
  });

  test('expired sessions are purged from the database', async () => {
    await signIn(t);
    t.clock.advance(9 * 60 * MINUTE);
    const purged = await t.services.sessions.purgeExpired();
    assert.ok(purged >= 1);
    assert.equal((await t.store.db.select().from(t.store.t.sessions)).length, 0);
  });

  test('the database keeps a hash of the session token, not the token', async () => {
    const cookie = await signIn(t);
    const token = cookie.split('=')[1] ?? '';
    const rows = await t.store.db.select().from(t.store.t.sessions);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.tokenHash !== token));
  });
});
