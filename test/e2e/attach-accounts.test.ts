/**
 * My Profile → "Attach other accounts" in Chromium, against the demo's two target systems on the
 * built-in connector: the found Payroll account listed; a wrong and a right password for the
 * Email account, each answered on its row; a change of password followed live to both accounts
 * on My Profile, without a reload; detaching after the confirmation. In French at 320 px the
 * table becomes one labelled card per row, nothing scrolls sideways. axe in both languages.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO, FR, assertAccessible, failedResponseNote, heading, openSignIn, setUpSuite, signInWithPassword, withPage } from './harness';
import { EN3, horizontalOverflow, securityAction, typeNewPassword } from './support/security-flows';

const MAIL_PASSWORD = 'mail-demo-2026';
const NEW_PASSWORD = 'tortue-grise-sous-la-pluie';

/** Fills row `n` (from 1) of the attach table, as a person would. */
async function fillRow(page: Page, n: number, labels: typeof EN_LABELS, row: Row) {
  await page.getByLabel(`${labels.system}, ${labels.row} ${n}`, { exact: true }).selectOption({ label: row.system });
  await page.getByLabel(`${labels.account}, ${labels.row} ${n}`, { exact: true }).fill(row.account);
  await page.getByLabel(`${labels.password}, ${labels.row} ${n}`, { exact: true }).fill(row.password);
}
interface Row {
  system: string;
  account: string;
  password: string;
}
const EN_LABELS = { system: 'Target system', account: 'Account', password: 'Password', row: 'row' };
const FR_LABELS = { system: 'Système cible', account: 'Compte', password: 'Mot de passe', row: 'ligne' };

