import { expect, fixture, html } from '@open-wc/testing';
import '../../client/components/help-desk-line';
import type { HelpDeskLine } from '../../client/components/help-desk-line';
import { applyLanguage } from '../../client/i18n/language';
import { canadaPost, getByRole, queryAllByRole, resetLanguage, shadow, visibleText } from './helpers';

describe('<help-desk-line>', () => {
  afterEach(resetLanguage);

  it("names the organisation's Help Desk and its number", async () => {
    const el = await fixture<HelpDeskLine>(html`<help-desk-line .organisation=${canadaPost}></help-desk-line>`);
    expect(visibleText(shadow(el))).to.equal(
      'If you experience any login difficulties, please contact the Canada Post Help Desk at 1-877-411-8585.',
    );
  });

  it('makes the number a tel: link that phones can dial', async () => {
    const el = await fixture<HelpDeskLine>(html`<help-desk-line .organisation=${canadaPost}></help-desk-line>`);
    const link = getByRole(shadow(el), 'link', { name: '1-877-411-8585' });
    expect(link.getAttribute('href')).to.equal('tel:18774118585');
  });

  it('keeps a leading + in international numbers', async () => {
    const org = { ...canadaPost, helpDeskPhone: '+1 (613) 555-0100' };
    const el = await fixture<HelpDeskLine>(html`<help-desk-line .organisation=${org}></help-desk-line>`);
    expect(getByRole(shadow(el), 'link', { name: '+1 (613) 555-0100' }).getAttribute('href')).to.equal('tel:+16135550100');
  });

  it('says a generic sentence, without a link, before the organisation is known', async () => {
    const el = await fixture<HelpDeskLine>(html`<help-desk-line></help-desk-line>`);
    expect(visibleText(shadow(el))).to.equal('If you experience any login difficulties, please contact the Help Desk.');
    expect(queryAllByRole(shadow(el), 'link')).to.have.length(0);
  });

  it("uses the organisation's French name on French pages", async () => {
    const el = await fixture<HelpDeskLine>(html`<help-desk-line .organisation=${canadaPost}></help-desk-line>`);
    await applyLanguage('fr', { remember: false });
    await el.updateComplete;
    const text = visibleText(shadow(el));
    expect(text).to.contain('Postes Canada');
    expect(text).not.to.contain('Canada Post');
    expect(getByRole(shadow(el), 'link', { name: '1-877-411-8585' }).getAttribute('href')).to.equal('tel:18774118585');
  });
});
