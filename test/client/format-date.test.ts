import { expect } from '@open-wc/testing';
import { formatDateTime } from '../../client/i18n/format-date';
import { applyLanguage } from '../../client/i18n/language';
import { resetLanguage } from './helpers';

// Local times (no "Z"), so that the day does not depend on the browser's time zone.
const FIRST = '2026-12-01T14:05:00';
const SECOND = '2026-12-02T14:05:00';
const ELEVENTH = '2026-12-11T14:05:00';

describe('formatDateTime', () => {
  afterEach(resetLanguage);

  it('writes the first day of a month "1er" in French, as Canadian French does', async () => {
    await applyLanguage('fr', { remember: false });
    expect(formatDateTime(FIRST)).to.match(/^1er décembre 2026 à 14 h 05$/);
    expect(formatDateTime(FIRST, 'medium')).to.match(/^1er déc\. 2026/);
  });

  it('leaves the other days as numbers', async () => {
    await applyLanguage('fr', { remember: false });
    expect(formatDateTime(SECOND)).to.match(/^2 décembre 2026/);
    expect(formatDateTime(ELEVENTH)).to.match(/^11 décembre 2026/);
  });

  it('writes "December 1, 2026" in English', () => {
    expect(formatDateTime(FIRST)).to.match(/^December 1, 2026/);
  });
});
