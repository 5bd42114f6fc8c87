import { expect, html, oneEvent } from '@open-wc/testing';
import { applyLanguage } from '../../client/i18n/language';
import '../../client/views/activity-view';
import type { ActivityView } from '../../client/views/activity-view';
import { canadaPost, getByRole, jsonResponse, resetLanguage, restoreFetch, settled, shadow, stubFetch, visibleText } from './helpers';
import { flowFixture } from './flow-fixture';

const events = [
  { at: '2026-11-26T14:05:00.000Z', type: 'sign_in', outcome: 'success', method: 'password', ip: '203.0.113.7' },
  { at: '2026-11-26T14:04:00.000Z', type: 'lockout', outcome: 'locked', method: 'password', ip: '198.51.100.9' },
  { at: '2026-11-26T14:03:00.000Z', type: 'sign_in', outcome: 'failure', method: 'password', ip: '198.51.100.9' },
  { at: '2026-11-25T09:00:00.000Z', type: 'questions_enrolled', outcome: 'success', method: null, ip: '203.0.113.7' },
];

async function render(): Promise<ActivityView> {
  const view = await flowFixture<ActivityView>(html`<activity-view></activity-view>`, { organisation: canadaPost });
  await new Promise((resolve) => setTimeout(resolve, 0));
  await settled(view);
  return view;
}

describe('<activity-view>', () => {
  afterEach(async () => {
    restoreFetch();
    await resetLanguage();
  });

  it('lists each event in plain words with its time and address, newest first', async () => {
    const requests = stubFetch(() => jsonResponse(200, { events }));
    const view = await render();
    expect(requests[0]?.url).to.match(/\/api\/profile\/activity$/);
    const items = Array.from(shadow(view).querySelectorAll('li')).map((li) => visibleText(li));
    expect(items).to.have.length(4);
    expect(items[0]).to.contain('Signed in (password)').and.contain('from 203.0.113.7');
    expect(items[1]).to.contain('Sign-in with password locked after repeated failures');
    expect(items[2]).to.contain('Failed sign-in attempt (password)');
    expect(items[3]).to.contain('Security questions saved');
    expect(items[0]).to.match(/Nov(\.|ember)? 26, 2026/);
  });

  it('speaks French, with French dates', async () => {
    stubFetch(() => jsonResponse(200, { events }));
    await applyLanguage('fr', { remember: false });
    const view = await render();
    const text = visibleText(shadow(view));
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Activité récente' })).to.exist;
    expect(text).to.contain('Ouverture de session (mot de passe)');
    expect(text).to.match(/26 nov\.? 2026/);
  });

  it('names the browser and system of each event, and marks this session', async () => {
    const sources = [
      { browser: 'Chrome', system: 'Android', thisSession: true },
      { browser: 'Firefox', system: 'Windows', thisSession: false },
      { browser: null, system: 'Linux', thisSession: false },
      { browser: null, system: null, thisSession: false },
    ];
    stubFetch(() => jsonResponse(200, { events, sources }));
    const view = await render();
    const items = Array.from(shadow(view).querySelectorAll('li')).map((li) => visibleText(li));
    expect(items[0]).to.contain('This session').and.contain('Chrome on Android');
    expect(items[1]).to.contain('Firefox on Windows').and.not.contain('This session');
    expect(items[2]).to.contain('Linux').and.not.contain(' on ');
    expect(items.filter((text) => text.includes('This session'))).to.have.length(1);

    await applyLanguage('fr', { remember: false });
    await settled(view);
    const french = Array.from(shadow(view).querySelectorAll('li')).map((li) => visibleText(li));
    expect(french[0]).to.contain('Cette session').and.contain('Chrome sur Android');
  });

  it('says so when there is nothing yet', async () => {
    stubFetch(() => jsonResponse(200, { events: [] }));
    const view = await render();
    expect(visibleText(shadow(view))).to.contain('Nothing yet.');
  });

  it('shows an error when the list cannot be fetched', async () => {
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const view = await render();
    expect(visibleText(shadow(view))).to.contain('You are offline.');
  });

  it('goes back to My Profile', async () => {
    stubFetch(() => jsonResponse(200, { events }));
    const view = await render();
    const back = oneEvent(view, 'back-to-profile');
    getByRole(shadow(view), 'button', { name: 'Back to My Profile' }).click();
    await back;
  });
});
