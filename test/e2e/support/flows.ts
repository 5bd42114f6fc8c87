/** The demo directory, the screens' words in both languages, and the sign-in steps as a person takes them. */
import type { Page } from 'playwright-core';
import { normaliseSpaces } from './browser';

export const DEMO_PASSWORD = 'sesame-demo-2026';
export const HELP_DESK_PHONE = '1-877-411-8585';
export const DEMO = {
  alex: { userId: '100001', employeeId: 'E-200001', name: 'Alex Tremblay' },
  marie: { userId: '100002', employeeId: 'E-200002', name: 'Marie Gagnon' },
  sam: { userId: '900001', employeeId: 'E-290001', name: 'Sam Ouellet' },
} as const;

export const EN = {
  signInHeading: 'Self-service password: Sign in',
  userId: 'User ID',
  continue: 'Continue',
  methodsHeading: 'Authentication methods',
  usePassword: 'Use password',
  password: 'Password',
  logIn: 'Log in',
  profileHeading: 'My Profile',
  logOut: 'Log out',
  loggedOut: 'You are logged out.',
  forgot: 'Forgot your password?',
  incorrect: 'The user ID or password is incorrect.',
} as const;

/** French strings; "\s" stands for the no-break space French puts before a colon. */
export const FR = {
  signInHeading: /^Mot de passe en libre-service\s:\sOuverture de session$/,
  userId: 'ID utilisateur',
  continue: 'Continuer',
  methodsHeading: "Méthodes d'authentification",
  usePassword: 'Utiliser le mot de passe',
  password: 'Mot de passe',
  logIn: 'Ouverture de session',
  profileHeading: 'Mon Profil',
  logOut: 'Déconnexion',
  loggedOut: 'Votre session est fermée.',
  forgot: 'Mot de passe oublié?',
  incorrect: "Le code d'utilisateur ou le mot de passe est incorrect.",
} as const;

export type Strings = { [K in keyof typeof EN]: string | RegExp };

export function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' ? true : undefined });
}

/** Opens the app at `/` and waits for the sign-in heading. */
export async function openSignIn(page: Page, t: Strings = EN): Promise<void> {
  await page.goto('/');
  await heading(page, t.signInHeading).waitFor();
}

/** From the sign-in screen: user ID → Continue → "Authentication methods". */
export async function enterUserId(page: Page, userId: string, t: Strings = EN): Promise<void> {
  await page.getByLabel(t.userId, { exact: true }).fill(userId);
  await page.getByRole('button', { name: t.continue, exact: true }).click();
  await heading(page, t.methodsHeading).waitFor();
}

/** From the methods screen: "Use password" → the password screen. */
export async function choosePassword(page: Page, t: Strings = EN): Promise<void> {
  await page.getByRole('button', { name: t.usePassword, exact: true }).click();
  await heading(page, t.logIn).waitFor();
}

/** On the password screen: type it and press "Log in" (does not wait for the outcome). */
export async function submitPassword(page: Page, password: string, t: Strings = EN): Promise<void> {
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.logIn, exact: true }).click();
}

/** The whole password sign-in from the sign-in screen to "My Profile". */
export async function signInWithPassword(page: Page, userId: string, password = DEMO_PASSWORD, t: Strings = EN): Promise<void> {
  await enterUserId(page, userId, t);
  await choosePassword(page, t);
  await submitPassword(page, password, t);
  await heading(page, t.profileHeading).waitFor();
}

/** The error summary's text once one is shown (the `alert` that is not empty). */
export async function errorSummaryText(page: Page): Promise<string> {
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await alert.waitFor();
  return normaliseSpaces((await alert.innerText()).trim());
}
