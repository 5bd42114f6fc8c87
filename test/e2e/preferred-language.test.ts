/**
 * Signing in switches to the employee's preferred language, and says so politely (issue 7, item
 * 13); My Profile's Recent activity names this browser and marks this session.
 */
import { describe, test } from 'node:test';
import { DEMO, EN, FR, heading, openSignIn, setUpSuite, signInWithPassword, withPage } from './harness';

describe('preferred language and this session', () => {
  const suite = setUpSuite();

  test('an English page switches to French for Marie, announced in a polite status', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page }) => {
      await openSignIn(page);
      await signInWithPassword(page, DEMO.marie.userId, undefined, { ...EN, profileHeading: FR.profileHeading });
      await page
        .getByRole('status')
        .filter({ hasText: 'Mot de passe en libre-service est maintenant en français, votre langue préférée.' })
        .waitFor({ state: 'attached' });
      await heading(page, FR.profileHeading).waitFor();

      await page.getByRole('link', { name: 'Activité récente', exact: true }).click();
      const first = page.getByRole('listitem').first();
      await first.getByText('Cette session').waitFor();
      await first.getByText(/Chrome sur Linux/).waitFor();
    });
  });
});
