/**
 * Wording a person reads, in both languages: Canadian English spellings, and French that is
 * French rather than English word for word. (Typography over every message is checked by
 * test/check-translations.ts.)
 */
import { expect, html } from '@open-wc/testing';
import '../../client/views/profile-view';
import '../../client/views/activity-view';
import type { ProfileView } from '../../client/views/profile-view';
import type { ActivityView } from '../../client/views/activity-view';
import type { ProfileResponse } from '../../shared/api-schemas';
import { applyLanguage } from '../../client/i18n/language';
import { flowFixture } from './flow-fixture';
import { canadaPost, jsonResponse, resetLanguage, restoreFetch, settled, shadow, stubFetch, visibleText } from './helpers';

const profile: ProfileResponse = {
  userId: '100001',
  employeeId: '7654321',
  displayName: 'Marie Tremblay',
  preferredLanguage: 'fr',
  roles: [],
  previousSignIn: null,
  currentSignIn: { at: '2024-03-06T09:00:00.000Z', method: 'password' },
};

describe('wording', () => {
  beforeEach(() => stubFetch(() => jsonResponse(200, { enrolledAt: null, questions: [], items: [] })));
  afterEach(async () => {
    restoreFetch();
    await resetLanguage();
  });

  it('says in French that the password has been changed (passé composé, not « est changé »)', async () => {
    await applyLanguage('fr', { remember: false });
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile, profileNotice: 'password-changed' });
    expect(visibleText(shadow(view))).to.contain(
      'Votre mot de passe a été changé. Les autres appareils où vous aviez ouvert une session devront en ouvrir une nouvelle.',
    );
  });

  it('spells "recognize" the Canadian way on My Profile and in Recent activity', async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile });
    expect(visibleText(shadow(view))).to.contain('If you do not recognize a sign-in, change your password and call the Help Desk.');
    const activity = await flowFixture<ActivityView>(html`<activity-view></activity-view>`, { organisation: canadaPost });
    await settled(activity);
    expect(visibleText(shadow(activity))).to.contain('If you do not recognize an event, change your password and call the Help Desk.');
  });
});
