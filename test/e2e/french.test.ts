/**
 * The same flow in French: the switch on the sign-in page changes the language without a
 * reload, the choice is remembered, and a French browser gets French on its first visit.
 * French typography puts a no-break space before ":" — the regexes match it with \s.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO, DEMO_PASSWORD, EN, FR, heading, htmlLang, openSignIn, sessionFromPage, setUpSuite, withPage } from './harness';

/** Marks the document so that a test can tell whether the page was reloaded since. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { e2eSameDocument?: boolean }).e2eSameDocument = true;
  });
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { e2eSameDocument?: boolean }).e2eSameDocument === true);
}

describe('French', () => {
  const suite = setUpSuite();

  test('"Français" switches the sign-in page without reload; the whole flow is in French', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page }) => {
      await openSignIn(page);
      assert.equal(await htmlLang(page), 'en');
      await markDocument(page);

      await page.getByRole('button', { name: 'Français', exact: true }).click();
      await heading(page, FR.signInHeading).waitFor();
      assert.equal(await htmlLang(page), 'fr');
      assert.ok(await sameDocument(page), 'the language changed without a reload');
      await page.getByRole('button', { name: 'English', exact: true }).waitFor();
      assert.match(await page.title(), /^Ouverture de session – Mot de passe en libre-service$/);

      await page.getByLabel('ID utilisateur', { exact: true }).fill(DEMO.marie.userId);
      await page.getByRole('button', { name: 'Continuer', exact: true }).click();
      await heading(page, "Méthodes d'authentification").waitFor();

      await page.getByRole('button', { name: 'Utiliser le mot de passe', exact: true }).click();
      await heading(page, 'Ouverture de session').waitFor();
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Ouverture de session', exact: true }).click();

      await heading(page, 'Mon Profil').waitFor();
      assert.equal(await htmlLang(page), 'fr');
      const identity = page.getByRole('region', { name: 'Votre identité' });
      assert.equal(await identity.getByRole('definition').nth(0).innerText(), DEMO.marie.name);
      assert.equal(await identity.getByRole('definition').nth(1).innerText(), DEMO.marie.userId);
      assert.equal(await identity.getByRole('definition').nth(2).innerText(), DEMO.marie.employeeId);

      await page.getByRole('banner').getByRole('button', { name: DEMO.marie.name, exact: true }).click();
      await page.getByRole('menuitem', { name: 'Déconnexion', exact: true }).click();
      await heading(page, FR.signInHeading).waitFor();
      await page.getByRole('status').filter({ hasText: FR.loggedOut }).waitFor();
      assert.deepEqual(await sessionFromPage(page), { signedIn: false });
      assert.ok(await sameDocument(page), 'the whole flow ran in one document');
    });
  });

  test('the language choice is remembered after a reload and in a new tab', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ context, page }) => {
      await openSignIn(page);
      await page.getByRole('button', { name: 'Français', exact: true }).click();
      await heading(page, FR.signInHeading).waitFor();

      await page.reload();
      await heading(page, FR.signInHeading).waitFor();
      assert.equal(await htmlLang(page), 'fr');
      await page.getByLabel('ID utilisateur', { exact: true }).waitFor();

      const other = await context.newPage();
      await other.goto('/');
      await heading(other, FR.signInHeading).waitFor();

      // And back to English, remembered too.
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await heading(page, EN.signInHeading).waitFor();
      assert.equal(await htmlLang(page), 'en');
      await page.reload();
      await heading(page, EN.signInHeading).waitFor();
    });
  });

  test('a browser set to fr-CA gets French on its first visit', async () => {
    await withPage(suite, { locale: 'fr-CA' }, async ({ page }) => {
      await page.goto('/');
      await heading(page, FR.signInHeading).waitFor();
      assert.equal(await htmlLang(page), 'fr');
      await page.getByLabel('ID utilisateur', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Continuer', exact: true }).waitFor();
      await page.getByRole('button', { name: 'English', exact: true }).waitFor();
      // The help-desk line and notice follow the language too.
      const footer = page.getByRole('contentinfo');
      await footer
        .getByText(/Service d'assistance/)
        .first()
        .waitFor();
      await footer.getByRole('heading', { name: 'Utilisation autorisée' }).waitFor();
    });
  });
});
