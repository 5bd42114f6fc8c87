/**
 * Flows of the security-questions and new-password screens (issue 3), as a person does them:
 * enrol five questions, answer the three asked, watch the new-password checklist, log out.
 * Shared by the end-to-end files of that feature; everything is found by role and accessible
 * name, in English or French.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { normaliseSpaces, type InPage } from './browser';
import { EN, FR, errorSummaryText, heading, type Strings } from './flows';

export const DEMO_TEMPORARY_PASSWORD = 'temporaire-2026';
export const JORDAN = { userId: '100003', employeeId: 'E-200003', name: 'Jordan Roy' } as const;

/** The words of the new screens, in each language ("\s" stands for French's no-break space). */
export const EN3 = {
  ...EN,
  answerQuestions: 'Answer security questions',
  securityQuestions: 'Security questions',
  enrolQuestions: 'Enrol security questions',
  setNewPassword: 'Set a new password',
  changePassword: 'Change password',
  recentActivity: 'Recent activity',
  backToProfile: 'Back to My Profile',
  chooseAnotherMethod: 'Choose another method',
  save: 'Save',
  saveNewPassword: 'Save the new password',
  newPassword: 'New password',
  confirmPassword: 'Confirm the new password',
  currentPassword: 'Current password',
  question: (n: number) => `Question ${n}`,
  answer: (n: number) => `Answer ${n}`,
  questionsSaved: 'Your security questions are saved.',
  passwordChanged: /^Your password is changed\. Other devices where you were signed in must sign in again\.$/,
  wrongAnswers: 'One or more answers are incorrect.',
  checklist: 'Requirements for your new password',
  rule: {
    length: 'Has 12 to 128 characters',
    userId: 'Does not contain your user ID',
    name: 'Does not contain your name',
    common: 'Is not a common password, or one exposed in a data breach',
    recent: 'Is not one of your last 5 passwords',
  },
  state: {
    met: 'Met',
    unmet: 'Not met',
    server: 'Checked when you save',
    waitsForLength: 'Checked once the length is met',
    pending: 'Not checked yet',
  },
} as const;

export const FR3 = {
  ...FR,
  answerQuestions: 'Répondre aux questions de sécurité',
  securityQuestions: 'Questions de sécurité',
  enrolQuestions: 'Inscrire des questions de sécurité',
  setNewPassword: 'Définir un nouveau mot de passe',
  changePassword: 'Changer le mot de passe',
  recentActivity: 'Activité récente',
  backToProfile: 'Retour à Mon Profil',
  chooseAnotherMethod: 'Choisir une autre méthode',
  save: 'Enregistrer',
  saveNewPassword: 'Enregistrer le nouveau mot de passe',
  newPassword: 'Nouveau mot de passe',
  confirmPassword: 'Confirmer le nouveau mot de passe',
  currentPassword: 'Mot de passe actuel',
  question: (n: number) => `Question ${n}`,
  answer: (n: number) => `Réponse ${n}`,
  questionsSaved: 'Vos questions de sécurité sont enregistrées.',
  passwordChanged:
    /^Votre mot de passe a été changé\. Les autres appareils où vous aviez ouvert une session devront en ouvrir une nouvelle\.$/,
  wrongAnswers: 'Une ou plusieurs réponses sont incorrectes.',
  checklist: 'Exigences relatives à votre nouveau mot de passe',
  rule: {
    length: 'Comporte de 12 à 128 caractères',
    userId: "Ne contient pas votre code d'utilisateur",
    name: 'Ne contient pas votre nom',
    common: "N'est pas un mot de passe courant ni un mot de passe exposé lors d'une fuite de données",
    recent: "N'est pas l'un de vos 5 derniers mots de passe",
  },
  state: {
    met: 'Respectée',
    unmet: 'Non respectée',
    server: "Vérifiée à l'enregistrement",
    waitsForLength: 'Vérifiée une fois la longueur atteinte',
    pending: 'Pas encore vérifiée',
  },
} as const;

export type Strings3 = typeof EN3 | typeof FR3;

/** A question as the catalogue words it in each language, with the answer to give. */
export interface QA {
  en: string;
  fr: string;
  answer: string;
}

/** Marie Gagnon's enrolled questions and answers (README). */
export const MARIE_QUESTIONS: QA[] = [
  { en: 'What was the name of your first pet?', fr: 'Quel était le nom de votre premier animal de compagnie?', answer: 'Pompon' },
  { en: 'What was the name of your elementary school?', fr: 'Quel était le nom de votre école primaire?', answer: 'Sainte-Famille' },
  {
    en: 'In what city or town did your parents meet?',
    fr: 'Dans quelle ville ou quel village vos parents se sont-ils rencontrés?',
    answer: 'Rimouski',
  },
  {
    en: 'Who performed at the first concert you attended?',
    fr: 'Qui était sur scène au premier spectacle auquel vous avez assisté?',
    answer: 'Céline Dion',
  },
  {
    en: 'What was the make and model of your first car?',
    fr: 'Quels étaient la marque et le modèle de votre première voiture?',
    answer: 'Honda Civic',
  },
];

/**
 * The same answers typed as a hurried person would: other capitals, accents dropped or added,
 * other spacing and punctuation. Each differs from what was enrolled, so whichever 3 are asked,
 * every one tests the normalisation.
 */
