import { expect, html, waitUntil } from '@open-wc/testing';
import { applyLanguage } from '../../client/i18n/language';
import '../../client/views/accounts-view';
import type { AccountsView } from '../../client/views/accounts-view';
import type { LinkedAccounts } from '../../client/components/linked-accounts';
import type { AccountsResponse } from '../../shared/account-schemas';
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

const targets = [
  { id: 'payroll', name: { en: 'Payroll (SAP)', fr: 'Paie (SAP)' } },
  { id: 'email', name: { en: 'Email (Exchange)', fr: 'Courriel (Exchange)' } },
];
const at = '2026-12-02T14:05:00.000Z';
const failedEmail: AccountsResponse = {
  targets,
  accounts: [
    { id: 'l1', targetId: 'payroll', account: '100001', linkedHow: 'found', sync: { status: 'done', reason: null, at } },
    { id: 'l2', targetId: 'email', account: 'atremblay', linkedHow: 'attached', sync: { status: 'failed', reason: 'too_short', at } },
  ],
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function render(): Promise<AccountsView> {
  const view = await flowFixture<AccountsView>(html`<accounts-view></accounts-view>`, { organisation: canadaPost });
  await tick();
  await tick();
  await settled(view);
  return view;
}

const linked = (view: AccountsView) => shadow(view).querySelector('linked-accounts') as LinkedAccounts;

describe('<accounts-view> and <linked-accounts>', () => {
  afterEach(async () => {
    restoreFetch();
    await resetLanguage();
  });

  it('a failed account says why in words, naming the system, and is tried again with the current password', async () => {
    let retried = false;
    const requests = stubFetch((request) => {
      if (request.url.endsWith('/retry')) {
        retried = true;
        return request.body && (request.body as { password: string }).password === 'right one'
          ? new Response(null, { status: 204 })
          : jsonResponse(401, { error: 'invalid_credentials', message: 'The password is incorrect.' });
      }
      return jsonResponse(200, failedEmail);
    });
    const view = await render();
    const list = linked(view);
    const text = visibleText(shadow(list));
    expect(text).to.contain('Email (Exchange) refused the new password: it is too short for that system.');
    expect(text).to.contain('Attached by you');
    expect(text).to.contain('Found with your user ID');
    // Only the failed one offers a new try; only the attached one can be detached.
    expect(() => getByRole(shadow(list), 'button', { name: 'Try again: 100001 on Payroll (SAP)' })).to.throw();
    getByRole(shadow(list), 'button', { name: 'Try again: atremblay on Email (Exchange)' }).click();
    await settled(list);
    const password = getByLabelText(shadow(list), 'Current password');
    password.value = 'wrong one';
    password.dispatchEvent(new InputEvent('input'));
    getByRole(shadow(list), 'button', { name: 'Send again' }).click();
    await waitUntil(() => shadow(list).querySelector('.field-error'), 'the wrong password is said');
    expect(retried).to.equal(true);
    expect(visibleText(shadow(list))).to.contain('incorrect');
    expect(getByLabelText(shadow(list), 'Current password').value).to.equal('', 'a wrong password is not kept in the field');

    const field = getByLabelText(shadow(list), 'Current password');
    field.value = 'right one';
    field.dispatchEvent(new InputEvent('input'));
    getByRole(shadow(list), 'button', { name: 'Send again' }).click();
    await waitUntil(() => !shadow(list).querySelector('form'), 'the form closes once the new try is queued');
    await waitUntil(() => requests.at(-1)?.url.endsWith('/api/accounts/status'));
    const retry = requests.filter((r) => r.url.endsWith('/api/accounts/l2/retry'));
    expect(retry.at(-1)?.body).to.deep.equal({ password: 'right one' });
    expect(requests.at(-1)?.url).to.match(/\/api\/accounts\/status$/, 'the list is read again after the new try');
  });

  it('in French: the reason and the table in French', async () => {
    stubFetch(() => jsonResponse(200, failedEmail));
    await applyLanguage('fr', { remember: false });
    const view = await render();
    expect(visibleText(shadow(linked(view)))).to.contain('Courriel (Exchange) a refusé le nouveau mot de passe');
    expect(getByRole(shadow(view), 'columnheader', { name: 'Système cible' })).to.exist;
    expect(getByRole(shadow(view), 'button', { name: 'Joindre' })).to.exist;
  });

  it('a row started but not finished is named in the error summary; empty rows are left out', async () => {
    const requests = stubFetch(() => jsonResponse(200, failedEmail));
    const view = await render();
    const account = getByLabelText(shadow(view), 'Account, row 2');
    account.value = 'atremblay';
    account.dispatchEvent(new InputEvent('input'));
    getByRole(shadow(view), 'button', { name: 'Attach' }).click();
    await settled(view);
    const { root } = errorSummaryOf(view);
    const summary = visibleText(root);
    expect(summary).to.contain('Row 2: choose the target system.');
    expect(summary).to.contain('Row 2: enter the password.');
    expect(summary).not.to.contain('Row 1');
    expect(requests.some((r) => r.url.endsWith('/attach'))).to.equal(false, 'nothing is sent');
  });
});
