/**
 * My Profile → Mobile devices in Chromium with the DevTools virtual authenticator (ctap2,
 * internal, resident key, user verification): Add this device → named → listed with
 * "No notifications" (headless Chromium never gets a push subscription); rename; remove after
 * the confirmation dialog. The offline-code key is in IndexedDB as a non-extractable PageKey.
 * axe on the screen.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO, assertAccessible, failedResponseNote, heading, openSignIn, setUpSuite, signInWithPassword, withPage } from './harness';

/** What the page's IndexedDB and WebCrypto give back, typed for Node (no DOM lib here). */
interface PageKey {
  type: string;
  extractable: boolean;
  algorithm: unknown;
}
interface PageRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface PageDatabase {
  transaction(store: string): { objectStore(name: string): { get(key: string): PageRequest<unknown> } };
  close(): void;
}
interface PageGlobals {
  indexedDB: { open(name: string): PageRequest<PageDatabase> };
  crypto: { subtle: { exportKey(format: string, key: PageKey): Promise<unknown> } };
}

describe('Mobile devices', () => {
  const suite = setUpSuite();

  test('add this device, rename it, remove it', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ context, page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));
      // Headless Chromium's own line when the page subscribes to pushes: the time-boxed subscription gives up, the device enrols.
      browserConsole.allow(/does not support the Push API in incognito mode/);
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      });
      await openSignIn(page);
      await signInWithPassword(page, DEMO.alex.userId);
      await page.getByRole('link', { name: 'Mobile devices', exact: true }).click();
      await heading(page, 'Mobile devices').waitFor();
      await page.getByText('You have not added a device yet.').waitFor();
      await assertAccessible(page, 'Mobile devices');

      await page.getByRole('button', { name: 'Add this device', exact: true }).click();
      const name = page.getByLabel('Device name', { exact: true });
      await name.waitFor();
      assert.equal(await name.inputValue(), 'Linux computer', 'the default name comes from the platform');
      await assertAccessible(page, 'Add this device');
      await name.fill('Work phone');
      await page.getByRole('button', { name: 'Add this device', exact: true }).click();
      await page.getByRole('status').getByText('Work phone was added.').waitFor({ timeout: 15_000 });
      await page.getByText('No notifications').waitFor();
      await page.getByText('(this device)').waitFor();

      const stored = await page.evaluate(async () => {
        const { indexedDB, crypto } = globalThis as unknown as PageGlobals;
        const db = await new Promise<PageDatabase>((resolve, reject) => {
          const request = indexedDB.open('sesame-device');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const value = await new Promise<{ deviceId: string; key: PageKey }>((resolve, reject) => {
          const request = db.transaction('keys').objectStore('keys').get('offline-code');
          request.onsuccess = () => resolve(request.result as { deviceId: string; key: PageKey });
          request.onerror = () => reject(request.error);
        });
        db.close();
        const keys = Object.keys(value).sort();
        const key = value.key;
        let exported = 'refused';
        try {
          await crypto.subtle.exportKey('raw', key);
          exported = 'exported';
        } catch {
          /* non-extractable: expected */
        }
        return {
          keys,
          type: key.type,
          extractable: key.extractable,
          algorithm: key.algorithm as { name: string; hash: { name: string } },
          exported,
        };
      });
      assert.deepEqual(stored.keys, ['deviceId', 'key'], 'no raw secret beside the key');
      assert.equal(stored.extractable, false);
      assert.equal(stored.exported, 'refused');
      assert.deepEqual([stored.type, stored.algorithm.name, stored.algorithm.hash.name], ['secret', 'HMAC', 'SHA-1']);

      await page.getByRole('button', { name: 'Rename Work phone', exact: true }).click();
      await page.getByLabel('Device name', { exact: true }).fill('Pixel');
      await page.getByRole('button', { name: 'Save name', exact: true }).click();
      await page.getByRole('status').getByText('Renamed Pixel.').waitFor();

      await page.getByRole('button', { name: 'Remove Pixel', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Remove Pixel?' });
      await dialog.waitFor();
      await assertAccessible(page, 'Remove a device');
      await dialog.getByRole('button', { name: 'Remove device', exact: true }).click();
      await page.getByRole('status').getByText('Pixel was removed.').waitFor();
      await page.getByText('You have not added a device yet.').waitFor();
    });
  });
});
