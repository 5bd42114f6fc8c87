/**
 * "Answer security questions" under attack: five wrong attempts for one user ID lock the method
 * for 15 minutes (the demo configuration), after which even the right answers are refused; and
 * a user ID that does not exist gets three plausible questions — the same ones when asked again
 * — whose wrong answers read exactly like an enrolled employee's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ACTION_TIMEOUT_MS,
  DEMO,
  DEMO_PASSWORD,
  EN,
  FR,
  HELP_DESK_PHONE,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  focusedElement,
  heading,
  newContext,
  openSignIn,
  setUpSuite,
  signInWithPassword,
  watchConsole,
  withPage,
} from './harness';
import {
  EN3,
  MARIE_QUESTIONS,
  answerShownQuestions,
  answerWrongly,
  shownQuestions,
  submitAnswersExpectingError,
} from './support/security-flows';

const THRESHOLD = 5;
const t = EN3;

/** Sign-in screen → user ID → Continue → "Answer security questions". */
async function openQuestions(page: Page, userId: string): Promise<void> {
  await openSignIn(page);
  await enterUserId(page, userId);
  await page.getByRole('button', { name: t.answerQuestions, exact: true }).click();
  await heading(page, t.answerQuestions).waitFor();
}

function assertLockedMessage(text: string): void {
  assert.match(text, /Too many failed attempts\. This sign-in method is locked for 15 minutes for this user ID\./);
  assert.ok(text.includes(HELP_DESK_PHONE), `the help-desk number is in "${text}"`);
}

/** The page's error for attempt `n`, with wrong answers to whatever is shown. */
async function failOnce(page: Page, n: number): Promise<string> {
  await answerWrongly(page, n);
  return submitAnswersExpectingError(page, t.logIn);
}

describe('security questions: lockout and unknown user IDs', () => {
  const suite = setUpSuite();
  let wrongAnswersForMarie = '';

  test('5 wrong attempts lock the method; the right answers are then refused too', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));
      browserConsole.allow(failedResponseNote(429));
      await openQuestions(page, DEMO.marie.userId);

      for (let n = 1; n < THRESHOLD; n++) {
        const text = await failOnce(page, n);
        assert.ok(text.includes(t.wrongAnswers), `attempt ${n}: "${text}"`);
        assert.doesNotMatch(text, /Too many failed attempts/, `attempt ${n}`);
        // From 2 tries left, the message warns before the lock (issue 7, item 9).
        if (n === 3) assert.match(text, /2 attempts left before this method is locked for 15 minutes\./);
        if (n === 4) assert.match(text, /1 attempt left before this method is locked for 15 minutes\./);
        if (n < 3) assert.doesNotMatch(text, /left before/, `attempt ${n}`);
        // The next attempt is on screen at once, its fields empty.
        for (const question of await shownQuestions(page)) {
          assert.equal(await page.getByRole('textbox', { name: question, exact: true }).inputValue(), '', `attempt ${n}: fields emptied`);
        }
        if (n === 1) {
          wrongAnswersForMarie = text;
          // The error summary takes the focus, so that a screen reader says what went wrong.
          assert.deepEqual(await focusedElement(page), { tag: 'error-summary', text: '' });
        }
      }

      // Someone who knows the answers has the questions open on another screen meanwhile.
      const other = await newContext(suite.browser, suite.server);
      other.setDefaultTimeout(ACTION_TIMEOUT_MS);
      try {
        const otherPage = await other.newPage();
        const otherConsole = watchConsole(other);
        otherConsole.allow(failedResponseNote(429));
        await openQuestions(otherPage, DEMO.marie.userId);
        await shownQuestions(otherPage);

        // The 5th wrong attempt locks: the message says for how long and whom to call.
        const fifth = await failOnce(page, THRESHOLD);
        assertLockedMessage(fifth);
        assert.equal(await page.getByRole('main').getByRole('textbox').count(), 0, 'no more questions to answer');
        assert.equal(await page.getByRole('button', { name: 'Try again', exact: true }).count(), 0, 'no "Try again" while locked');

        // The right answers, on the screen opened before the lock: refused, with the same message.
        await answerShownQuestions(otherPage, MARIE_QUESTIONS);
        const refused = await submitAnswersExpectingError(otherPage, t.logIn);
        assertLockedMessage(refused);
        await heading(otherPage, t.answerQuestions).waitFor();
        assert.equal(await otherPage.getByRole('heading', { name: /^(My Profile|Mon Profil)$/ }).count(), 0);
        otherConsole.assertClean();
      } finally {
        await other.close();
      }

      // Choosing the method again: still locked, before any question is asked.
      await page.getByRole('link', { name: t.chooseAnotherMethod, exact: true }).click();
      await heading(page, t.methodsHeading).waitFor();
      await page.getByRole('button', { name: t.answerQuestions, exact: true }).click();
      await heading(page, t.answerQuestions).waitFor();
      assertLockedMessage(await errorSummaryText(page));
      assert.equal(await page.getByRole('main').getByRole('textbox').count(), 0);
    });

    // A new visit does not get around the lock either.
    await withPage(suite, { locale: 'en-CA' }, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(429));
      await openQuestions(page, DEMO.marie.userId);
      assertLockedMessage(await errorSummaryText(page));
    });
  });

  test('the lock is on the questions only: the password still signs in', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page }) => {
      await openSignIn(page);
      // Marie prefers French: My Profile opens in French.
      await signInWithPassword(page, DEMO.marie.userId, DEMO_PASSWORD, { ...EN, profileHeading: FR.profileHeading });
    });
  });

  test('an unknown user ID gets the same three questions twice in a row, and the same words when wrong', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));
      const unknown = '777777';
      await openQuestions(page, unknown);
      await page.getByText(`User ID: ${unknown}`).waitFor();
      const first = await shownQuestions(page);

      // Back to the methods, and the same method again: the same three questions.
      await page.getByRole('link', { name: t.chooseAnotherMethod, exact: true }).click();
      await heading(page, t.methodsHeading).waitFor();
      await page.getByRole('button', { name: t.answerQuestions, exact: true }).click();
      await heading(page, t.answerQuestions).waitFor();
      const second = await shownQuestions(page);
      assert.deepEqual(second, first, 'the same questions, in the same order');

      // Starting over from the user ID: still the same.
      await openQuestions(page, unknown);
      assert.deepEqual(await shownQuestions(page), first);

      // Wrong answers read exactly like an enrolled employee's.
      const text = await failOnce(page, 1);
      assert.ok(text.includes(t.wrongAnswers), text);
      if (wrongAnswersForMarie) assert.equal(text, wrongAnswersForMarie, 'the same words as for Marie');
      // And the next attempt asks three questions again, as for Marie.
      await shownQuestions(page);
    });
  });
});
