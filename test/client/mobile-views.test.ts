import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/views/approve-view';
import type { ApproveView } from '../../client/views/approve-view';
import { announcesAt } from '../../client/views/mobile-wait-view';
import { applyLanguage } from '../../client/i18n/language';
import {
  canadaPost,
  errorSummaryOf,
  getByLabelText,
  getByRole,
  jsonResponse,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
} from './helpers';
import { flowFixture } from './flow-fixture';

const REQUEST = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  createdAt: '2026-11-26T14:05:00.000Z',
  expiresAt: '2026-11-26T14:07:00.000Z',
  secondsLeft: 100,
  browser: 'Chrome',
  system: 'Windows',
  ip: '203.0.113.7',
  status: 'pending',
};

async function renderApproval(): Promise<ApproveView> {
  const view = await flowFixture<ApproveView>(html`<approve-view .requestId=${REQUEST.id}></approve-view>`, { organisation: canadaPost });
  await waitUntil(() => shadow(view).querySelector('#number'), 'the form shows');
  await settled(view);
  return view;
}

describe('the mobile device screens', () => {
  afterEach(async () => {
    restoreFetch();
    await resetLanguage();
  });

  it('the waiting screen announces the countdown every 30 seconds, then each of the last 10', () => {
    const announced = Array.from({ length: 121 }, (_, i) => 120 - i).filter(announcesAt);
    expect(announced).to.deep.equal([120, 90, 60, 30, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('the approval screen says when and from where, asks for the number on a numeric keypad, and fetches the options before the tap', async () => {
    const requests = stubFetch((request) =>
      request.url.endsWith('/options')
        ? jsonResponse(200, { options: { challenge: 'c'.repeat(43), allowCredentials: [] } })
        : jsonResponse(200, { request: REQUEST }),
    );
    const view = await renderApproval();
    const root = shadow(view);
    expect(visibleText(root)).to.contain('Chrome on Windows');
    expect(visibleText(root)).to.contain('203.0.113.7');
    const field = getByLabelText(root, 'Number shown on the other screen') as HTMLInputElement;
    expect(field.inputMode).to.equal('numeric');
    expect(getByRole(root, 'button', { name: 'Approve' })).to.exist;
    expect(getByRole(root, 'button', { name: "It wasn't me" })).to.exist;
    await waitUntil(() => requests.some((r) => r.url.endsWith('/options')), 'options fetched on arrival');

    getByRole(root, 'button', { name: 'Approve' }).click();
    await settled(view);
    expect(visibleText(errorSummaryOf(view).alert)).to.contain('Enter the two-digit number shown on the other screen.');
  });

  it('in French', async () => {
    await applyLanguage('fr', { remember: false });
    stubFetch((request) =>
      request.url.endsWith('/options')
        ? jsonResponse(200, { options: { challenge: 'c'.repeat(43) } })
        : jsonResponse(200, { request: REQUEST }),
    );
    const view = await renderApproval();
    const root = shadow(view);
    expect(getByRole(root, 'heading', { name: 'Approuver la connexion' })).to.exist;
    expect(getByLabelText(root, "Numéro affiché sur l'autre écran")).to.exist;
    expect(getByRole(root, 'button', { name: 'Approuver' })).to.exist;
    expect(getByRole(root, 'button', { name: "Ce n'était pas moi" })).to.exist;
  });
});
