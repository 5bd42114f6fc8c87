import { expect } from '@open-wc/testing';
import type { ClientErrorCode } from '../../client/api/api-client';
import { errorText } from '../../client/api/error-text';
import { applyLanguage } from '../../client/i18n/language';
import { ERROR_CODES } from '../../shared/error-codes';
import { canadaPost, resetLanguage } from './helpers';

const CODES: ClientErrorCode[] = [...ERROR_CODES, 'offline', 'unexpected'];
const phone = canadaPost.helpDeskPhone;

describe('error texts', () => {
  beforeEach(resetLanguage);
  afterEach(resetLanguage);

  it('has a text of its own for every error code, in English and French', async () => {
    const english = CODES.map((error) => errorText({ error }, phone));
    await applyLanguage('fr', { remember: false });
    const french = CODES.map((error) => errorText({ error }, phone));
    CODES.forEach((code, i) => {
      expect(english[i], code).to.have.length.above(10);
      expect(french[i], code).to.not.equal(english[i]);
    });
  });

  it('says that the page is out of bounds for a forbidden request', async () => {
    expect(errorText({ error: 'forbidden' }, phone)).to.equal('You do not have access to this page.');
    await applyLanguage('fr', { remember: false });
    expect(errorText({ error: 'forbidden' }, phone)).to.equal("Vous n'avez pas accès à cette page.");
  });

  it('warns how many tries are left before the method locks, and for how long', async () => {
    const twoLeft = { error: 'invalid_credentials' as const, attemptsLeft: 2, lockMinutes: 15 };
    expect(errorText(twoLeft, phone)).to.equal(
      'The user ID or password is incorrect. 2 attempts left before this method is locked for 15 minutes.',
    );
    expect(errorText({ error: 'wrong_answers', attemptsLeft: 1, lockMinutes: 15 }, phone)).to.equal(
      'One or more answers are incorrect. 1 attempt left before this method is locked for 15 minutes.',
    );
    expect(errorText({ error: 'invalid_credentials' }, phone)).to.equal('The user ID or password is incorrect.');
    await applyLanguage('fr', { remember: false });
    expect(errorText(twoLeft, phone)).to.equal(
      "Le code d'utilisateur ou le mot de passe est incorrect. Il vous reste 2 tentatives avant que cette méthode soit verrouillée pendant 15 minutes.",
    );
    expect(errorText({ error: 'wrong_answers', attemptsLeft: 1, lockMinutes: 15 }, phone)).to.equal(
      'Une ou plusieurs réponses sont incorrectes. Il vous reste 1 tentative avant que cette méthode soit verrouillée pendant 15 minutes.',
    );
  });

  it('falls back to "Something went wrong" for a code this page does not know yet', () => {
    const failure = { error: 'from_a_newer_server' as ClientErrorCode };
    expect(errorText(failure, phone)).to.equal('Something went wrong on our side. Try again, or call the Help Desk at 1-877-411-8585.');
  });
});
