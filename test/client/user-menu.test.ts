import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../client/components/user-menu';
import type { UserMenu } from '../../client/components/user-menu';
import { deepActiveElement, getByRole, queryByRole, shadow } from './helpers';

const NAME = 'Marie Tremblay';

async function renderMenu(): Promise<{ menu: UserMenu; outside: HTMLElement }> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="padding: 1rem">
      <user-menu name=${NAME}></user-menu>
      <p id="outside" style="margin-top: 8rem">Elsewhere on the page</p>
    </div>`,
  );
  const menu = wrapper.querySelector('user-menu')!;
  await menu.updateComplete;
  return { menu, outside: wrapper.querySelector<HTMLElement>('#outside')! };
}

function nameButton(menu: UserMenu): HTMLElement {
  return getByRole(shadow(menu), 'button', { name: NAME });
}

/** A real mouse click in the middle of the element. */
async function clickWithMouse(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

describe('<user-menu>', () => {
  afterEach(() => resetMouse());

  it("is a menu button named with the employee's name, closed at first", async () => {
    const { menu } = await renderMenu();
    const button = nameButton(menu);
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(queryByRole(shadow(menu), 'menu')).to.be.null;
    expect(queryByRole(shadow(menu), 'menuitem', { name: 'Log out' })).to.be.null;
  });

  it('opens a menu with "Log out" on a click', async () => {
    const { menu } = await renderMenu();
    const button = nameButton(menu);
    await clickWithMouse(button);
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const list = getByRole(shadow(menu), 'menu');
    expect(button.getAttribute('aria-controls')).to.equal(list.id);
    expect(getByRole(list, 'menuitem', { name: 'Log out' })).to.exist;
  });

  it('opens and focuses "Log out" with ArrowDown on the button', async () => {
    const { menu } = await renderMenu();
    const button = nameButton(menu);
    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const item = getByRole(shadow(menu), 'menuitem', { name: 'Log out' });
    expect(deepActiveElement()).to.equal(item);
  });

  it('opens and focuses "Log out" with Enter on the button', async () => {
    const { menu } = await renderMenu();
    nameButton(menu).focus();
    await sendKeys({ press: 'Enter' });
    await menu.updateComplete;
    await menu.updateComplete;
    expect(deepActiveElement()).to.equal(getByRole(shadow(menu), 'menuitem', { name: 'Log out' }));
  });

  it('opens and focuses "Log out" with Space on the button', async () => {
    const { menu } = await renderMenu();
    nameButton(menu).focus();
    await sendKeys({ press: 'Space' });
    await menu.updateComplete;
    await menu.updateComplete;
    expect(deepActiveElement()).to.equal(getByRole(shadow(menu), 'menuitem', { name: 'Log out' }));
  });

  it('chooses "Log out" from the keyboard with Enter', async () => {
    const { menu } = await renderMenu();
    nameButton(menu).focus();
    await sendKeys({ press: 'ArrowDown' });
    await menu.updateComplete;
    const event = oneEvent(menu, 'log-out');
    await sendKeys({ press: 'Enter' });
    await event;
  });

  it('closes when Tab moves focus out of the menu', async () => {
    const { menu } = await renderMenu();
    const button = nameButton(menu);
    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await menu.updateComplete;
    await sendKeys({ press: 'Tab' });
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  it('closes with Escape and returns focus to the button', async () => {
    const { menu } = await renderMenu();
    const button = nameButton(menu);
    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await menu.updateComplete;
    await sendKeys({ press: 'Escape' });
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(queryByRole(shadow(menu), 'menuitem', { name: 'Log out' })).to.be.null;
    expect(deepActiveElement()).to.equal(button);
  });

  it('closes with Escape after opening with the mouse, focus staying on the button', async () => {
    const { menu } = await renderMenu();
    const button = nameButton(menu);
    await clickWithMouse(button);
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActiveElement(), 'a click focuses the button').to.equal(button);
    await sendKeys({ press: 'Escape' });
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded'), 'Escape closes the open menu').to.equal('false');
    expect(queryByRole(shadow(menu), 'menu')).to.be.null;
    expect(deepActiveElement()).to.equal(button);
  });

  it('closes on a click elsewhere on the page', async () => {
    const { menu, outside } = await renderMenu();
    const button = nameButton(menu);
    await clickWithMouse(button);
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await clickWithMouse(outside);
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(queryByRole(shadow(menu), 'menu')).to.be.null;
  });

  it('closes when the button is clicked again', async () => {
    const { menu } = await renderMenu();
    const button = nameButton(menu);
    await clickWithMouse(button);
    await menu.updateComplete;
    await clickWithMouse(button);
    await menu.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  it('fires log-out when "Log out" is chosen, and closes', async () => {
    const { menu } = await renderMenu();
    await clickWithMouse(nameButton(menu));
    await menu.updateComplete;
    const event = oneEvent(menu, 'log-out');
    await clickWithMouse(getByRole(shadow(menu), 'menuitem', { name: 'Log out' }));
    const { bubbles, composed } = await event;
    expect(bubbles && composed, 'reaches the app through shadow roots').to.be.true;
    await menu.updateComplete;
    expect(nameButton(menu).getAttribute('aria-expanded')).to.equal('false');
  });
});