export const MARIE_QUESTIONS_TYPED_LOOSELY: QA[] = MARIE_QUESTIONS.map((qa) => ({
  ...qa,
  answer: {
    Pompon: 'PÔMPON',
    'Sainte-Famille': 'sainte famillé',
    Rimouski: '  RIMOUSKÎ ',
    'Céline Dion': 'celine dion',
    'Honda Civic': 'hönda   CIVIC',
  }[qa.answer] as string,
}));

/** The 3 questions the questions screen shows now (their fields' accessible names), in order. */
export async function shownQuestions(page: Page): Promise<string[]> {
  const fields = page.getByRole('main').getByRole('textbox');
  await fields.nth(2).waitFor();
  const snapshot = normaliseSpaces(await page.getByRole('main').ariaSnapshot());
  const names = [...snapshot.matchAll(/- textbox "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  assert.equal(names.length, 3, `three questions are asked:\n${snapshot}`);
  assert.equal(new Set(names).size, 3, `three different questions: ${names.join(' | ')}`);
  return names;
}

/** Types, for each question shown, the answer its text maps to; fails on a question not in `known`. */
export async function answerShownQuestions(page: Page, known: QA[]): Promise<string[]> {
  const shown = await shownQuestions(page);
  for (const question of shown) {
    const qa = known.find((k) => k.en === question || k.fr === question);
    assert.ok(qa, `"${question}" is one of the enrolled questions`);
    await page.getByRole('main').getByRole('textbox', { name: question, exact: true }).fill(qa.answer);
  }
  return shown;
}

/** Types the same wrong answer to each question shown. */
export async function answerWrongly(page: Page, attempt: number): Promise<string[]> {
  const shown = await shownQuestions(page);
  for (const [i, question] of shown.entries()) {
    await page.getByRole('main').getByRole('textbox', { name: question, exact: true }).fill(`mauvaise réponse ${attempt}-${i}`);
  }
  return shown;
}

/**
 * Presses the questions screen's button ("Continue" when resetting, "Log in" when signing in)
 * and returns the error then shown. After wrong answers the next attempt's questions come with
 * the error, so they are on screen when this returns.
 */
export async function submitAnswersExpectingError(page: Page, button: string): Promise<string> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/questions/answer');
  await page.getByRole('main').getByRole('button', { name: button, exact: true }).click();
  await answered;
  return errorSummaryText(page);
}

/** The name menu, top right → Log out; waits for the sign-in screen. */
export async function logOut(page: Page, name: string, t: Strings = EN): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name, exact: true }).click();
  await page.getByRole('menuitem', { name: t.logOut, exact: true }).click();
  await heading(page, t.signInHeading).waitFor();
  await page.getByRole('status').filter({ hasText: t.loggedOut }).waitFor();
}

/** A button of My Profile's "Security" section. */
export function securityAction(page: Page, name: string) {
  return page.getByRole('region', { name: /^(Security|Sécurité)$/ }).getByRole('link', { name, exact: true });
}

/** Chooses a catalogue question (by its text) and types its answer in the row `n` (from 1). */
export async function fillEnrolmentRow(page: Page, t: Strings3, n: number, question: string, answer: string): Promise<void> {
  await page.getByRole('combobox', { name: t.question(n), exact: true }).selectOption({ label: question });
  await page.getByRole('textbox', { name: t.answer(n), exact: true }).fill(answer);
}

/** Fills the five rows of the enrolment screen with `questions` (in the page's language) and saves. */
export async function enrolQuestions(page: Page, t: Strings3, questions: QA[], language: 'en' | 'fr'): Promise<void> {
  assert.equal(questions.length, 5);
  for (const [i, qa] of questions.entries()) await fillEnrolmentRow(page, t, i + 1, qa[language], qa.answer);
  await page.getByRole('button', { name: t.save, exact: true }).click();
}

/* ------------------------------------------------------------------------------------------ */
/* The new-password checklist                                                                  */
/* ------------------------------------------------------------------------------------------ */

export function checklistItem(page: Page, t: Strings3, rule: string) {
  return page.getByRole('list', { name: t.checklist, exact: true }).getByRole('listitem').filter({ hasText: rule });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the checklist says `state` ("Met", "Not met", …) for `rule`. */
export async function waitForRule(page: Page, t: Strings3, rule: string, state: string): Promise<void> {
  const item = checklistItem(page, t, rule);
  try {
    await item.filter({ hasText: new RegExp(`\\(${escapeRegExp(state)}\\)`) }).waitFor({ timeout: 5_000 });
  } catch (error) {
    const now = (await item.count()) > 0 ? normaliseSpaces(await item.first().innerText()) : '(no such rule)';
    throw new Error(`the checklist should say "${rule}" is (${state}); it says: ${now}`, { cause: error });
  }
}

/** Types into the new-password field key by key, as a person does. */
export async function typeNewPassword(page: Page, t: Strings3, text: string): Promise<void> {
  await page.getByLabel(t.newPassword, { exact: true }).pressSequentially(text);
}

export async function clearNewPassword(page: Page, t: Strings3): Promise<void> {
  await page.getByLabel(t.newPassword, { exact: true }).fill('');
}

/* ------------------------------------------------------------------------------------------ */
/* Layout                                                                                      */
/* ------------------------------------------------------------------------------------------ */

export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const scroller = (globalThis as unknown as InPage).document.scrollingElement;
    return { scrollWidth: scroller?.scrollWidth ?? 0, clientWidth: scroller?.clientWidth ?? 0 };
  });
}
