import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../client/components/error-summary';
import type { ErrorSummary } from '../../client/components/error-summary';
import { getByRole, queryAllByRole, shadow, visibleText } from './helpers';

describe('<error-summary>', () => {
  it('lists each error under "There is a problem", in an alert', async () => {
    const el = await fixture<ErrorSummary>(
      html`<error-summary .errors=${[{ text: 'Enter your user ID.', fieldId: 'user-id' }, { text: 'You are offline.' }]}></error-summary>`,
    );
    const root = shadow(el);
    const alert = getByRole(root, 'alert');
    expect(getByRole(alert, 'heading', { name: 'There is a problem' })).to.exist;
    const items = queryAllByRole(alert, 'listitem').map((li) => visibleText(li));
    expect(items).to.deep.equal(['Enter your user ID.', 'You are offline.']);
  });

  it('makes an error about a field a link that fires focus-field with the field id', async () => {
    const el = await fixture<ErrorSummary>(
      html`<error-summary .errors=${[{ text: 'Enter your password.', fieldId: 'password' }]}></error-summary>`,
    );
    const link = getByRole(shadow(el), 'link', { name: 'Enter your password.' });
    expect(link.getAttribute('href')).to.equal('#password');
    const event = oneEvent(el, 'focus-field');
    link.click();
    const { detail, composed, bubbles } = await event;
    expect(detail).to.equal('password');
    expect(bubbles, 'bubbles out of the summary').to.be.true;
    expect(composed, 'crosses the shadow boundary to the view').to.be.true;
    expect(location.hash, 'the page does not jump').to.equal('');
  });

  it('shows an error without a field as plain text, not a link', async () => {
    const el = await fixture<ErrorSummary>(html`<error-summary .errors=${[{ text: 'You are offline.' }]}></error-summary>`);
    expect(queryAllByRole(shadow(el), 'link')).to.have.length(0);
    expect(visibleText(getByRole(shadow(el), 'alert'))).to.contain('You are offline.');
  });

  it('renders no visible box when there is no error, keeping the alert region for later', async () => {
    const el = await fixture<ErrorSummary>(html`<error-summary .errors=${[]}></error-summary>`);
    const alert = getByRole(shadow(el), 'alert', { hidden: true });
    expect(visibleText(alert)).to.equal('');
    expect(alert.getBoundingClientRect().height).to.equal(0);
    expect(getComputedStyle(alert).borderTopStyle).to.equal('none');
  });

  it('appears when errors arrive after the first render', async () => {
    const el = await fixture<ErrorSummary>(html`<error-summary></error-summary>`);
    el.errors = [{ text: 'Enter your user ID.', fieldId: 'user-id' }];
    await el.updateComplete;
    const alert = getByRole(shadow(el), 'alert');
    expect(alert.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(getByRole(alert, 'link', { name: 'Enter your user ID.' })).to.exist;
  });
});
