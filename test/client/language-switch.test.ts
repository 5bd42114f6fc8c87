import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../client/components/language-switch';
import '../../client/components/user-menu';
import '../../client/views/methods-view';
import type { LanguageSwitch } from '../../client/components/language-switch';
import type { MethodsView } from '../../client/views/methods-view';
import { applyLanguage, currentLanguage } from '../../client/i18n/language';
import { getByRole, queryByRole, resetLanguage, shadow } from './helpers';
import { flowFixture } from './flow-fixture';

describe('<language-switch>', () => {
  beforeEach(resetLanguage);
  afterEach(resetLanguage);

  it('offers "Français", marked as French, on English pages', async () => {
    const el = await fixture<LanguageSwitch>(html`<language-switch></language-switch>`);
    const button = getByRole(shadow(el), 'button', { name: 'Français' });
    expect(button.getAttribute('lang')).to.equal('fr');
    expect(queryByRole(shadow(el), 'button', { name: 'English' })).to.be.null;
  });

  it("fires language-change with 'fr' when chosen, and leaves applying it to the app", async () => {
    const el = await fixture<LanguageSwitch>(html`<language-switch></language-switch>`);
    const event = oneEvent(el, 'language-change');
    getByRole(shadow(el), 'button', { name: 'Français' }).click();
    const { detail, bubbles, composed } = await event;
    expect(detail).to.equal('fr');
    expect(bubbles && composed, 'reaches the app through shadow roots').to.be.true;
    expect(currentLanguage()).to.equal('en');
  });

  it('offers "English", marked as English, once the page is in French', async () => {
    const el = await fixture<LanguageSwitch>(html`<language-switch></language-switch>`);
    await applyLanguage('fr', { remember: false });
    await el.updateComplete;
    const button = getByRole(shadow(el), 'button', { name: 'English' });
    expect(button.getAttribute('lang')).to.equal('en');
    const event = oneEvent(el, 'language-change');
    button.click();
    expect((await event).detail).to.equal('en');
  });
});

describe('runtime language switch', () => {
  beforeEach(resetLanguage);
  afterEach(resetLanguage);

  it('turns text already on screen into French without a reload, and sets <html lang="fr">', async () => {
    const view = await flowFixture<MethodsView>(html`<methods-view></methods-view>`, { userId: '100001', methods: ['password'] });
    expect(getByRole(shadow(view), 'heading', { level: 1 }).textContent?.trim()).to.equal('Authentication methods');
    expect(getByRole(shadow(view), 'button', { name: 'Use password' })).to.exist;
    const pageBefore = performance.getEntriesByType('navigation')[0];

    await applyLanguage('fr', { remember: false });
    await view.updateComplete;

    expect(document.documentElement.lang).to.equal('fr');
    const heading = getByRole(shadow(view), 'heading', { level: 1 });
    expect(heading.textContent?.trim()).to.equal("Méthodes d'authentification");
    expect(getByRole(shadow(view), 'button', { name: 'Utiliser le mot de passe' })).to.exist;
    expect(queryByRole(shadow(view), 'button', { name: 'Use password' })).to.be.null;
    expect(performance.getEntriesByType('navigation')[0], 'same page, no reload').to.equal(pageBefore);
  });

  it('translates the name menu too ("Log out" becomes "Déconnexion")', async () => {
    const menu = await fixture(html`<user-menu name="Marie Tremblay"></user-menu>`);
    await applyLanguage('fr', { remember: false });
    await (menu as LanguageSwitch).updateComplete;
    expect(getByRole(shadow(menu), 'menuitem', { name: 'Déconnexion', hidden: true })).to.exist;
  });

  it('switches back to English and sets <html lang="en">', async () => {
    const view = await flowFixture<MethodsView>(html`<methods-view></methods-view>`, { userId: '100001', methods: ['password'] });
    await applyLanguage('fr', { remember: false });
    await applyLanguage('en', { remember: false });
    await view.updateComplete;
    expect(document.documentElement.lang).to.equal('en');
    expect(getByRole(shadow(view), 'heading', { level: 1 }).textContent?.trim()).to.equal('Authentication methods');
  });
});
