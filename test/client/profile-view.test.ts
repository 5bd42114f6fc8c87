import { expect, html, oneEvent } from '@open-wc/testing';
import '../../client/views/profile-view';
import type { ProfileView } from '../../client/views/profile-view';
import type { ProfileResponse } from '../../shared/api-schemas';
import { getByRole, getByText, resetLanguage, shadow, visibleText } from './helpers';
import { flowFixture, updateFlow } from './flow-fixture';

const AT = '2024-03-05T12:00:00.000Z';

function profile(overrides: Partial<ProfileResponse> = {}): ProfileResponse {
  return {
    userId: '100001',
    employeeId: '7654321',
    displayName: 'Marie Tremblay',
    preferredLanguage: 'en',
    roles: [],
    previousSignIn: null,
    currentSignIn: { at: '2024-03-06T09:00:00.000Z', method: 'password' },
    ...overrides,
  };
}

/** The term → definition pairs of the identity card, as a person reads them. */
function identity(view: ProfileView): Record<string, string> {
  const section = getByRole(shadow(view), 'region', { name: 'Your identity' });
  const pairs: Record<string, string> = {};
  section.querySelectorAll('dt').forEach((dt) => {
    const dd = dt.nextElementSibling;
    pairs[visibleText(dt)] = dd ? visibleText(dd) : '';
  });
  return pairs;
}

function lastSignIn(view: ProfileView, heading = 'Last sign-in'): string {
  const section = getByRole(shadow(view), 'region', { name: heading });
  return visibleText(section.querySelector('p')!);
}

describe('<profile-view>', () => {
  afterEach(resetLanguage);

  it("shows the employee's name, user ID and employee ID", async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile: profile() });
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'My Profile' })).to.exist;
    expect(getByText(shadow(view), 'Welcome, Marie Tremblay.')).to.exist;
    expect(identity(view)).to.deep.equal({
      Name: 'Marie Tremblay',
      'User ID': '100001',
      'Employee ID': '7654321',
    });
  });

  it('says so on a first sign-in', async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile: profile() });
    expect(lastSignIn(view)).to.equal('This is your first sign-in to Self-service password.');
  });

  it('shows the previous sign-in as a readable date and time, with the method', async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, {
      profile: profile({ previousSignIn: { at: AT, method: 'password' } }),
    });
    const text = lastSignIn(view);
    const expected = new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(AT));
    expect(text).to.equal(`${expected}, with your password.`);
    expect(text).to.match(/^March 5, 2024\b/);
    expect(text).not.to.contain('2024-03-05T');
  });

  it('shows the date the French way on French pages', async () => {
    const { applyLanguage } = await import('../../client/i18n/language');
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, {
      profile: profile({ previousSignIn: { at: AT, method: 'password' } }),
    });
    await applyLanguage('fr', { remember: false });
    await view.updateComplete;
    expect(lastSignIn(view, 'Dernière ouverture de session')).to.match(/^5 mars 2024\b/);
    expect(lastSignIn(view, 'Dernière ouverture de session')).to.match(/avec votre mot de passe\.$/);
  });

  it('ticks the preferred language, each named in its own language', async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile: profile() });
    const english = getByRole(shadow(view), 'radio', { name: 'English' }) as HTMLInputElement;
    const french = getByRole(shadow(view), 'radio', { name: 'Français' }) as HTMLInputElement;
    expect(english.checked).to.be.true;
    expect(french.checked).to.be.false;
    expect(french.labels?.[0]?.getAttribute('lang')).to.equal('fr');
    expect(getByRole(shadow(view), 'group', { name: 'The language Self-service password uses with you' })).to.exist;
  });

  it('fires language-change with \'fr\' when "Français" is chosen', async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile: profile() });
    const event = oneEvent(view, 'language-change');
    getByRole(shadow(view), 'radio', { name: 'Français' }).click();
    const { detail, bubbles, composed } = await event;
    expect(detail).to.equal('fr');
    expect(bubbles && composed).to.be.true;
  });

  it('announces that the preferred language is saved', async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile: profile() });
    const status = getByRole(shadow(view), 'status', { hidden: true });
    expect(visibleText(status)).to.equal('');
    await updateFlow(view, { languageSaved: true });
    expect(visibleText(status)).to.equal('Your preferred language is saved.');
  });

  it('links to Change password, Security questions and Recent activity by address, 44 px tall, opened in the app on a plain click', async () => {
    const view = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile: profile() });
    const expected: Array<[RegExp, string, string]> = [
      [/^Change password$/, '/profile/password', 'change-password'],
      [/Security questions$/i, '/profile/security-questions', 'security-questions'],
      [/^Recent activity$/, '/profile/activity', 'activity'],
    ];
    for (const [name, href, route] of expected) {
      const link = getByRole(shadow(view), 'link', { name });
      expect(link.getAttribute('href')).to.equal(href);
      expect(link.getBoundingClientRect().height, `${href}: a touch target`).to.be.at.least(44);
      const opened = oneEvent(view, 'open-screen');
      const page = location.pathname;
      link.click();
      expect(((await opened) as CustomEvent<string>).detail).to.equal(route);
      expect(location.pathname, 'no page load').to.equal(page);
    }
  });

  it('says why the page language and the preferred language differ, and nothing when they agree', async () => {
    const agree = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, { profile: profile() });
    expect(shadow(agree).querySelector('[data-language-difference]')).to.equal(null);
    const differ = await flowFixture<ProfileView>(html`<profile-view></profile-view>`, {
      profile: { ...profile(), preferredLanguage: 'fr' },
    });
    expect(visibleText(shadow(differ))).to.contain(
      'This device shows Self-service password in English, as chosen with the language switch. Your preferred language is still French',
    );
  });
});
