/**
 * The phone's half of a push: the built app's service worker gets a push (delivered through
 * DevTools, as a push service would hand it over) and shows a notification in the device's
 * language, tagged with the request; a malformed push shows nothing and breaks nothing; a tap
 * on the notification opens the approval screen (or Recent activity for a device added).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EN, FR, heading, openSignIn, setUpSuite, waitForServiceWorkerControl, withPage, failedResponseNote } from './harness';
import {
  preparePushDelivery,
  shownNotifications,
  tapNotification,
  waitForDeviceLanguage,
  waitForNotifications,
} from './support/push-delivery';

const REQUEST_ID = '3f2a9c1e-7b4d-4e8a-9f10-2c6d8e0b5a47';
const signInRequest = (requestId = REQUEST_ID) => JSON.stringify({ type: 'sign-in-request', requestId });

describe('push notifications', () => {
  const suite = setUpSuite();

  test('a sign-in request shows one notification in English, tagged with the request, and a tap opens its approval screen', async () => {
    await withPage(suite, {}, async ({ context, page, browserConsole }) => {
      // This browser is no enrolled device: the approval screen it opens is refused its request.
      browserConsole.allow(failedResponseNote(401));
      await openSignIn(page);
      await waitForServiceWorkerControl(page);
      const push = await preparePushDelivery(context, page, suite.server.origin);
      await waitForDeviceLanguage(push.worker, 'en');

      await push.deliver(signInRequest());
      // The same request pushed again (a retry) replaces its notification rather than adding one.
      await push.deliver(signInRequest());
      const [shown, ...others] = await waitForNotifications(page, 1);
      assert.deepEqual(others, []);
      assert.equal(shown?.title, 'Sésame');
      assert.equal(shown?.body, 'Sign-in request — tap to review');
      assert.equal(shown?.tag, REQUEST_ID);
      assert.equal(shown?.lang, 'en');

      const opened = page.waitForEvent('framenavigated', { predicate: (frame) => frame.url().endsWith(`/approve/${REQUEST_ID}`) });
      await tapNotification(push.worker, REQUEST_ID);
      const frame = await opened;
      assert.equal(new URL(frame.url()).pathname, `/approve/${REQUEST_ID}`);
      assert.deepEqual(await shownNotifications(page), [], 'the tapped notification is closed');
    });
  });

  test('in French when the device is in French, and a device added opens Recent activity', async () => {
    await withPage(suite, { locale: 'fr-CA' }, async ({ context, page }) => {
      await openSignIn(page, FR);
      await waitForServiceWorkerControl(page);
      const push = await preparePushDelivery(context, page, suite.server.origin);
      await waitForDeviceLanguage(push.worker, 'fr');

      // One after the other, as a push service hands them over: each shows before the next comes.
      await push.deliver(signInRequest());
      await waitForNotifications(page, 1);
      await push.deliver(JSON.stringify({ type: 'device-added' }));
      const shown = await waitForNotifications(page, 2);
      const request = shown.find((n) => n.tag === REQUEST_ID);
      const added = shown.find((n) => n.tag === 'device-added');
      assert.equal(request?.body, "Demande de connexion — touchez pour l'examiner");
      assert.equal(request?.lang, 'fr');
      assert.equal(added?.title, 'Sésame');
      assert.equal(added?.body, 'Un appareil a été ajouté à votre profil Sésame');

      const opened = page.waitForEvent('framenavigated', { predicate: (frame) => new URL(frame.url()).pathname === '/profile/activity' });
      await tapNotification(push.worker, 'device-added');
      await opened;
    });
  });

  test("the language the page last showed wins over the browser's own", async () => {
    await withPage(suite, {}, async ({ context, page }) => {
      await openSignIn(page);
      await waitForServiceWorkerControl(page);
      const push = await preparePushDelivery(context, page, suite.server.origin);
      await page.getByRole('button', { name: 'Français', exact: true }).click();
      await heading(page, FR.signInHeading).waitFor();
      await waitForDeviceLanguage(push.worker, 'fr');

      await push.deliver(JSON.stringify({ type: 'device-added' }));
      const [shown] = await waitForNotifications(page, 1);
      assert.equal(shown?.body, 'Un appareil a été ajouté à votre profil Sésame');
    });
  });

  test('a malformed push shows no notification and leaves the app as it was', async () => {
    await withPage(suite, {}, async ({ context, page, browserConsole }) => {
      browserConsole.allow(/a push that is not one of ours was ignored/);
      await openSignIn(page);
      await waitForServiceWorkerControl(page);
      const push = await preparePushDelivery(context, page, suite.server.origin);

      for (const data of [
        'not json',
        '{"type":"sign-in-request"}',
        '{"type":"sign-in-request","requestId":"../../profile"}',
        '{"type":"sign-in-request","requestId":"3f2a9c1e-7b4d-4e8a","name":"Alex Tremblay"}',
        '{"type":"something-else"}',
        '',
      ]) {
        await push.deliver(data);
      }
      // A well-formed push after them still shows: the handler was not broken by the others.
      await push.deliver(signInRequest());
      const shown = await waitForNotifications(page, 1);
      assert.deepEqual(
        shown.map((n) => n.tag),
        [REQUEST_ID],
      );
      await heading(page, EN.signInHeading).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
    });
  });
});
