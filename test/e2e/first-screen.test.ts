/**
 * The sign-in screen's markup comes with the HTML (issue 7, item 16): it paints before any
 * script runs, in the page's language, hidden from assistive technologies, and the app's own
 * screen replaces it without moving a pixel.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { EN, FR, heading, htmlLang, setUpSuite, withPage } from './harness';

const PHONE = { width: 412, height: 823 };

/** Holds the app's scripts back until `release()`: what shows meanwhile is the HTML's alone. */
async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/*.js', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The first screen's visible text, as a sighted person reads it. */
async function firstScreenText(page: Page): Promise<string> {
  return page.locator('.first-screen').innerText();
}

describe('the first screen, served with the HTML', () => {
  const suite = setUpSuite();

  for (const { locale, saved, t, words, other, lang } of [
    { locale: 'en-CA', saved: null, t: EN, words: 'Self-service password: Sign in', other: 'Ouverture de session', lang: 'en' },
    { locale: 'fr-CA', saved: null, t: FR, words: 'Ouverture de session', other: 'Sign in', lang: 'fr' },
    { locale: 'en-CA', saved: 'fr', t: FR, words: 'Ouverture de session', other: 'Sign in', lang: 'fr' },
  ] as const) {
    const what = saved ? `a ${locale} browser that chose ${saved} on this device` : `a ${locale} browser`;

    test(`${what}: paints before the scripts, in ${lang}, and gives way to the app unchanged`, async () => {
      await withPage(suite, { locale, viewport: PHONE }, async ({ page }) => {
        if (saved) {
          // Chosen as a person chooses, with the header's switch, on an earlier visit.
          await page.goto('/');
          await heading(page, EN.signInHeading).waitFor();
          await page.getByRole('button', { name: 'Français', exact: true }).click();
          await heading(page, FR.signInHeading).waitFor();
          // Without its service worker, whose cached scripts holdScripts could not hold back.
          await page.evaluate(async () => {
            const { navigator } = globalThis as unknown as {
              navigator: { serviceWorker: { getRegistrations(): Promise<Array<{ unregister(): Promise<boolean> }>> } };
            };
            for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
          });
        }
        const release = await holdScripts(page);
        // The document's own load waits for its module scripts: go by what the page shows.
        await page.goto('/', { waitUntil: 'commit' });
        await page.locator('.first-screen').waitFor();

        const text = await firstScreenText(page);
        assert.ok(text.includes(words), `the heading's words, "${words}"`);
        assert.ok(text.includes(t.continue), `the button's word, "${t.continue}"`);
        assert.ok(!text.includes(other), `nothing in the other language (${other})`);
        assert.equal(await htmlLang(page), lang);
        // For assistive technologies the page has nothing yet: no heading, no control to reach.
        assert.equal(await page.getByRole('heading').count(), 0);
        assert.equal(await page.getByRole('textbox').count(), 0);
        const before = await page.screenshot();

        release();
        await heading(page, t.signInHeading).waitFor();
        assert.equal(await page.locator('.first-screen').isVisible(), false, 'the markup is gone once the app shows');
        await page.evaluate(() => {
          const { requestAnimationFrame } = globalThis as unknown as { requestAnimationFrame(callback: () => void): void };
          return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        });
        assert.ok(before.equals(await page.screenshot()), 'the app paints exactly what the markup showed');
      });
    });
  }

  test("the document alone paints it: every script is asked for after that paint, the first screen's modules preloaded", async () => {
    await withPage(suite, { viewport: PHONE }, async ({ page }) => {
      await page.goto('/');
      await heading(page, EN.signInHeading).waitFor();
      const { paint, scripts } = await page.evaluate(() => {
        const { performance } = globalThis as unknown as {
          performance: {
            getEntriesByName(name: string): Array<{ startTime: number }>;
            getEntriesByType(type: string): Array<{ name: string; startTime: number }>;
          };
        };
        return {
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          scripts: performance
            .getEntriesByType('resource')
            .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
            .map(({ name, startTime }) => ({ path: new URL(name).pathname, startTime })),
        };
      });
      assert.ok(Number.isFinite(paint), 'the first screen painted');
      const screenViews = scripts.filter(({ path }) => /\/assets\/(sesame-app|route-table|screen-view|lit)-/.test(path));
      assert.ok(screenViews.length >= 4, `the app's modules were loaded: ${scripts.map(({ path }) => path).join(', ')}`);
      for (const { path, startTime } of scripts)
        assert.ok(startTime >= paint, `${path} asked for at ${startTime} ms, before the paint at ${paint} ms`);
      // Preloaded together, from the list in the document, rather than one import after another.
      const preloaded = await page
        .locator('link[rel="modulepreload"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      for (const { path } of screenViews) assert.ok(preloaded.includes(path), `${path} is preloaded`);
    });
  });

  test('other paths do not show the sign-in markup while the app loads', async () => {
    await withPage(suite, { viewport: PHONE }, async ({ page }) => {
      const release = await holdScripts(page);
      await page.goto('/profile', { waitUntil: 'commit' });
      await page.locator('.first-screen').waitFor({ state: 'attached' });
      assert.equal(await page.locator('.first-screen').isVisible(), false);
      release();
      await heading(page, EN.signInHeading).waitFor();
    });
  });
});
