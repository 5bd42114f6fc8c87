import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ERROR_CODES } from '../../shared/error-codes';
import { errorMessage } from '../../server/i18n/messages';

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
