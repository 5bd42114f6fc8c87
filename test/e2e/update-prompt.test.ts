/**
 * A new deployment: the installed app notices the new service worker, offers "Reload", and
 * moves to the new version only when the user says so. The app is served from a copy of
 * dist/client so that the test can redeploy it; the "new version" is the same service worker
 * with one more message handler, which lets the test ask the worker in charge which one it is.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO,
  EN,
  copyBuiltClient,
  heading,
  launchBrowser,
  openSignIn,
  signInWithPassword,
  startServer,
  waitForServiceWorkerControl,
  withPage,
  type InPage,
  type Suite,
} from './harness';

const PROMPT = 'A new version of Self-service password is available.';
const PROMPT_FR = 'Une nouvelle version de Mot de passe en libre-service est disponible.';

/** Added to the shipped sw.js to make a new version that answers "which version?" with `version`. */
function versionProbe(version: string): string {
  return (
    `\n;self.addEventListener('message', (event) => {` +
    ` if (event.data && event.data.type === 'E2E_VERSION' && event.ports[0]) event.ports[0].postMessage(${JSON.stringify(version)}); });\n`
  );
}

/** The version the controlling worker reports; null when it does not know the question (the build as shipped). */
async function controllerVersion(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        const { navigator, MessageChannel } = globalThis as unknown as InPage;
        const controller = navigator.serviceWorker.controller;
        if (!controller) return resolve(null);
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data as string);
        controller.postMessage({ type: 'E2E_VERSION' }, [channel.port2]);
        setTimeout(() => resolve(null), 500);
      }),
  );
}

async function registrationState(page: Page) {
  return page.evaluate(async () => {
    const registration = await (globalThis as unknown as InPage).navigator.serviceWorker.getRegistration();
    return {
      active: registration?.active?.state ?? null,
      waiting: registration?.waiting?.state ?? null,
      installing: registration?.installing?.state ?? null,
    };
  });
}

describe('update prompt', () => {
  // The server serves a copy of the built app, which the tests redeploy.
  let copy: { dir: string; remove(): Promise<void> } | undefined;
  const suite: Partial<Suite> = {};
  let deployed = 1;
  let shippedWorker = '';

  before(async () => {
    copy = await copyBuiltClient();
    shippedWorker = await readFile(join(copy.dir, 'sw.js'), 'utf8');
    suite.server = await startServer({ clientDir: copy.dir });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    await copy?.remove();
  });

  /** Deploys a new version of the service worker (the shipped one plus a probe); returns its name. */
  async function deployNewVersion(): Promise<string> {
    deployed += 1;
    const version = `v${deployed}`;
    // A deploy ships the new file with its compressed copies, as `npm run build` writes them.
    const worker = shippedWorker + versionProbe(version);
    await writeFile(join(copy?.dir ?? '', 'sw.js'), worker);
    await writeFile(join(copy?.dir ?? '', 'sw.js.br'), brotliCompressSync(worker));
    await writeFile(join(copy?.dir ?? '', 'sw.js.gz'), gzipSync(worker));
    return version;
  }

  test('a new service worker shows "A new version …" with Reload; Reload moves to it', async () => {
    await withPage(suite as Suite, {}, async ({ page }) => {
      await openSignIn(page);
      await waitForServiceWorkerControl(page);
      const first = await controllerVersion(page);
      assert.equal(await page.getByText(PROMPT).count(), 0, 'no prompt before a new version exists');

      const version = await deployNewVersion();
      await page.reload();
      await heading(page, EN.signInHeading).waitFor();

      const prompt = page.getByRole('status').filter({ hasText: PROMPT });
      await prompt.waitFor();
      const reload = prompt.getByRole('button', { name: 'Reload', exact: true });
      assert.ok(await reload.isVisible());
      // The new version waits for the user: the old one is still in charge.
      assert.equal((await registrationState(page)).waiting, 'installed');
      assert.equal(await controllerVersion(page), first, 'the old version is still in charge');

      const reloaded = page.waitForEvent('load');
      await reload.click();
      await reloaded;
      await heading(page, EN.signInHeading).waitFor();
      await page.waitForFunction(() => (globalThis as unknown as InPage).navigator.serviceWorker.controller !== null, undefined, {
        timeout: 10_000,
      });
      assert.equal(await controllerVersion(page), version, 'the new version is in charge');
      assert.deepEqual(await registrationState(page), { active: 'activated', waiting: null, installing: null });
      assert.equal(await page.getByText(PROMPT).count(), 0, 'the prompt is gone');
    });
  });

  test('the prompt is in French on a French page', async () => {
    await withPage(suite as Suite, { locale: 'fr-CA' }, async ({ page }) => {
      await page.goto('/');
      await waitForServiceWorkerControl(page);
      await deployNewVersion();
      await page.reload();
      const prompt = page.getByRole('status').filter({ hasText: PROMPT_FR });
      await prompt.waitFor();
      await prompt.getByRole('button', { name: 'Recharger', exact: true }).waitFor();
    });
  });

  test('Reload on My Profile keeps the user signed in', async () => {
    await withPage(suite as Suite, {}, async ({ page }) => {
      await openSignIn(page);
      await signInWithPassword(page, DEMO.alex.userId);
      await waitForServiceWorkerControl(page);
      await heading(page, EN.profileHeading).waitFor();
      const version = await deployNewVersion();
      await page.reload();
      await heading(page, EN.profileHeading).waitFor();
      const prompt = page.getByRole('status').filter({ hasText: PROMPT });
      await prompt.waitFor();
      const reloaded = page.waitForEvent('load');
      await prompt.getByRole('button', { name: 'Reload', exact: true }).click();
      await reloaded;
      await heading(page, EN.profileHeading).waitFor();
      await page.getByRole('button', { name: DEMO.alex.name, exact: true }).waitFor();
      assert.equal(await controllerVersion(page), version);
      assert.equal(await page.getByText(PROMPT).count(), 0);
    });
  });
});
