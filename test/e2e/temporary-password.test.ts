/**
 * A temporary password, as the help desk issues one: Jordan signs in with it and is sent to
 * "Set a new password" — nothing else is reachable — then, having no security questions, to
 * enrol them ("Before you continue…"), and only then to My Profile. Next time, the new password
 * leads straight to My Profile.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EN,
  choosePassword,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  heading,
  openSignIn,
  sessionFromPage,
  setUpSuite,
  submitPassword,
  withPage,
} from './harness';
import {
  DEMO_TEMPORARY_PASSWORD,
  EN3,
  JORDAN,
  enrolQuestions,
  logOut,
  securityAction,
  typeNewPassword,
  waitForRule,
  type QA,
} from './support/security-flows';

const t = EN3;
const NEW_PASSWORD = 'ciel-orange-au-dessus-du-fleuve';

const JORDAN_QUESTIONS: QA[] = [
  { en: 'What was the name of your first employer?', fr: 'Quel était le nom de votre premier employeur?', answer: 'Dépanneur Chez Lise' },
  {
    en: 'On what street did you live when you were ten years old?',
    fr: "Sur quelle rue habitiez-vous à l'âge de dix ans?",
    answer: 'Boulevard Laurier',
  },
  {
    en: 'What was the name of the first sports team you played on?',
    fr: 'Quel était le nom de la première équipe sportive dont vous avez fait partie?',
    answer: 'Les Aigles',
  },
  {
    en: 'What was the name of your first stuffed animal?',
    fr: 'Quel était le nom de votre premier animal en peluche?',
    answer: 'Nounours',
  },
  {
    en: 'What job did you dream of doing when you were a child?',
    fr: "Quel métier rêviez-vous d'exercer quand vous étiez enfant?",
    answer: 'Astronaute',
  },
];

describe('temporary password: forced change, then forced enrolment', () => {
  const suite = setUpSuite();

  test('temporary password → Set a new password → Security questions → My Profile; then the new password goes straight in', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));

      await openSignIn(page);
      await enterUserId(page, JORDAN.userId);
      await choosePassword(page);
      await submitPassword(page, DEMO_TEMPORARY_PASSWORD);

      // 1. The temporary password must be replaced first.
      await heading(page, t.setNewPassword).waitFor();
      assert.equal(new URL(page.url()).pathname, '/set-password');
      await page.getByText('Your password is temporary. Choose your own before you continue.').waitFor();
      assert.equal(await page.getByText(/You proved who you are/).count(), 0, 'the reset wording is not used');
      assert.equal(await page.getByLabel(t.currentPassword, { exact: true }).count(), 0);
      await page.getByRole('banner').getByRole('button', { name: JORDAN.name, exact: true }).waitFor();
      assert.equal((await sessionFromPage(page)).signedIn, true);

      // Nothing else is reachable: My Profile and its screens, by their addresses, show this step.
      for (const path of ['/profile', '/profile/activity', '/profile/password', '/profile/security-questions', '/']) {
        await page.goto(path);
        await heading(page, t.setNewPassword).waitFor();
        assert.equal(new URL(page.url()).pathname, '/set-password', `${path} shows the same step`);
        await page.getByText('Your password is temporary. Choose your own before you continue.').waitFor();
      }
      // The back button does not get around it either.
      await page.goBack();
      await heading(page, t.setNewPassword).waitFor();

      // The temporary password itself is not accepted as the new one.
      await typeNewPassword(page, t, DEMO_TEMPORARY_PASSWORD);
      await waitForRule(page, t, t.rule.length, t.state.met);
      await page.getByLabel(t.confirmPassword, { exact: true }).fill(DEMO_TEMPORARY_PASSWORD);
      browserConsole.allow(failedResponseNote(400));
      await page.getByRole('button', { name: t.saveNewPassword, exact: true }).click();
      const refusal = await errorSummaryText(page);
      assert.match(refusal, /Your new password must not be one of your last 5 passwords\./, refusal);
      await heading(page, t.setNewPassword).waitFor();

      // 2. A password of his own.
      await page.getByLabel(t.newPassword, { exact: true }).fill('');
      await typeNewPassword(page, t, NEW_PASSWORD);
      for (const rule of [t.rule.length, t.rule.userId, t.rule.name, t.rule.common]) await waitForRule(page, t, rule, t.state.met);
      await page.getByLabel(t.confirmPassword, { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: t.saveNewPassword, exact: true }).click();

      // 3. No security questions yet: enrol before anything else.
      await heading(page, t.securityQuestions).waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile/security-questions');
      // The new password is confirmed before the enrolment asks for more (issue 7, item 8).
      await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
      await page
        .getByText('Before you continue, choose 5 security questions: they let you reset your password without calling the Help Desk.')
        .waitFor();
      assert.equal(await page.getByRole('button', { name: t.backToProfile, exact: true }).count(), 0, 'no way back to My Profile yet');
      await page.goto('/profile');
      await heading(page, t.securityQuestions).waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile/security-questions', '/profile shows the enrolment step');
      await page.getByText(/Before you continue, choose 5 security questions/).waitFor();

      await enrolQuestions(page, t, JORDAN_QUESTIONS, 'en');

      // 4. My Profile at last.
      await heading(page, t.profileHeading).waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile');
      await page.getByRole('status').filter({ hasText: t.questionsSaved }).waitFor();
      await securityAction(page, t.securityQuestions).waitFor();
      await securityAction(page, t.changePassword).waitFor();

      // 5. Next time: the new password, straight to My Profile; the temporary one is refused.
      await logOut(page, JORDAN.name);
      await enterUserId(page, JORDAN.userId);
      await choosePassword(page);
      await submitPassword(page, DEMO_TEMPORARY_PASSWORD);
      assert.ok((await errorSummaryText(page)).includes(EN.incorrect), 'the temporary password no longer signs in');
      await submitPassword(page, NEW_PASSWORD);
      await heading(page, t.profileHeading).waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile');
      assert.equal(await page.getByRole('status').filter({ hasText: t.questionsSaved }).count(), 0);
      await page.reload();
      await heading(page, t.profileHeading).waitFor();
    });
  });
});
