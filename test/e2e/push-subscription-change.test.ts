/**
 * The whole push path, phone to phone: the push service replaces the enrolled phone's
 * subscription (`pushsubscriptionchange` in its service worker), the worker hands the new one
 * to the server, and the next sign-in request travels server → Web Push (RFC 8291, VAPID) →
 * a push service on 127.0.0.1 that decrypts it → the phone's service worker, which shows the
 * notification; a tap opens the approval screen, and approving signs the desktop in.
 *
 * Headless Chromium reaches no push service and cannot subscribe, so the event carries the
 * receiver's subscription, and the decrypted push is handed over as a push service would
 * (`ServiceWorker.deliverPushMessage`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Worker } from 'playwright-core';
import { startPushReceiver, type PushReceiver, type TestSubscription } from '../server/support/push-receiver';
import { DEMO, EN, heading, setUpSuite, waitForServiceWorkerControl, withPage } from './harness';
import { openEnrolledPhone, startMobileSignIn } from './support/phone';
import { preparePushDelivery, tapNotification, waitForNotifications } from './support/push-delivery';

/** Fires `pushsubscriptionchange` in the worker as the browser would, with `subscription` as the new one. */
async function replaceSubscription(worker: Worker, subscription: TestSubscription): Promise<void> {
  // A script as text: tsx would wrap named functions with a helper the worker does not have.
  const script = String.raw`((json) => {
    const event = new ExtendableEvent('pushsubscriptionchange');
    Object.defineProperty(event, 'newSubscription', { value: { toJSON: () => json } });
    // A script's own event may not be extended; the browser's may, and our handler relies on it.
    Object.defineProperty(event, 'waitUntil', { value: () => undefined });
    self.dispatchEvent(event);
  })(${JSON.stringify({ endpoint: subscription.endpoint, expirationTime: null, keys: { p256dh: subscription.p256dh, auth: subscription.auth } })})`;
  await worker.evaluate(script);
}

describe('a replaced push subscription, then a sign-in request pushed for real', () => {
  const suite = setUpSuite();
  let receiver: PushReceiver;
  before(async () => (receiver = await startPushReceiver()));
  after(() => receiver.close());

  test('the worker hands the new subscription to the server; the next request reaches the phone as a notification', async () => {
    const phone = await openEnrolledPhone(suite.browser, suite.server.origin, DEMO.alex.userId);
    try {
      await phone.page.goto('/profile/devices');
      await phone.page.getByText('No notifications').waitFor();
      await waitForServiceWorkerControl(phone.page);
      const push = await preparePushDelivery(phone.context, phone.page, suite.server.origin);

      await replaceSubscription(push.worker, receiver.subscribe('phone'));
      // The device list learns it from the server: the worker saved the subscription there.
      await assert.doesNotReject(async () => {
        for (let tries = 0; ; tries++) {
          await phone.page.reload();
          const on = phone.page.getByText('Notifications on');
          if (await on.isVisible({ timeout: 1000 }).catch(() => false)) return;
          if (tries > 10) throw new Error('the device list never said "Notifications on"');
        }
      });

      await withPage(suite, {}, async ({ page }) => {
        const number = String(await startMobileSignIn(page, DEMO.alex.userId));

        const [pushed] = await receiver.waitFor(1, 15_000);
        assert.ok(pushed);
        const payload = pushed.payload as { type: string; requestId: string };
        assert.equal(payload.type, 'sign-in-request');
        assert.equal(pushed.urgency, 'high');
        assert.ok(pushed.ttl !== null && pushed.ttl > 0 && pushed.ttl <= 120, `TTL ${pushed.ttl}`);
        assert.doesNotMatch(pushed.text, /Alex|100001/, 'the push carries no name or user ID');

        await push.deliver(pushed.text);
        const [shown] = await waitForNotifications(phone.page, 1);
        assert.equal(shown?.body, 'Sign-in request — tap to review');
        assert.equal(shown?.tag, payload.requestId);
        await tapNotification(push.worker, payload.requestId);
        await heading(phone.page, 'Approve the sign-in').waitFor();
        assert.equal(new URL(phone.page.url()).pathname, `/approve/${payload.requestId}`);
        await phone.page.getByLabel('Number shown on the other screen', { exact: true }).fill(number);
        await phone.page.getByRole('button', { name: 'Approve', exact: true }).click();
        await heading(page, EN.profileHeading).waitFor();
      });
    } finally {
      await phone.close();
    }
  });
});
