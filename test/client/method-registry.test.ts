import { expect, html } from '@open-wc/testing';
import { applyLanguage } from '../../client/i18n/language';
import { ROUTES } from '../../client/navigation/route-table';
import { METHODS, resetMethods } from '../../client/views/method-registry';
import '../../client/views/forgot-password-view';
import type { ForgotPasswordView } from '../../client/views/forgot-password-view';
import { METHOD_IDS } from '../../shared/methods';
import { canadaPost, queryAllByRole, resetLanguage, shadow } from './helpers';
import { flowFixture } from './flow-fixture';

describe('the method registry', () => {
  afterEach(resetLanguage);

  it('has an entry for every method id, with names in English and French and a screen that exists', async () => {
    const routes: readonly string[] = ROUTES.map((r) => r.name);
    for (const id of METHOD_IDS) {
      const entry = METHODS[id];
      expect(entry, id).to.exist;
      expect(routes, id).to.include(entry.route);
      if (entry.enrolment) expect(routes, id).to.include(entry.enrolment);
    }
    expect(Object.keys(METHODS)).to.have.members([...METHOD_IDS]);
    const english = METHOD_IDS.map((id) => [METHODS[id].choice(), METHODS[id].inSentence(), METHODS[id].name()]);
    await applyLanguage('fr', { remember: false });
    const french = METHOD_IDS.map((id) => [METHODS[id].choice(), METHODS[id].inSentence(), METHODS[id].name()]);
    expect(french).to.not.deep.equal(english);
    expect(METHODS.password.choice()).to.equal('Utiliser le mot de passe');
  });

  it('only reset-capable methods appear in "Forgot your password?"', async () => {
    const capable = METHOD_IDS.filter((id) => METHODS[id].resetsPassword);
    expect(capable).to.not.include('password');
    expect(resetMethods(METHOD_IDS)).to.deep.equal(capable);
    const view = await flowFixture<ForgotPasswordView>(html`<forgot-password-view></forgot-password-view>`, {
      userId: '100002',
      methods: [...METHOD_IDS],
      organisation: canadaPost,
    });
    const offered = queryAllByRole(shadow(view), 'button')
      .map((b) => b.textContent?.trim())
      .filter((text) => text !== 'Back to sign-in');
    expect(offered).to.deep.equal(capable.map((id) => METHODS[id].choice()));
  });
});
