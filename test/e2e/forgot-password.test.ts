/**
 * "Forgot your password?" in English, the whole way: Alex enrols five security questions from
 * My Profile, logs out, forgets his password, answers the three questions he is asked, sets a
 * new password while the checklist follows his typing, and lands in My Profile signed in. Then
 * the new password signs in, the old one no longer does, and "Recent activity" tells the story.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO,
  DEMO_PASSWORD,
  EN,
  choosePassword,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  focusedElement,
  heading,
  openSignIn,
  sessionFromPage,
  submitPassword,
  setUpSuite,
  withPage,
} from './harness';
import {
  EN3,
  answerShownQuestions,
  clearNewPassword,
  enrolQuestions,
  logOut,
  securityAction,
  typeNewPassword,
  waitForRule,
  type QA,
} from './support/security-flows';

const t = EN3;

/** What Alex enrols: five catalogue questions, answers that follow every rule. */
const ALEX_QUESTIONS: QA[] = [
  { en: 'What was the name of your first pet?', fr: 'Quel était le nom de votre premier animal de compagnie?', answer: 'Biscuit' },
  { en: 'What was the name of your elementary school?', fr: 'Quel était le nom de votre école primaire?', answer: 'Saint-Joseph' },
  {
    en: 'In what city or town did your parents meet?',
    fr: 'Dans quelle ville ou quel village vos parents se sont-ils rencontrés?',
    answer: 'Trois-Rivières',
  },
  {
    en: 'What was the make and model of your first car?',
    fr: 'Quels étaient la marque et le modèle de votre première voiture?',
    answer: 'Toyota Corolla',
  },
  {
    en: 'Who performed at the first concert you attended?',
    fr: 'Qui était sur scène au premier spectacle auquel vous avez assisté?',
    answer: 'Les Cowboys Fringants',
  },
];

const NEW_PASSWORD = 'mauve-lanterne-sur-le-quai';

