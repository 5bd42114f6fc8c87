import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../client/components/error-summary';
import '../../client/components/help-desk-line';
import '../../client/components/language-switch';
import '../../client/components/password-checklist';
import '../../client/components/site-footer';
import '../../client/components/update-prompt';
import '../../client/components/user-menu';
import '../../client/views/forgot-password-view';
import '../../client/views/methods-view';
import '../../client/views/password-view';
import '../../client/views/profile-view';
import '../../client/views/sign-in-view';
import '../../client/views/set-password-view';
import '../../client/views/change-password-view';
import { DEFAULT_PASSWORD_POLICY } from '../../shared/password-policy';
import { applyLanguage } from '../../client/i18n/language';
import { canadaPost, resetLanguage, settled } from './helpers';

const profile = {
  userId: '100001',
  employeeId: '7654321',
  displayName: 'Marie Tremblay',
  preferredLanguage: 'en' as const,
  roles: [],
  previousSignIn: { at: '2024-03-05T12:00:00.000Z', method: 'password' as const },
  currentSignIn: { at: '2024-03-06T09:00:00.000Z', method: 'password' as const },
};

// The test page loads the app's global stylesheet, so colour contrast is checked too, in the
// light and the dark colour scheme.
const options = {};

const screens = {
  'error-summary': () =>
    html`<error-summary .errors=${[{ text: 'Enter your user ID.', fieldId: 'user-id' }, { text: 'You are offline.' }]}></error-summary>`,
  'help-desk-line': () => html`<help-desk-line .organisation=${canadaPost}></help-desk-line>`,
  'language-switch': () => html`<language-switch></language-switch>`,
  'site-footer': () => html`<site-footer .organisation=${canadaPost}></site-footer>`,
  'update-prompt': () => html`<update-prompt></update-prompt>`,
  'user-menu': () => html`<user-menu name="Marie Tremblay"></user-menu>`,
  'sign-in-view': () => html`<sign-in-view .organisation=${canadaPost} notice="logged-out"></sign-in-view>`,
  'methods-view': () => html`<methods-view userId="100001" .methods=${['password']}></methods-view>`,
  'password-view': () => html`<password-view userId="100001" .organisation=${canadaPost}></password-view>`,
  'forgot-password-view': () => html`<forgot-password-view .organisation=${canadaPost}></forgot-password-view>`,
  'profile-view': () => html`<profile-view .profile=${profile} languageSaved></profile-view>`,
  'password-checklist': () =>
    html`<password-checklist userId="100001" displayName="Marie Tremblay" .password=${'Tremblay spring 2026'}></password-checklist>`,
  'set-password-view': () =>
    html`<set-password-view
      userId="100001"
      displayName="Marie Tremblay"
      reason="reset"
      .policy=${DEFAULT_PASSWORD_POLICY}
      .organisation=${canadaPost}
    ></set-password-view>`,
  'change-password-view': () =>
    html`<change-password-view
      userId="100001"
      displayName="Marie Tremblay"
      .policy=${DEFAULT_PASSWORD_POLICY}
      .organisation=${canadaPost}
    ></change-password-view>`,
};

describe('accessibility (axe)', () => {
  afterEach(resetLanguage);

  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  for (const [language, colorScheme] of [
    ['en', 'light'],
    ['fr', 'light'],
    ['en', 'dark'],
  ] as const) {
    for (const [name, template] of Object.entries(screens)) {
      it(`<${name}> has no axe violations (${language}, ${colorScheme})`, async () => {
        await emulateMedia({ colorScheme });
        await applyLanguage(language, { remember: false });
        const el = await fixture(template());
        await settled(el);
        await expect(el).to.be.accessible(options);
      });
    }
  }
});
