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
import '../../client/views/confirm-identity-view';
import { DEFAULT_PASSWORD_POLICY } from '../../shared/password-policy';
import { applyLanguage } from '../../client/i18n/language';
import { canadaPost, resetLanguage, settled } from './helpers';
import { withFlow } from './flow-fixture';

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
  'sign-in-view': () => withFlow(html`<sign-in-view></sign-in-view>`, { organisation: canadaPost, signInNotice: 'logged-out' }),
  'methods-view': () => withFlow(html`<methods-view></methods-view>`, { userId: '100001', methods: ['password'] }),
  'password-view': () => withFlow(html`<password-view></password-view>`, { userId: '100001', organisation: canadaPost }),
  'forgot-password-view': () => withFlow(html`<forgot-password-view></forgot-password-view>`, { organisation: canadaPost }),
  'profile-view': () => withFlow(html`<profile-view></profile-view>`, { profile, languageSaved: true }),
  'password-checklist': () =>
    html`<password-checklist userId="100001" displayName="Marie Tremblay" .password=${'Tremblay spring 2026'}></password-checklist>`,
  'set-password-view': () =>
    withFlow(html`<set-password-view .policy=${DEFAULT_PASSWORD_POLICY}></set-password-view>`, {
      access: { level: 'set-password', reason: 'reset', until: '' },
      profile,
      organisation: canadaPost,
    }),
  'confirm-identity-view': () =>
    withFlow(html`<confirm-identity-view></confirm-identity-view>`, { access: { level: 'full' }, profile, organisation: canadaPost }),
  'change-password-view': () =>
    withFlow(html`<change-password-view .policy=${DEFAULT_PASSWORD_POLICY}></change-password-view>`, {
      access: { level: 'full' },
      profile,
      organisation: canadaPost,
    }),
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