describe('Forgot your password? with security questions (English)', () => {
  const suite = setUpSuite();

  test('enrol questions, log out, answer them, set a new password with the live checklist, sign in with it', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page, browserConsole }) => {
      // The old password, tried at the end, is refused with a 401.
      browserConsole.allow(failedResponseNote(401));

      // 1. Signed in with the password, Alex has no security questions yet.
      await openSignIn(page);
      await enterUserId(page, DEMO.alex.userId);
      await choosePassword(page);
      await submitPassword(page, DEMO_PASSWORD);
      await heading(page, t.profileHeading).waitFor();
      await page.getByText(/You have not enrolled security questions yet\./).waitFor();
      await securityAction(page, t.enrolQuestions).click();

      // 2. Five distinct questions and their answers → Save → My Profile says so.
      await heading(page, t.securityQuestions).waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile/security-questions');
      await page.getByText('You have not chosen your security questions yet.').waitFor();
      // A question chosen in one row is no longer offered in the others.
      await page.getByRole('combobox', { name: t.question(1), exact: true }).selectOption({ label: ALEX_QUESTIONS[0]!.en });
      const takenElsewhere = page
        .getByRole('combobox', { name: t.question(2), exact: true })
        .getByRole('option', { name: ALEX_QUESTIONS[0]!.en, exact: true });
      assert.equal(await takenElsewhere.isDisabled(), true, 'a question already chosen is disabled in the other rows');
      await enrolQuestions(page, t, ALEX_QUESTIONS, 'en');
      await heading(page, t.profileHeading).waitFor();
      await page.getByRole('status').filter({ hasText: t.questionsSaved }).waitFor();
      await securityAction(page, t.securityQuestions).waitFor();
      await page.getByText(/^enrolled \w+ \d{1,2}, \d{4}/).waitFor();
      assert.equal(await page.getByText(/You have not enrolled security questions yet\./).count(), 0);

      // 3. Log out; later, the password is forgotten.
      await logOut(page, DEMO.alex.name);
      await enterUserId(page, DEMO.alex.userId);
      await choosePassword(page);
      await page.getByRole('link', { name: t.forgot, exact: true }).click();
      await heading(page, t.forgot).waitFor();
      const prove = page.getByRole('region', { name: 'Prove who you are another way' });
      await prove.getByText(`User ID: ${DEMO.alex.userId}`).waitFor();
      await prove.getByRole('button', { name: t.answerQuestions, exact: true }).click();

      // 4. Three of the five questions, each answered from what was enrolled.
      await heading(page, t.answerQuestions).waitFor();
      await page.getByText('Answer these three questions to prove who you are; you will then choose a new password.').waitFor();
      const asked = await answerShownQuestions(page, ALEX_QUESTIONS);
      assert.equal(asked.length, 3);
      await page.getByRole('main').getByRole('button', { name: t.continue, exact: true }).click();

      // 5. "Set a new password", no current password asked; the checklist follows the typing.
      await heading(page, t.setNewPassword).waitFor();
      assert.equal(new URL(page.url()).pathname, '/set-password');
      await page.getByText(/^You proved who you are\. Choose a new password within 10 minutes\.$/).waitFor();
      assert.equal(await page.getByLabel(t.currentPassword, { exact: true }).count(), 0, 'no current password on a reset');
      assert.deepEqual(await focusedElement(page), { tag: 'h1', text: t.setNewPassword }, 'the new screen starts at its heading');
      // What a sighted user can type in: the new password, its confirmation, "Show passwords"
      // (the username field kept for password managers stays hidden).
      const visibleFields = await page
        .getByRole('main')
        .locator('input:visible')
        .evaluateAll((inputs) => inputs.map((input) => `${input.getAttribute('type')}#${input.getAttribute('name') ?? ''}`));
      assert.deepEqual(visibleFields, ['password#new-password', 'password#confirm-password', 'checkbox#']);
      await page.getByRole('list', { name: t.checklist, exact: true }).waitFor();
      // Nothing typed: nothing is judged yet (neither met nor failed).
      await waitForRule(page, t, t.rule.length, t.state.pending);

      // Length: 11 characters are not enough, the 12th meets the rule.
      await typeNewPassword(page, t, 'mauve-lante');
      await waitForRule(page, t, t.rule.length, t.state.unmet);
      await waitForRule(page, t, t.rule.common, t.state.waitsForLength);
      await waitForRule(page, t, t.rule.userId, t.state.met);
      await typeNewPassword(page, t, 'r');
      await waitForRule(page, t, t.rule.length, t.state.met);
      await waitForRule(page, t, t.rule.common, t.state.met);
      await waitForRule(page, t, t.rule.recent, t.state.server);

      // The user ID inside the password: that rule goes unmet as soon as it is typed.
      await typeNewPassword(page, t, '-10000');
      await waitForRule(page, t, t.rule.userId, t.state.met);
      await typeNewPassword(page, t, '1');
      await waitForRule(page, t, t.rule.userId, t.state.unmet);
      await waitForRule(page, t, t.rule.length, t.state.met);

      // A part of the name, in any case.
      await clearNewPassword(page, t);
      await typeNewPassword(page, t, 'mauve-TREMBLAY-quai');
      await waitForRule(page, t, t.rule.name, t.state.unmet);
      await waitForRule(page, t, t.rule.userId, t.state.met);

      // A common password: long enough, but refused by the list.
      await clearNewPassword(page, t);
      await typeNewPassword(page, t, 'password1234');
      await waitForRule(page, t, t.rule.length, t.state.met);
      await waitForRule(page, t, t.rule.name, t.state.met);
      await waitForRule(page, t, t.rule.common, t.state.unmet);

      // A good one: every rule the page can judge is met.
      await clearNewPassword(page, t);
      await typeNewPassword(page, t, NEW_PASSWORD);
      for (const rule of [t.rule.length, t.rule.userId, t.rule.name, t.rule.common]) await waitForRule(page, t, rule, t.state.met);
      await page.getByRole('status').filter({ hasText: 'All 4 requirements are met.' }).waitFor();
      await page.getByLabel(t.confirmPassword, { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: t.saveNewPassword, exact: true }).click();

      // 6. My Profile, signed in, with the news.
      await heading(page, t.profileHeading).waitFor();
      await page.getByRole('status').filter({ hasText: t.passwordChanged }).waitFor();
      assert.equal((await sessionFromPage(page)).signedIn, true);
      // The new password is not left in the page.
      assert.equal(
        await page.evaluate(() =>
          (globalThis as unknown as { document: { body: { innerHTML: string } } }).document.body.innerHTML.includes('mauve-lanterne'),
        ),
        false,
      );

      // 7. Log out; the old password is refused, the new one signs in.
      await logOut(page, DEMO.alex.name);
      await enterUserId(page, DEMO.alex.userId);
      await choosePassword(page);
      await submitPassword(page, DEMO_PASSWORD);
      assert.ok((await errorSummaryText(page)).includes(EN.incorrect), 'the old password no longer signs in');
      await submitPassword(page, NEW_PASSWORD);
      await heading(page, t.profileHeading).waitFor();
      assert.equal((await sessionFromPage(page)).signedIn, true);

      // 8. "Recent activity" tells what happened, newest first.
      await securityAction(page, t.recentActivity).click();
      await heading(page, t.recentActivity).waitFor();
      const events = page.getByRole('main').getByRole('list').getByRole('listitem');
      await events.first().waitFor();
      const lines = (await events.allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
      const expected = [
        'Signed in (password)',
        'Failed sign-in attempt (password)',
        'Logged out',
        'Password reset with "Forgot your password?"',
        'Signed in (security questions)',
        'Logged out',
        'Security questions saved',
        'Signed in (password)',
      ];
      assert.deepEqual(lines.slice(0, expected.length), expected, `Recent activity, newest first:\n${lines.join('\n')}`);
      // Each event says when and from where.
      assert.match(await events.first().innerText(), /, from (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
    });
  });
});
