import { expect, html, oneEvent } from '@open-wc/testing';
import '../../client/views/methods-view';
import type { MethodsView } from '../../client/views/methods-view';
import { getByRole, queryAllByRole, shadow, visibleText } from './helpers';
import { flowFixture } from './flow-fixture';

describe('<methods-view>', () => {
  it('shows the user ID and one button per method', async () => {
    const view = await flowFixture<MethodsView>(html`<methods-view></methods-view>`, { userId: '100001', methods: ['password'] });
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Authentication methods' })).to.exist;
    expect(visibleText(shadow(view))).to.contain('User ID: 100001');
    const list = getByRole(shadow(view), 'list');
    const choices = queryAllByRole(list, 'button');
    expect(choices.map((b) => visibleText(b))).to.deep.equal(['Use password']);
  });

  it('offers no method button when the server offers none', async () => {
    const view = await flowFixture<MethodsView>(html`<methods-view></methods-view>`, { userId: '100001', methods: [] });
    expect(queryAllByRole(shadow(view), 'button', { name: 'Use password' })).to.have.length(0);
  });

  it('fires method-chosen with \'password\' from "Use password"', async () => {
    const view = await flowFixture<MethodsView>(html`<methods-view></methods-view>`, { userId: '100001', methods: ['password'] });
    const event = oneEvent(view, 'method-chosen');
    getByRole(shadow(view), 'button', { name: 'Use password' }).click();
    const { detail, bubbles, composed } = await event;
    expect(detail).to.equal('password');
    expect(bubbles && composed).to.be.true;
  });

  it('fires start-over from "Not you? Use another user ID"', async () => {
    const view = await flowFixture<MethodsView>(html`<methods-view></methods-view>`, { userId: '100001', methods: ['password'] });
    const event = oneEvent(view, 'start-over');
    getByRole(shadow(view), 'button', { name: 'Not you? Use another user ID' }).click();
    await event;
  });

  it('moves focus to its heading when the app opens it', async () => {
    const view = await flowFixture<MethodsView>(html`<methods-view></methods-view>`, { userId: '100001', methods: ['password'] });
    await view.focusHeading();
    expect(shadow(view).activeElement).to.equal(getByRole(shadow(view), 'heading', { level: 1 }));
  });
});
