/**
 * "Mobile device" across instances on one PostgreSQL database: a browser waiting on instance A
 * (its event stream open there) is approved through instance B; A hears it by LISTEN/NOTIFY, and
 * a browser whose stream broke asks either instance and gets the outcome from the database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readEventStream } from './support/event-stream';
import { approveOnPhone, waitingStatus, waitOnMobile } from './support/approvals';
import { enrolDevice, type EnrolledDevice } from './support/devices';
import { alex, createTestApp, sessionCookie, signIn, TestClock, type TestApp } from './support/test-app';
import { createTestDatabase, dialect, type TestDatabase } from './support/test-store';

describe('mobile device approvals across two instances', { skip: dialect !== 'postgres' && 'several instances need PostgreSQL' }, () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let phone: EnrolledDevice;
  before(async () => {
    database = await createTestDatabase();
    const clock = new TestClock();
    a = await createTestApp({ database, clock });
    b = await createTestApp({ database, clock, employees: [] });
    phone = await enrolDevice(b, await signIn(b));
  });
  after(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  test('a browser waiting on instance A is approved through instance B, and collects its session on A', async () => {
    const waiting = await waitOnMobile(a, alex.userId);
    const stream = await a.request('/api/auth/mobile/events', { headers: { cookie: waiting.cookie } });
    const events = readEventStream(stream);
    const readUntil = (pattern: RegExp) => events.until(pattern);
    await readUntil(/"status":"pending"/);
    // B lists the request A created, and approves it.
    const listed = await (await b.send('GET', '/api/device/requests', { cookie: phone.deviceCookie })).json();
    assert.deepEqual(
      listed.requests.map((r: { id: string }) => r.id),
      [waiting.requestId],
    );
    const started = performance.now();
    assert.equal((await approveOnPhone(b, phone, waiting.requestId, waiting.number)).status, 200);
    assert.match(await readUntil(/"status":"approved"/), /"status":"approved"/);
    assert.ok(performance.now() - started < 5000);
    await events.cancel();

    // Polling either instance tells the same outcome; the session is collected once, on A.
    assert.equal((await waitingStatus(b, waiting.cookie)).body.status, 'approved');
    const collected = await a.send('POST', '/api/auth/mobile/collect', { cookie: waiting.cookie });
    assert.equal(collected.status, 200);
    assert.equal((await b.send('GET', '/api/profile', { cookie: sessionCookie(collected) })).status, 200);
    assert.equal((await b.send('POST', '/api/auth/mobile/collect', { cookie: waiting.cookie })).status, 409);
  });
});
