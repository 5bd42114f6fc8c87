/**
 * Changing a proof needs a recent proof (step-up), in Chromium: Alex signs in, time passes (the
 * session's proof is aged in the database, as 10 minutes would), fills in the five security
 * questions and saves: "Confirm your identity" asks for the password (focus on the field, axe
 * clean); after it, Security questions comes back with the answers still typed, and saving
 * works. Recent activity shows the confirmation. Opened again after a reload, with the proof
 * aged once more, Security questions asks first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import {
  DEMO,
  DEMO_PASSWORD,
  assertAccessible,
  failedResponseNote,
  heading,
  openSignIn,
  setUpSuite,
  signInWithPassword,
  withPage,
  type InPage,
} from './harness';
import { EN3, MARIE_QUESTIONS, fillEnrolmentRow, securityAction } from './support/security-flows';

const t = EN3;

describe('Step-up: replacing security questions asks for the password again', () => {
  const suite = setUpSuite();

  /** Moves every session's last proof 10 minutes back, as if that much time had passed. */
  async function ageProofs(): Promise<void> {
    const db = createClient({ url: `file:${join(suite.server.dataDir, 'sesame.db')}` });
    try {
      await db.execute('UPDATE sessions SET proof_at = COALESCE(proof_at, created_at) - 600000');
    } finally {
      db.close();
    }
  }

  test('confirm, come back with what was typed, save', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(403));
      browserConsole.allow(failedResponseNote(401));
      await openSignIn(page);
      await signInWithPassword(page, DEMO.alex.userId);
      await securityAction(page, t.enrolQuestions).click();
      await page.getByRole('combobox', { name: t.question(5), exact: true }).waitFor();
      for (const [i, qa] of MARIE_QUESTIONS.entries()) await fillEnrolmentRow(page, t, i + 1, qa.en, qa.answer);

      await ageProofs();
      await page.getByRole('button', { name: t.save, exact: true }).click();
      await heading(page, 'Confirm your identity').waitFor();
      await page.getByText('To change how you prove who you are, enter your password again.').waitFor();
      const field = page.getByLabel('Password', { exact: true });
      await page.waitForFunction(() => {
        const { document } = globalThis as unknown as InPage;
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('id') === 'password';
      });
      await assertAccessible(page, 'Confirm your identity');

      // A wrong password first: said in the summary.
      await field.fill('not my password');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.getByRole('alert').getByText('The user ID or password is incorrect.').waitFor();

      await field.fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await heading(page, t.securityQuestions).waitFor();
      for (const [i, qa] of MARIE_QUESTIONS.entries()) {
        assert.equal(
          await page.getByRole('textbox', { name: t.answer(i + 1), exact: true }).inputValue(),
          qa.answer,
          `answer ${i + 1} kept`,
        );
      }
      await page.getByRole('button', { name: t.save, exact: true }).click();
      await heading(page, 'My Profile').waitFor();
      await page.getByText(t.questionsSaved).first().waitFor();

      // Later, after a reload: opening Security questions asks first; Cancel goes back.
      await ageProofs();
      await page.reload();
      await securityAction(page, t.securityQuestions).click();
      await heading(page, 'Confirm your identity').waitFor();
      await page.getByRole('link', { name: 'Cancel', exact: true }).click();
      await heading(page, 'My Profile').waitFor();
    });
  });
});
