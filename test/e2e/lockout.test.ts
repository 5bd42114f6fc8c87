/**
 * Lockout: five wrong passwords for one user ID lock password sign-in for that user ID for
 * 15 minutes (the demo configuration); the right password is then refused too, other user IDs
 * are not affected, and an unknown user ID locks exactly like a known one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  EN,
  HELP_DESK_PHONE,
  choosePassword,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  heading,
  openSignIn,
  setUpSuite,
  signInWithPassword,
  submitPassword,
  withPage,
} from './harness';

const THRESHOLD = 5;

/** Submits a password on the password screen and returns the error the page then shows. */
async function attempt(page: Page, password: string): Promise<string> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password');
  await submitPassword(page, password);
  await answered;
  // The page has this attempt's answer once the button is usable again — or, after a lock,
  // once the lock is explained (Log in then stays disabled until it ends: issue 7, item 9).
  const logIn = page.getByRole('button', { name: EN.logIn, exact: true });
  await logIn
    .and(page.locator(':enabled'))
    .or(page.getByText(/Too many failed attempts/))
    .first()
    .waitFor();
  // The clock time the lock ends at ("Try again at 2:33 p.m.") depends on when the test ran.
  return (await errorSummaryText(page)).replace(/Try again at [^,]+,/, 'Try again at TIME,');
}

/**
 * Back to the methods and the password screen again: the new screen shows the lock at once, with
 * Log in disabled (the flow keeps it: issue 7, item 9), and returns its message.
 */
async function reopenPassword(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Choose another method', exact: true }).click();
  await choosePassword(page);
  await page.getByText(/Too many failed attempts/).waitFor();
  assert.equal(await page.getByRole('button', { name: EN.logIn, exact: true }).isDisabled(), true, 'Log in is disabled while locked');
  return (await errorSummaryText(page)).replace(/Try again at [^,]+,/, 'Try again at TIME,');
}

/** Attempts 1–2 say only that it failed; 3 and 4 also say how many tries are left before the lock. */
function assertWarnings(messages: string[]): void {
  for (const [i, text] of messages.slice(0, THRESHOLD - 1).entries()) {
    assert.match(text, /The user ID or password is incorrect\./, `attempt ${i + 1}`);
    assert.doesNotMatch(text, /Too many failed attempts/, `attempt ${i + 1}`);
  }
  assert.doesNotMatch(messages[1] ?? '', /left before/, 'no warning while many tries remain');
  assert.match(messages[2] ?? '', /2 attempts left before this method is locked for 15 minutes\./);
  assert.match(messages[3] ?? '', /1 attempt left before this method is locked for 15 minutes\./);
}

/** Five wrong passwords; returns the messages shown after each. */
async function failFiveTimes(page: Page, userId: string): Promise<string[]> {
  await openSignIn(page);
  await enterUserId(page, userId);
  await choosePassword(page);
  const messages: string[] = [];
  for (let i = 1; i <= THRESHOLD; i++) messages.push(await attempt(page, `wrong-password-${i}`));
  return messages;
}

function assertLockedMessage(text: string): void {
  assert.match(text, /locked for 15 minutes/);
  assert.ok(text.includes(HELP_DESK_PHONE), `the help-desk number is in "${text}"`);
}

describe('lockout after repeated wrong passwords', () => {
  const suite = setUpSuite();
  let lockedTextForKnown = '';

  test('the 5th wrong password locks the user ID; then even the right password is refused', async () => {
    await withPage(suite, {}, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));
      browserConsole.allow(failedResponseNote(429));
      const messages = await failFiveTimes(page, DEMO.alex.userId);
      assertWarnings(messages);
      const fifth = messages[THRESHOLD - 1] ?? '';
      assertLockedMessage(fifth);
      lockedTextForKnown = fifth;

      assertLockedMessage(await reopenPassword(page));
      await heading(page, EN.logIn).waitFor();
      assert.equal(await heading(page, EN.profileHeading).count(), 0);
    });

    // A new visit (another browser) does not get around the lock either.
    await withPage(suite, {}, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(429));
      await openSignIn(page);
      await enterUserId(page, DEMO.alex.userId);
      await choosePassword(page);
      assertLockedMessage(await attempt(page, DEMO_PASSWORD));
    });
  });

  test('another user ID still signs in', async () => {
    await withPage(suite, {}, async ({ page }) => {
      await openSignIn(page);
      await signInWithPassword(page, DEMO.sam.userId);
      await page.getByRole('button', { name: DEMO.sam.name, exact: true }).waitFor();
    });
  });

  test('an unknown user ID locks the same way, with the same message', async () => {
    await withPage(suite, {}, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));
      browserConsole.allow(failedResponseNote(429));
      const messages = await failFiveTimes(page, '999999');
      assertWarnings(messages);
      const fifth = messages[THRESHOLD - 1] ?? '';
      assertLockedMessage(fifth);
      assertLockedMessage(await reopenPassword(page));
      if (lockedTextForKnown) assert.equal(fifth, lockedTextForKnown, 'the same words as for a known user ID');
    });
  });
});