describe('Attach other accounts', () => {
  const suite = setUpSuite();

  test('the found account listed; attach with a wrong and a right password; a change reaches both, live; detach', async () => {
    await withPage(suite, { locale: 'en-CA', viewport: { width: 1280, height: 900 } }, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));
      await openSignIn(page);
      await signInWithPassword(page, DEMO.alex.userId);
      await securityAction(page, 'Attach other accounts').click();
      await heading(page, 'Attach other accounts').waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile/accounts');
      await page.getByText('Please enter user ID and password combinations to attach additional accounts to your profile.').waitFor();
      for (const column of ['Target system', 'Account', 'Password']) {
        await page.getByRole('columnheader', { name: column, exact: true }).waitFor();
      }
      assert.equal(await page.getByRole('row').count(), 5, 'a heading row and four rows');
      await page.getByRole('button', { name: 'Add a row', exact: true }).click();
      assert.equal(await page.getByRole('row').count(), 6);

      // Your accounts: Payroll's account carries Alex's user ID, so it is found.
      const yours = page.getByRole('region', { name: 'Your accounts' });
      await yours.getByText('Payroll (SAP) · 100001').waitFor();
      await yours.getByText(/Found with your user ID/).waitFor();
      await assertAccessible(page, 'Attach other accounts');

      // Nothing filled in: the form says what it needs.
      await page.getByRole('button', { name: 'Attach', exact: true }).click();
      await page.getByRole('alert').getByText('Enter at least one target system, account and password.').waitFor();

      await fillRow(page, 1, EN_LABELS, { system: 'Email (Exchange)', account: 'atremblay', password: 'not the mail password' });
      await fillRow(page, 2, EN_LABELS, { system: 'Email (Exchange)', account: 'atremblay', password: MAIL_PASSWORD });
      await page.getByRole('button', { name: 'Attach', exact: true }).click();
      await page.getByRole('status').getByText('1 attached, 1 not attached: see each row.').waitFor();
      assert.equal(await page.getByText('Wrong account or password.', { exact: true }).count(), 1);
      assert.equal(await page.getByText('Attached.', { exact: true }).count(), 1);
      for (const n of [1, 2])
        assert.equal(await page.getByLabel(`Password, row ${n}`, { exact: true }).inputValue(), '', 'passwords leave the page');
      await yours.getByText('Email (Exchange) · atremblay').waitFor();
      await yours.getByText(/Attached by you/).waitFor();
      await assertAccessible(page, 'Attach other accounts, after attaching');

      // A change of password: My Profile follows it to both accounts, without a reload.
      await page.getByRole('button', { name: 'Back to My Profile', exact: true }).click();
      await securityAction(page, EN3.changePassword).click();
      await heading(page, EN3.changePassword).waitFor();
      // A mark on this document: a reload would take it away.
      await page.evaluate(() => ((globalThis as { sameDocument?: boolean }).sameDocument = true));
      await page.getByLabel(EN3.currentPassword, { exact: true }).fill('sesame-demo-2026');
      await typeNewPassword(page, EN3, NEW_PASSWORD);
      await page.getByLabel(EN3.confirmPassword, { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole('main').getByRole('button', { name: EN3.changePassword, exact: true }).click();
      await heading(page, 'My Profile').waitFor();
      const progress = page.getByRole('region', { name: 'Your accounts' });
      await progress.getByText('Your new password has reached every account.').waitFor({ timeout: 20_000 });
      assert.equal(await progress.getByText(/Password synchronized/).count(), 2);
      assert.equal(
        await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument),
        true,
        'the progress came without a reload',
      );
      await assertAccessible(page, 'My Profile, after a change reached the accounts');

      // Detach, after the confirmation; Cancel first changes nothing.
      await securityAction(page, 'Attach other accounts').click();
      await heading(page, 'Attach other accounts').waitFor();
      await yours.getByText('Email (Exchange) · atremblay').waitFor();
      assert.equal(await yours.getByRole('button', { name: 'Detach 100001 on Payroll (SAP)' }).count(), 0, 'a found account stays');
      await yours.getByRole('button', { name: 'Detach atremblay on Email (Exchange)', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Detach atremblay on Email (Exchange)?' });
      await dialog.waitFor();
      await assertAccessible(page, 'Detach confirmation');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await yours.getByText('Email (Exchange) · atremblay').waitFor();
      await yours.getByRole('button', { name: 'Detach atremblay on Email (Exchange)', exact: true }).click();
      await dialog.getByRole('button', { name: 'Detach account', exact: true }).click();
      await page.getByRole('status').getByText('atremblay on Email (Exchange) was detached.').waitFor();
      assert.equal(await yours.getByText('Email (Exchange) · atremblay').count(), 0);
      await yours.getByText('Payroll (SAP) · 100001').waitFor();
    });
  });

  test('in French at 320 px: one labelled card per row, nothing sideways, axe', async () => {
    await withPage(suite, { locale: 'fr-CA', viewport: { width: 320, height: 720 } }, async ({ page }) => {
      await openSignIn(page, FR);
      await signInWithPassword(page, DEMO.marie.userId, undefined, FR);
      await securityAction(page, "Joindre d'autres comptes").click();
      await heading(page, "Joindre d'autres comptes").waitFor();
      await page
        .getByText(
          "Veuillez entrer des combinaisons d'identifiant d'utilisateur et de mots de passe pour joindre des comptes supplémentaires à votre profil.",
        )
        .waitFor();
      // The column headings give way to each field's own visible label.
      await page.getByText('Système cible, ligne 1', { exact: true }).waitFor({ state: 'visible' });
      await page.getByText('Mot de passe, ligne 4', { exact: true }).waitFor({ state: 'visible' });
      const size = await horizontalOverflow(page);
      assert.ok(size.scrollWidth <= 320, `the screen is ${size.scrollWidth} px wide at 320 px`);
      const yours = page.getByRole('region', { name: 'Vos comptes' });
      await yours.getByText('Paie (SAP) · 100002').waitFor();
      await yours.getByText(/Trouvé avec votre code d'utilisateur/).waitFor();
      await assertAccessible(page, "Joindre d'autres comptes (320 px)");

      await fillRow(page, 1, FR_LABELS, { system: 'Courriel (Exchange)', account: 'mgagnon', password: MAIL_PASSWORD });
      await page.getByRole('button', { name: 'Joindre', exact: true }).click();
      await page.getByRole('status').getByText('1 compte joint.').waitFor();
      await yours.getByText('Courriel (Exchange) · mgagnon').waitFor();
      await yours.getByText(/Joint par vous/).waitFor();
      assert.ok((await horizontalOverflow(page)).scrollWidth <= 320);
      await assertAccessible(page, "Joindre d'autres comptes, après (320 px)");
    });
  });
});
