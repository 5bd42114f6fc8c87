/**
 * « Mot de passe oublié? » in French, as Marie Gagnon does it: her three questions in French,
 * answered with other capitals, accents and spacing (« celine dion » for « Céline Dion »), « Définir un
 * nouveau mot de passe » with the checklist in French, « Mon Profil »; then « Changer le mot de
 * passe » from Mon Profil, and « Activité récente » in French.
 * French typography puts a no-break space before ":" — the regexes match it with \s.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO,
  choosePassword,
  enterUserId,
  heading,
  htmlLang,
  normaliseSpaces,
  openSignIn,
  setUpSuite,
  signInWithPassword,
  withPage,
} from './harness';
import {
  FR3,
  MARIE_QUESTIONS_TYPED_LOOSELY,
  answerShownQuestions,
  clearNewPassword,
  logOut,
  securityAction,
  typeNewPassword,
  waitForRule,
} from './support/security-flows';

const t = FR3;
const RESET_PASSWORD = 'grenouille-verte-du-bassin';
const CHANGED_PASSWORD = 'hirondelle-bleue-du-printemps';

describe('questions de sécurité et nouveau mot de passe (français)', () => {
  const suite = setUpSuite();

  test('« Mot de passe oublié? » → questions en français → nouveau mot de passe → Mon Profil → « Changer le mot de passe »', async () => {
    await withPage(suite, { locale: 'fr-CA' }, async ({ page }) => {
      await openSignIn(page, t);
      assert.equal(await htmlLang(page), 'fr');
      await enterUserId(page, DEMO.marie.userId, t);
      await choosePassword(page, t);
      await page.getByRole('link', { name: t.forgot, exact: true }).click();
      await heading(page, t.forgot).waitFor();
      await page
        .getByRole('region', { name: 'Prouvez votre identité autrement' })
        .getByRole('button', { name: t.answerQuestions, exact: true })
        .click();

      // Les questions, en français; les réponses tapées autrement (majuscules, accents, espaces).
      await heading(page, t.answerQuestions).waitFor();
      assert.match(await page.title(), /^Répondre aux questions de sécurité – Mot de passe en libre-service$/);
      await page.getByText(/ID utilisateur\s:\s100002/).waitFor();
      await page
        .getByText('Répondez à ces trois questions pour confirmer votre identité; vous choisirez ensuite un nouveau mot de passe.')
        .waitFor();
      const asked = await answerShownQuestions(page, MARIE_QUESTIONS_TYPED_LOOSELY);
      for (const question of asked) {
        assert.ok(
          MARIE_QUESTIONS_TYPED_LOOSELY.some((qa) => qa.fr === question),
          `« ${question} » est posée en français`,
        );
      }
      await page.getByRole('checkbox', { name: 'Afficher les réponses', exact: true }).check();
      await page.getByRole('main').getByRole('button', { name: t.continue, exact: true }).click();

      // « Définir un nouveau mot de passe », la liste des exigences en français.
      await heading(page, t.setNewPassword).waitFor();
      await page.getByText(/^Vous avez prouvé votre identité\. Choisissez un nouveau mot de passe d'ici 10 minutes\.$/).waitFor();
      await page.getByRole('list', { name: t.checklist, exact: true }).waitFor();
      await typeNewPassword(page, t, 'grenouille');
      await waitForRule(page, t, t.rule.length, t.state.unmet);
      await waitForRule(page, t, t.rule.common, t.state.waitsForLength);
      await typeNewPassword(page, t, '-10');
      await waitForRule(page, t, t.rule.length, t.state.met);
      await typeNewPassword(page, t, '0002');
      await waitForRule(page, t, t.rule.userId, t.state.unmet);
      await clearNewPassword(page, t);
      await typeNewPassword(page, t, 'marie-gagnon-2026');
      await waitForRule(page, t, t.rule.name, t.state.unmet);
      await clearNewPassword(page, t);
      await typeNewPassword(page, t, RESET_PASSWORD);
      for (const rule of [t.rule.length, t.rule.userId, t.rule.name, t.rule.common]) await waitForRule(page, t, rule, t.state.met);
      await waitForRule(page, t, t.rule.recent, t.state.server);
      await page.getByRole('status').filter({ hasText: 'Les 4 exigences sont respectées.' }).waitFor();

      // Une confirmation qui diverge est signalée pendant la frappe.
      await page.getByLabel(t.confirmPassword, { exact: true }).fill('grenouille-rouge');
      await page.getByText('Les deux nouveaux mots de passe ne correspondent pas.').first().waitFor();
      await page.getByLabel(t.confirmPassword, { exact: true }).fill(RESET_PASSWORD);
      assert.equal(await page.getByText('Les deux nouveaux mots de passe ne correspondent pas.').count(), 0);
      await page.getByRole('button', { name: t.saveNewPassword, exact: true }).click();

      // Mon Profil, session ouverte.
      await heading(page, t.profileHeading).waitFor();
      await page.getByRole('status').filter({ hasText: t.passwordChanged }).waitFor();
      const security = page.getByRole('region', { name: 'Sécurité' });
      await security.getByText(/^inscrites le \d{1,2}(?:er)? \S+ \d{4}/).waitFor();

      // « Changer le mot de passe », en français.
      await securityAction(page, t.changePassword).click();
      await heading(page, t.changePassword).waitFor();
      assert.match(await page.title(), /^Changer le mot de passe – Mot de passe en libre-service$/);
      await page.getByText('Les sessions ouvertes sur vos autres appareils seront fermées.').waitFor();
      await page.getByLabel(t.currentPassword, { exact: true }).fill(RESET_PASSWORD);
      await typeNewPassword(page, t, CHANGED_PASSWORD);
      for (const rule of [t.rule.length, t.rule.userId, t.rule.name, t.rule.common]) await waitForRule(page, t, rule, t.state.met);
      await page.getByLabel(t.confirmPassword, { exact: true }).fill(CHANGED_PASSWORD);
      await page.getByRole('main').getByRole('button', { name: t.changePassword, exact: true }).click();
      await heading(page, t.profileHeading).waitFor();
      await page.getByRole('status').filter({ hasText: t.passwordChanged }).waitFor();

      // « Activité récente », en français, l'heure à la française.
      await securityAction(page, t.recentActivity).click();
      await heading(page, t.recentActivity).waitFor();
      const events = page.getByRole('main').getByRole('list').getByRole('listitem');
      await events.first().waitFor();
      const texts = (await events.allInnerTexts()).map(normaliseSpaces);
      const lines = texts.map((text) => text.split('\n')[0]!.trim());
      assert.deepEqual(
        lines.slice(0, 3),
        ['Mot de passe changé', 'Mot de passe réinitialisé par « Mot de passe oublié? »', 'Ouverture de session (questions de sécurité)'],
        lines.join('\n'),
      );
      // « 26 nov. 2026, 16 h 20, à partir de 127.0.0.1 » (« 1er déc. 2026 » on the first of a month)
      assert.match(texts[0]!, /\d{1,2}(?:er)? \S+ \d{4}.*\d{1,2}\s?h\s?\d{2}, à partir de /s, texts[0]);
      await page.getByRole('button', { name: t.backToProfile, exact: true }).click();
      await heading(page, t.profileHeading).waitFor();

      // Déconnexion, puis le dernier mot de passe ouvre la session.
      await logOut(page, DEMO.marie.name, t);
      await signInWithPassword(page, DEMO.marie.userId, CHANGED_PASSWORD, t);
      assert.equal(await htmlLang(page), 'fr');
    });
  });
});
