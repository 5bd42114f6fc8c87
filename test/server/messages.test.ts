import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ERROR_CODES } from '../../shared/error-codes';
import { errorMessage } from '../../shared/messages/error-messages';
import { LANGUAGES } from '../../shared/languages';
import { notificationTexts } from '../../shared/messages/notification-texts';

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
