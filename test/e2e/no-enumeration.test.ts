/**
 * No enumeration: a user ID that does not exist goes through exactly the same screens as one
 * that does, and a wrong password for a real user ID reads exactly like any password for an
 * unknown one. Screens are compared as a person perceives them (roles, names and text), with
 * the user ID the person typed replaced by a placeholder.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  EN,
  FR,
  choosePassword,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  heading,
  mainSnapshot,
  openSignIn,
  setUpSuite,
  submitPassword,
  withPage,
  type ContextOptions,
  type Strings,
  type Suite,
} from './harness';

const KNOWN = DEMO.alex.userId;
const UNKNOWN = '999999';

interface Journey {
  methods: string;
  password: string;
  afterWrongPassword: string;
  errorText: string;
}

/** What the user sees at each step for one user ID and one (wrong) password. */
async function journey(suite: Suite, userId: string, password: string, t: Strings = EN, options: ContextOptions = {}): Promise<Journey> {
  let seen: Journey | undefined;
  await withPage(suite, options, async ({ page, browserConsole }) => {
    browserConsole.allow(failedResponseNote(401));
    const anonymise = async (p: Page) => (await mainSnapshot(p)).split(userId).join('<user ID>');
    await openSignIn(page, t);
    await enterUserId(page, userId, t);
    const methods = await anonymise(page);
    await choosePassword(page, t);
    const passwordScreen = await anonymise(page);
    await submitPassword(page, password, t);
    const errorText = await errorSummaryText(page);
    await heading(page, t.logIn).waitFor();
    seen = { methods, password: passwordScreen, afterWrongPassword: await anonymise(page), errorText };
  });
  assert.ok(seen);
  return seen;
}

describe('no user enumeration', () => {
  const suite = setUpSuite();

  test('an unknown user ID sees the same methods screen and password screen as a known one', async () => {
    const known = await journey(suite, KNOWN, 'not-the-password-1');
    const unknown = await journey(suite, UNKNOWN, 'not-the-password-1');
    assert.match(known.methods, /heading "Authentication methods"/);
    assert.match(known.methods, /button "Use password"/);
    assert.equal(unknown.methods, known.methods, 'methods screen');
    assert.equal(unknown.password, known.password, 'password screen');
  });

  test('wrong password for a known ID and any password for an unknown ID read the same', async () => {
    const wrongForKnown = await journey(suite, KNOWN, 'not-the-password-2');
    const wrongForUnknown = await journey(suite, UNKNOWN, 'not-the-password-2');
    // The demo password is right for every demo user: an unknown ID must not tell it apart.
    const demoPasswordForUnknown = await journey(suite, '999997', DEMO_PASSWORD);

    assert.match(wrongForKnown.errorText, /The user ID or password is incorrect\./);
    assert.equal(wrongForUnknown.errorText, wrongForKnown.errorText);
    assert.equal(demoPasswordForUnknown.errorText, wrongForKnown.errorText);
    assert.equal(wrongForUnknown.afterWrongPassword, wrongForKnown.afterWrongPassword, 'password screen after the error');
    assert.equal(demoPasswordForUnknown.afterWrongPassword, wrongForKnown.afterWrongPassword, 'password screen after the error');
  });

  test('the same holds in French', async () => {
    const fr = { locale: 'fr-CA' } as const;
    const known = await journey(suite, DEMO.marie.userId, 'pas-le-mot-de-passe', FR, fr);
    const unknown = await journey(suite, '999996', 'pas-le-mot-de-passe', FR, fr);
    assert.equal(known.errorText.includes(FR.incorrect), true, known.errorText);
    assert.equal(unknown.methods, known.methods);
    assert.equal(unknown.password, known.password);
    assert.equal(unknown.errorText, known.errorText);
    assert.equal(unknown.afterWrongPassword, known.afterWrongPassword);
  });
});
