/**
 * Push sending for real: pushes queued in the outbox are sent by the push worker through
 * `web-push` to a push service on 127.0.0.1 (support/push-receiver.ts) that checks the VAPID
 * signature and decrypts the RFC 8291 body with the subscription's own private key.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, test } from 'node:test';
import webpush from 'web-push';
import { count, eq } from 'drizzle-orm';
import type { Store } from '../../server/db/store';
import { createLogger } from '../../server/logger';
import { createPushOutbox, type PushOutbox } from '../../server/push/push-outbox';
import { createPushSender } from '../../server/push/push-sender';
import { createPushWorker, type PushWorkerOptions } from '../../server/workers/push-worker';
import type { Worker } from '../../server/workers/worker';
import type { PushPayload } from '../../shared/push-payload';
import { startPushReceiver, type PushReceiver, type TestSubscription } from './support/push-receiver';
import { createTestDatabase, dialect, type TestDatabase } from './support/test-store';

const SUBJECT = 'mailto:it-security@example.org';
const vapid = { subject: SUBJECT, ...webpush.generateVAPIDKeys() };
const SECOND = 1000;

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger('debug', stream) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await pause(20);
  }
}

/** A device of `employeeId` subscribed to pushes, as enrolment leaves it. */
async function subscribeDevice(store: Store, employeeId: string, subscription: TestSubscription): Promise<string> {
  const deviceId = randomUUID();
  const at = new Date();
  await store.write(async (w) => {
    // A subscription belongs to an enrolled device of an employee (foreign keys).
    await w.db
      .insert(w.t.employees)
      .values({
        id: employeeId,
        userId: `user-${employeeId}`,
        employeeId: `E-${employeeId}`,
        displayName: employeeId,
        preferredLanguage: 'en',
        passwordHash: 'not-used',
        roles: [],
        mustChangePassword: false,
        disabled: false,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing();
    await w.db.insert(w.t.mobileDevices).values({
      id: deviceId,
      employeeId,
      name: 'Android phone',
      platform: 'android',
      language: 'en',
      createdAt: at,
      credentialHash: randomUUID(),
      totpSecret: 'not-used',
    });
    await w.db.insert(w.t.pushSubscriptions).values({
      deviceId,
      employeeId,
      endpoint: subscription.endpoint,
      p256dh: subscription.p256dh,
      auth: subscription.auth,
      createdAt: at,
    });
  });
  return deviceId;
}

const signInRequest = (requestId = randomUUID()): PushPayload => ({ type: 'sign-in-request', requestId });

describe('push sending', () => {
  let database: TestDatabase;
  let store: Store;
  let receiver: PushReceiver;
  let outbox: PushOutbox;
  let logs: ReturnType<typeof capture>;
  const workers: Worker[] = [];

  const startWorker = (options: Partial<PushWorkerOptions> = {}, on: Store = store) => {
    const worker = createPushWorker({
      store: on,
      log: logs.log,
      now: () => new Date(),
      sender: () => Promise.resolve(createPushSender({ vapid, timeoutMs: 2000 })),
      retryDelayMs: () => 30,
      ...options,
    });
    workers.push(worker);
    worker.start();
    return worker;
  };

  const outboxRows = async (on: Store = store) => (await on.db.select({ n: count() }).from(on.t.pushOutbox))[0]?.n ?? 0;
  const enqueue = (employeeId: string, payload: PushPayload, expiresAt = new Date(Date.now() + 120 * SECOND), exceptDeviceId?: string) =>
    store.write((w) => outbox.enqueue(w, { employeeId, payload, expiresAt, exceptDeviceId }));

  before(async () => {
    database = await createTestDatabase();
    store = await database.open();
    outbox = createPushOutbox(store.events);
  });
  beforeEach(async () => {
    logs = capture();
    receiver = await startPushReceiver();
  });
  after(async () => {
    await database.drop();
  });

  const finish = async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await receiver.close();
    await store.write(async (w) => {
      await w.db.delete(w.t.pushOutbox);
      await w.db.delete(w.t.pushSubscriptions);
    });
  };

  test('the payload arrives, decrypted, with the seconds left as TTL, urgency high and a VAPID signature', async () => {
    try {
      const phone = receiver.subscribe('phone');
      await subscribeDevice(store, 'alex', phone);
      const payload = signInRequest();
      startWorker();
      assert.equal(await enqueue('alex', payload), 1);
      const [push] = await receiver.waitFor(1);
      assert.ok(push);
      assert.deepEqual(push.payload, payload);
      assert.equal(push.urgency, 'high');
      assert.equal(push.contentEncoding, 'aes128gcm');
      assert.ok(push.ttl !== null && push.ttl <= 120 && push.ttl >= 115, `TTL ${push.ttl}`);
      assert.equal(push.vapid.sub, SUBJECT);
      assert.equal(push.vapid.publicKey, vapid.publicKey);
      await until(async () => (await outboxRows()) === 0);
      assert.deepEqual(receiver.refused, []);
    } finally {
      await finish();
    }
  });

  test("every device of the employee hears, but the one the news comes from, and no one else's", async () => {
    try {
      const a = await subscribeDevice(store, 'alex', receiver.subscribe('alex-a'));
      await subscribeDevice(store, 'alex', receiver.subscribe('alex-b'));
      await subscribeDevice(store, 'alex', receiver.subscribe('alex-c'));
      await subscribeDevice(store, 'sam', receiver.subscribe('sam'));
      startWorker();
      assert.equal(await enqueue('alex', { type: 'device-added' }, undefined, a), 2);
      const pushes = await receiver.waitFor(2);
      assert.deepEqual(pushes.map((p) => p.subscription).sort(), ['alex-b', 'alex-c']);
      assert.ok(pushes.every((p) => JSON.stringify(p.payload) === '{"type":"device-added"}'));
      await pause(100);
      assert.equal(receiver.received.length, 2);
    } finally {
      await finish();
    }
  });

  test("a push queued through one store wakes another store's idle worker on the same database at once", async () => {
    const other = await database.open();
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('phone'));
      // Its interval alone would not find the row within the test.
      startWorker({ intervalMs: 60_000 }, other);
      await pause(100);
      const started = Date.now();
      await enqueue('alex', signInRequest());
      await receiver.waitFor(1, 3000);
      assert.ok(Date.now() - started < 3000);
    } finally {
      await finish();
    }
  });

  test('a push queued while the worker is still beginning to listen is sent at once, not at its next interval', async () => {
    // A listen that takes a while to be set up (a slow database connection): the event of a row
    // queued meanwhile is never heard, and the worker's first look came before the row.
    let listen!: () => void;
    const listening = new Promise<void>((resolve) => (listen = resolve));
    const slowToListen: Store = {
      ...store,
      events: { ...store.events, subscribe: async (...args) => listening.then(() => store.events.subscribe(...args)) },
    };
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('phone'));
      startWorker({ intervalMs: 60_000 }, slowToListen);
      await pause(200);
      await enqueue('alex', signInRequest());
      listen();
      await receiver.waitFor(1, 3000);
    } finally {
      await finish();
    }
  });

  test('a push queued in a write that rolls back is never sent', async () => {
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('phone'));
      startWorker();
      await assert.rejects(
        store.write(async (w) => {
          await outbox.enqueue(w, { employeeId: 'alex', payload: signInRequest(), expiresAt: new Date(Date.now() + 60 * SECOND) });
          throw new Error('the sign-in request failed after all');
        }),
        /failed after all/,
      );
      assert.equal(await outboxRows(), 0);
      await pause(150);
      assert.equal(receiver.received.length, 0);
    } finally {
      await finish();
    }
  });

  test('a payload that would say more than a kind and a request id is refused', async () => {
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('phone'));
      const chatty = {
        type: 'sign-in-request',
        requestId: randomUUID(),
        name: 'Alex Tremblay',
        ip: '203.0.113.9',
      } as unknown as PushPayload;
      await assert.rejects(enqueue('alex', chatty), /not a valid push payload/);
      assert.equal(await outboxRows(), 0);
    } finally {
      await finish();
    }
  });

  test('410 Gone deletes the subscription and the pushes still waiting for it', async () => {
    try {
      const gone = receiver.subscribe('gone');
      const deviceId = await subscribeDevice(store, 'alex', gone);
      await subscribeDevice(store, 'alex', receiver.subscribe('alive'));
      receiver.answer('gone', 410);
      await enqueue('alex', signInRequest());
      await enqueue('alex', signInRequest());
      await enqueue('alex', signInRequest());
      assert.equal(await outboxRows(), 6);
      // One at a time, so that the first 410 comes back before the next push to that endpoint.
      startWorker({ batchSize: 1 });
      await until(async () => (await outboxRows()) === 0);
      const toGone = receiver.received.filter((p) => p.subscription === 'gone');
      assert.equal(toGone.length, 1, 'the two other pushes to the gone subscription were deleted, not sent');
      assert.equal(receiver.received.filter((p) => p.subscription === 'alive').length, 3);
      const left = await store.db.select().from(store.t.pushSubscriptions).where(eq(store.t.pushSubscriptions.deviceId, deviceId));
      assert.deepEqual(left, []);
      assert.equal(await enqueue('alex', signInRequest()), 1, 'only the live subscription is left');
    } finally {
      await finish();
    }
  });

  test('404 deletes the subscription too', async () => {
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('unknown'));
      receiver.answer('unknown', 404);
      startWorker();
      await enqueue('alex', signInRequest());
      await until(async () => (await store.db.select().from(store.t.pushSubscriptions)).length === 0);
      assert.equal(await outboxRows(), 0);
    } finally {
      await finish();
    }
  });

  test('500 is retried until the push service takes it', async () => {
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('flaky'));
      receiver.answer('flaky', 500, 503, 429, 201);
      const payload = signInRequest();
      startWorker();
      await enqueue('alex', payload);
      const pushes = await receiver.waitFor(4);
      assert.deepEqual(
        pushes.map((p) => p.status),
        [500, 503, 429, 201],
      );
      assert.ok(pushes.every((p) => JSON.stringify(p.payload) === JSON.stringify(payload)));
      // Each retry's TTL is what is left then, never more than the first.
      assert.ok(pushes.every((p) => p.ttl !== null && p.ttl <= 120));
      await until(async () => (await outboxRows()) === 0);
      await pause(100);
      assert.equal(receiver.received.length, 4);
    } finally {
      await finish();
    }
  });

  test('a refusal that would be repeated (403) drops the push and keeps the subscription', async () => {
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('picky'));
      receiver.answer('picky', 403);
      startWorker();
      await enqueue('alex', signInRequest());
      await receiver.waitFor(1);
      await until(async () => (await outboxRows()) === 0);
      assert.equal((await store.db.select().from(store.t.pushSubscriptions)).length, 1);
      await pause(100);
      assert.equal(receiver.received.length, 1);
    } finally {
      await finish();
    }
  });

  test('an expired push is never sent, and a retry that would come after the expiry is not made', async () => {
    try {
      await subscribeDevice(store, 'alex', receiver.subscribe('late'));
      await enqueue('alex', signInRequest(), new Date(Date.now() - SECOND));
      await enqueue('alex', signInRequest(), new Date(Date.now() + 1500));
      receiver.answer('late', 500);
      startWorker({ retryDelayMs: () => 5 * SECOND });
      await until(async () => (await outboxRows()) === 0);
      assert.equal(receiver.received.length, 1, 'only the unexpired push was sent, once');
      await pause(300);
      assert.equal(receiver.received.length, 1);
    } finally {
      await finish();
    }
  });

  test('a push service that never answers is retried; stopping hands the push back at once', async () => {
    try {
      // Nothing listens on this port's path that answers: a connection refused is a network error.
      const dead = {
        name: 'dead',
        endpoint: 'http://127.0.0.1:9/push/dead',
        p256dh: receiver.subscribe('x').p256dh,
        auth: receiver.subscribe('y').auth,
      };
      await subscribeDevice(store, 'alex', dead);
      const worker = startWorker({ retryDelayMs: () => 60 * SECOND });
      await enqueue('alex', signInRequest());
      await until(async () => {
        const rows = await store.db.select().from(store.t.pushOutbox);
        return rows.length === 1 && rows[0]?.attempts === 1 && rows[0].claimedBy === null;
      });
      await worker.stop();
      assert.equal(await outboxRows(), 1, 'still waiting for a next attempt');
    } finally {
      await finish();
    }
  });

  test('the logs name the push service and the device, never the endpoint or the keys', async () => {
    try {
      const phone = receiver.subscribe('secret-endpoint-path');
      await subscribeDevice(store, 'alex', phone);
      receiver.answer('secret-endpoint-path', 500, 403);
      startWorker();
      await enqueue('alex', signInRequest());
      await receiver.waitFor(2);
      await until(async () => (await outboxRows()) === 0);
      const text = logs.lines.join('');
      assert.match(text, /push failed: will retry/);
      assert.match(text, /127\.0\.0\.1/);
      assert.doesNotMatch(text, /secret-endpoint-path/);
      assert.ok(!text.includes(phone.p256dh) && !text.includes(phone.auth) && !text.includes(vapid.privateKey));
    } finally {
      await finish();
    }
  });

  test(
    'two workers on one PostgreSQL database never send the same push twice',
    { skip: dialect !== 'postgres' && 'several instances need PostgreSQL' },
    async () => {
      const other = await database.open();
      try {
        const names = Array.from({ length: 10 }, (_, i) => `phone-${i}`);
        for (const name of names) await subscribeDevice(store, 'alex', receiver.subscribe(name));
        const sentBy = [0, 0];
        const counting = (index: 0 | 1) => () => {
          const sender = createPushSender({ vapid, timeoutMs: 2000 });
          return Promise.resolve({
            send: (...args: Parameters<typeof sender.send>) => {
              sentBy[index] = (sentBy[index] ?? 0) + 1;
              return sender.send(...args);
            },
          });
        };
        const first = startWorker({ batchSize: 4, sender: counting(0) });
        const second = startWorker({ batchSize: 4, sender: counting(1) }, other);
        const ids: string[] = [];
        for (let i = 0; i < 20; i += 1) {
          const payload = signInRequest();
          ids.push((payload as { requestId: string }).requestId);
          await enqueue('alex', payload);
        }
        first.wake();
        second.wake();
        await receiver.waitFor(200, 30_000);
        await until(async () => (await outboxRows()) === 0);
        await pause(300);
        const sent = receiver.received.map((p) => `${p.subscription} ${(p.payload as { requestId: string }).requestId}`);
        assert.equal(sent.length, 200);
        assert.equal(new Set(sent).size, 200, 'no push was sent twice');
        assert.equal(new Set(receiver.received.map((p) => (p.payload as { requestId: string }).requestId)).size, ids.length);
        assert.ok(
          sentBy.every((n) => n > 0),
          `both workers sent: ${sentBy.join(' and ')}`,
        );
      } finally {
        await finish();
      }
    },
  );
});
