import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../client/components/site-footer';
import '../../client/components/update-prompt';
import '../../client/views/forgot-password-view';
import type { SiteFooter } from '../../client/components/site-footer';
import type { UpdatePrompt } from '../../client/components/update-prompt';
import type { ForgotPasswordView } from '../../client/views/forgot-password-view';
import { applyLanguage } from '../../client/i18n/language';
import { canadaPost, getByRole, queryAllByRole, resetLanguage, settled, shadow, visibleText } from './helpers';
import { flowFixture } from './flow-fixture';

describe('<site-footer>', () => {
  afterEach(resetLanguage);

  it('shows the help-desk line and the authorized-use notice', async () => {
    const el = await fixture<SiteFooter>(html`<site-footer .organisation=${canadaPost}></site-footer>`);
    await settled(el);
    const text = visibleText(shadow(el));
    expect(text).to.contain('please contact the Canada Post Help Desk at 1-877-411-8585.');
    expect(getByRole(shadow(el), 'heading', { name: 'Authorized use' })).to.exist;
    expect(text).to.contain('Authorized use only.');
  });

  it('shows the notice in French on French pages', async () => {
    const el = await fixture<SiteFooter>(html`<site-footer .organisation=${canadaPost}></site-footer>`);
    await applyLanguage('fr', { remember: false });
    await settled(el);
    expect(getByRole(shadow(el), 'heading', { name: 'Utilisation autorisée' })).to.exist;
    expect(visibleText(shadow(el))).to.contain('Utilisation autorisée seulement.');
  });

  it('shows no notice heading before the organisation is known', async () => {
    const el = await fixture<SiteFooter>(html`<site-footer></site-footer>`);
    await settled(el);
    expect(queryAllByRole(shadow(el), 'heading')).to.have.length(0);
    expect(visibleText(shadow(el))).to.equal('If you experience any login difficulties, please contact the Help Desk.');
  });
});

describe('<update-prompt>', () => {
  it('offers the new version and fires reload-requested once', async () => {
    const el = await fixture<UpdatePrompt>(html`<update-prompt></update-prompt>`);
    const status = getByRole(shadow(el), 'status');
    expect(visibleText(status)).to.contain('A new version of Self-service password is available.');
    const button = getByRole(shadow(el), 'button', { name: 'Reload' }) as HTMLButtonElement;
    const event = oneEvent(el, 'reload-requested');
    button.click();
    await event;
    await el.updateComplete;
    expect(button.disabled, 'no second reload while the first is under way').to.be.true;
  });
});

describe('<forgot-password-view>', () => {
  it('offers to call the Help Desk with a tel: link', async () => {
    const view = await flowFixture<ForgotPasswordView>(html`<forgot-password-view></forgot-password-view>`, { organisation: canadaPost });
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Forgot your password?' })).to.exist;
    const call = getByRole(shadow(view), 'link', { name: 'Call 1-877-411-8585' });
    expect(call.getAttribute('href')).to.equal('tel:18774118585');
  });

  it('offers the methods that prove identity without the password, and says which user ID', async () => {
    const view = await flowFixture<ForgotPasswordView>(html`<forgot-password-view></forgot-password-view>`, {
      userId: '100002',
      methods: ['password', 'questions'],
      organisation: canadaPost,
    });
    expect(visibleText(shadow(view))).to.contain('User ID: 100002');
    expect(queryAllByRole(shadow(view), 'button', { name: 'Use password' })).to.have.length(0);
    const event = oneEvent(view, 'reset-with');
    getByRole(shadow(view), 'button', { name: 'Answer security questions' }).click();
    expect((await event).detail).to.equal('questions');
  });

  it('offers only the Help Desk when no such method is offered', async () => {
    const view = await flowFixture<ForgotPasswordView>(html`<forgot-password-view></forgot-password-view>`, {
      userId: '100002',
      methods: ['password'],
      organisation: canadaPost,
    });
    expect(queryAllByRole(shadow(view), 'button', { name: 'Answer security questions' })).to.have.length(0);
    expect(getByRole(shadow(view), 'link', { name: 'Call 1-877-411-8585' })).to.exist;
  });

  it('fires start-over from "Back to sign-in"', async () => {
    const view = await flowFixture<ForgotPasswordView>(html`<forgot-password-view></forgot-password-view>`, { organisation: canadaPost });
    const event = oneEvent(view, 'start-over');
    getByRole(shadow(view), 'button', { name: 'Back to sign-in' }).click();
    await event;
  });
});
