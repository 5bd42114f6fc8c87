import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ERROR_CODES } from '../../shared/error-codes';
import { errorMessage } from '../../shared/messages/error-messages';
import { LANGUAGES } from '../../shared/languages';
import { notificationTexts } from '../../shared/messages/notification-texts';
import { invalidAnswersMessage } from '../../shared/messages/answer-rule-messages';
import { ANSWER_RULES } from '../../shared/answer-rules';
import { DEFAULT_PASSWORD_POLICY, PASSWORD_RULES } from '../../shared/password-policy';
import { demoOrganisation } from '../../server/organisation/demo-organisation';
import { defaultQuestionCatalogue } from '../../server/methods/questions/question-catalogue';
import { britishSpellings, frenchTypographyProblems } from '../wording-rules';
import { REFUSAL_KINDS } from '../../shared/refusal-kinds';
import { refusalMessage } from '../../shared/messages/refusal-messages';

describe('server messages', () => {
  for (const code of ERROR_CODES) {
    test(`${code} exists in English and French`, () => {
      const params = { helpDeskPhone: '1-877-411-8585', minutes: 15 };
      const en = errorMessage(code, 'en', params);
      const fr = errorMessage(code, 'fr', params);
      assert.ok(en.length > 10);
      assert.ok(fr.length > 10);
      assert.notEqual(en, fr, 'the French message is a translation, not a copy');
    });
  }
});

describe('notification texts', () => {
  for (const [id, texts] of Object.entries(notificationTexts)) {
    test(`${id} exists in English and French`, () => {
      for (const language of LANGUAGES) assert.ok(texts[language].trim().length > 0, `${id} in ${language}`);
    });
  }

  test('a sign-in request asks the employee to review it, in both languages', () => {
    assert.equal(notificationTexts['sign-in-request'].en, 'Sign-in request — tap to review');
    assert.equal(notificationTexts['sign-in-request'].fr, "Demande de connexion — touchez pour l'examiner");
    assert.equal(notificationTexts.title.fr, 'Sésame');
  });
});

describe('forbidden', () => {
  test('says the caller has no access, in both languages', () => {
    const params = { helpDeskPhone: '1-877-411-8585' };
    assert.equal(errorMessage('forbidden', 'en', params), 'You do not have access to this.');
    assert.equal(errorMessage('forbidden', 'fr', params), "Vous n'avez pas accès à cette fonction.");
  });
});

describe('server wording', () => {
  /** Every text the server can say, in one language: errors with every detail, rules, notices. */
  function allTexts(language: 'en' | 'fr'): string[] {
    const params = { helpDeskPhone: '1-877-411-8585', minutes: 15, failedRules: PASSWORD_RULES, policy: DEFAULT_PASSWORD_POLICY };
    const problems = ANSWER_RULES.map((rule, index) => ({ index, rule }));
    return [
      ...ERROR_CODES.map((code) => errorMessage(code, language, params)),
      errorMessage('password_policy', language, { helpDeskPhone: params.helpDeskPhone }),
      invalidAnswersMessage(problems, language, { ...params, answerMinLength: 3 }),
      ...Object.values(notificationTexts).map((texts) => texts[language]),
      demoOrganisation.name[language],
      demoOrganisation.primarySystem[language],
      demoOrganisation.notice[language],
      ...defaultQuestionCatalogue.map((question) => question[language]),
    ];
  }

  test('English uses Canadian spellings (-ize)', () => {
    const british = allTexts('en').flatMap(britishSpellings);
    assert.deepEqual(british, []);
  });

  test('French follows French typography: « », no-break spaces', () => {
    const problems = allTexts('fr').flatMap((text) => frenchTypographyProblems(text).map((problem) => `${problem}: ${text}`));
    assert.deepEqual(problems, []);
  });
});

describe("a target system's refusal, in words", () => {
  for (const kind of REFUSAL_KINDS) {
    test(`${kind} names the system in English and French, with French typography`, () => {
      const en = refusalMessage(kind, 'en', 'Payroll (SAP)');
      const fr = refusalMessage(kind, 'fr', 'Paie (SAP)');
      assert.match(en, /Payroll \(SAP\)/);
      assert.match(fr, /Paie \(SAP\)/);
      assert.deepEqual(britishSpellings(en), []);
      assert.deepEqual(frenchTypographyProblems(fr), []);
      assert.doesNotMatch(en + fr, /0000052D|constraint|ppolicy/i, 'no directory code reaches the employee');
    });
  }
});
