/**
 * The document carries a Content-Security-Policy that allows scripts only from Sésame itself
 * (and the document's own inline script, by its hash), and the app runs under it without a single violation, through the whole flow, in both
 * languages (every other test file checks the console the same way).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  DEMO,
  EN,
  FR,
  ACTION_TIMEOUT_MS,
  heading,
  newContext,
  openSignIn,
  setUpSuite,
  signInWithPassword,
  waitForServiceWorkerControl,
  watchConsole,
  withPage,
} from './harness';

/** The policy as a map from directive to its sources. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The CSP hash of each inline script or stylesheet of the document. */
function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '', 'utf8')
        .digest('base64')}'`,
  );
}

function assertStrictScriptPolicy(header: string | undefined, html: string, what: string): void {
  assert.ok(header, `${what} has a Content-Security-Policy header`);
  const csp = parseCsp(header);
  const scripts = inlineHashes(html, 'script');
  assert.equal(scripts.length, 1, `${what}: one inline script, first-screen.js`);
  assert.deepEqual(
    csp.get('script-src'),
    ["'self'", ...scripts],
    `${what}: script-src 'self' and the document's inline script only (no eval)`,
  );
  assert.deepEqual(csp.get('style-src'), ["'self'", ...inlineHashes(html, 'style')], `${what}: style-src 'self' and the inline stylesheet`);
  assert.deepEqual(csp.get('object-src'), ["'none'"], `${what}: object-src 'none'`);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors 'none'`);
}

describe('security headers and CSP', () => {
  const suite = setUpSuite();

  test("every document the browser loads carries a CSP with script-src 'self' and its inline script's hash", async () => {
    await withPage(suite, {}, async ({ page }) => {
      const screens: Array<[string, string]> = [
        ['/', EN.signInHeading],
        ['/profile', EN.signInHeading],
        ['/methods', EN.signInHeading],
        // Without a user ID entered first, "Forgot your password?" starts at sign-in.
        ['/forgot-password', EN.signInHeading],
      ];
      for (const [path, screen] of screens) {
        const response = await page.goto(path);
        assert.ok(response, `a response for ${path}`);
        assert.equal(response.status(), 200, path);
        const headers = await response.allHeaders();
        assertStrictScriptPolicy(headers['content-security-policy'], await response.text(), `the document at ${path}`);
        assert.equal(headers['x-content-type-options'], 'nosniff', path);
        assert.equal(headers['x-frame-options'], 'DENY', path);
        assert.equal(headers['referrer-policy'], 'no-referrer', path);
        await heading(page, screen).waitFor();
      }
    });
  });

  test('the app shell the service worker serves keeps the CSP', async () => {
    await withPage(suite, {}, async ({ page }) => {
      await openSignIn(page);
      await waitForServiceWorkerControl(page);
      const response = await page.reload();
      assert.ok(response);
      assert.ok(response.fromServiceWorker(), 'the document came from the service worker');
      assertStrictScriptPolicy(
        (await response.allHeaders())['content-security-policy'],
        await response.text(),
        'the document from the service worker',
      );
      await heading(page, EN.signInHeading).waitFor();
    });
  });

  test('no CSP violation through sign-in, profile, language switch and Log out', async () => {
    await withPage(suite, {}, async ({ page, browserConsole }) => {
      await openSignIn(page);
      await signInWithPassword(page, DEMO.alex.userId);
      // Switch language while signed in (saves the preferred language), and back.
      await page.getByRole('banner').getByRole('button', { name: 'Français', exact: true }).click();
      await heading(page, FR.profileHeading).waitFor();
      await page.getByRole('status').filter({ hasText: 'Votre langue préférée est enregistrée.' }).waitFor();
      await page.getByRole('banner').getByRole('button', { name: 'English', exact: true }).click();
      await heading(page, EN.profileHeading).waitFor();
      await page.getByRole('button', { name: DEMO.alex.name, exact: true }).click();
      await page.getByRole('menuitem', { name: EN.logOut, exact: true }).click();
      await page.getByRole('status').filter({ hasText: EN.loggedOut }).waitFor();
      assert.deepEqual(browserConsole.cspViolations, []);
    });
  });

  test('the browser enforces the CSP: an injected inline script does not run, and the violation is seen', async () => {
    // Also proves that the console watch every test relies on does see CSP violations.
    const context = await newContext(suite.browser, suite.server);
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    try {
      const watch = watchConsole(context);
      const page = await context.newPage();
      await openSignIn(page);
      await page.addScriptTag({ content: 'globalThis.e2eInlineScriptRan = true;' }).catch(() => undefined);
      const ran = await page.evaluate(() => (globalThis as unknown as { e2eInlineScriptRan?: boolean }).e2eInlineScriptRan === true);
      assert.equal(ran, false, 'the inline script was refused');
      // Console events arrive asynchronously: allow them half a second.
      for (let i = 0; i < 20 && watch.cspViolations.length === 0; i++) await page.waitForTimeout(25);
      assert.equal(watch.cspViolations.length, 1, 'the violation reached the console');
      assert.throws(() => watch.assertClean(), /Content-Security-Policy violations/);
    } finally {
      await context.close();
    }
  });
});
