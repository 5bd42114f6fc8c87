import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../client/components/password-checklist';
import { ANNOUNCE_DELAY_MS, type PasswordChecklist } from '../../client/components/password-checklist';
import { LOOKUP_DELAY_MS } from '../../client/components/common-password-lookup';
import { applyLanguage } from '../../client/i18n/language';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../shared/password-policy';
import {
  getByRole,
  jsonResponse,
  networkFailure,
  queryAllByRole,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
  type RecordedRequest,
} from './helpers';

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** The server's list, answered by k-anonymity range as the real endpoint does. */
function listServer(listed: string[]): RecordedRequest[] {
  const digests = Promise.all(listed.map(sha1));
  return stubFetch(async (request) => {
    const prefix = /\/api\/password\/common-range\/([0-9A-F]{5})$/.exec(new URL(request.url).pathname)?.[1];
    if (!prefix) return jsonResponse(404, { error: 'not_found', message: 'No.' });
    const suffixes = (await digests).filter((d) => d.startsWith(prefix)).map((d) => d.slice(5));
    return jsonResponse(200, { suffixes });
  });
}

async function renderChecklist(policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): Promise<PasswordChecklist> {
  const el = await fixture<PasswordChecklist>(
    html`<password-checklist userId="100001" displayName="Alex Tremblay" .policy=${policy}></password-checklist>`,
  );
  await settled(el);
  return el;
}

async function type(el: PasswordChecklist, password: string): Promise<void> {
  el.password = password;
  await settled(el);
}

/** Each item as a person reads it: "Has 12 to 128 characters, (Not met)". */
function items(el: PasswordChecklist): string[] {
  return queryAllByRole(shadow(el), 'listitem').map((li) => visibleText(li));
}

function item(el: PasswordChecklist, rule: string): string {
  const li = shadow(el).querySelector(`[data-rule="${rule}"]`);
  if (!li) throw new Error(`no item for ${rule}`);
  return visibleText(li);
}

function icon(el: PasswordChecklist, rule: string): string {
  return shadow(el).querySelector(`[data-rule="${rule}"] .icon`)?.textContent ?? '';
}

const lookedUp = () => new Promise((resolve) => setTimeout(resolve, LOOKUP_DELAY_MS + 150));

describe('<password-checklist>', () => {
  afterEach(restoreFetch);
  afterEach(resetLanguage);

  it('is a list named for what it is, one item per rule, each pending in words before anything is typed', async () => {
    const el = await renderChecklist();
    const list = getByRole(shadow(el), 'list', { name: 'Requirements for your new password' });
    expect(list).to.exist;
    expect(items(el)).to.deep.equal([
      'Has 12 to 128 characters, (Not checked yet)',
      'Does not contain your user ID, (Not checked yet)',
      'Does not contain your name, (Not checked yet)',
      'Is not a common password, or one exposed in a data breach, (Not checked yet)',
      'Is not one of your last 5 passwords, (Not checked yet)',
    ]);
    expect(item(el, 'match'), 'the confirmation, under the list').to.equal('The two passwords match, (Not checked yet)');
    // The icons repeat the words for the eye; screen readers get the words only.
    for (const icon of shadow(el).querySelectorAll('.icon')) {
      expect(icon.getAttribute('aria-hidden')).to.equal('true');
      expect(icon.textContent, 'pending is not shown as failed').to.equal('–');
    }
  });

  it('goes back to pending when the password is cleared', async () => {
    listServer([]);
    const el = await renderChecklist();
    await type(el, 'tremblay');
    expect(item(el, 'length')).to.contain('(Not met)');
    await type(el, '');
    expect(item(el, 'length')).to.contain('(Not checked yet)');
    expect(item(el, 'no-user-id')).to.contain('(Not checked yet)');
    expect(icon(el, 'length')).to.equal('–');
  });

  it('says whether the confirmation matches, pending until it is typed', async () => {
    listServer([]);
    const el = await renderChecklist();
    await type(el, 'purple elephants dance');
    expect(item(el, 'match')).to.equal('The two passwords match, (Not checked yet)');
    expect(icon(el, 'match')).to.equal('–');

    el.confirmation = 'purple elephants';
    await settled(el);
    expect(item(el, 'match')).to.equal('The two passwords match, (Not met)');
    expect(icon(el, 'match')).to.equal('✗');

    el.confirmation = 'purple elephants dance';
    await settled(el);
    expect(item(el, 'match')).to.equal('The two passwords match, (Met)');
    expect(icon(el, 'match')).to.equal('✓');

    await type(el, 'purple elephants dance!');
    expect(item(el, 'match'), 'follows the new password too').to.contain('(Not met)');
  });

  it('announces nothing before typing', async () => {
    const el = await renderChecklist();
    const status = getByRole(shadow(el), 'status', { hidden: true });
    await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_DELAY_MS + 200));
    expect(visibleText(status), 'pending rules are not announced').to.equal('');
  });

  it('announces the match once the confirmation is typed', async () => {
    listServer([]);
    const el = await renderChecklist();
    const status = getByRole(shadow(el), 'status', { hidden: true });
    await type(el, 'purple elephants dance');
    el.confirmation = 'purple elephants dance';
    await settled(el);
    await waitUntil(() => visibleText(status) !== '', 'announced after a pause', { timeout: ANNOUNCE_DELAY_MS + 2000 });
    expect(visibleText(status)).to.equal('All 4 requirements are met. The two passwords match.');

    el.confirmation = 'purple elephants';
    await settled(el);
    await waitUntil(() => visibleText(status).includes('do not match'), 'a mismatch is announced after the next pause', {
      timeout: ANNOUNCE_DELAY_MS + 2000,
    });
    expect(visibleText(status)).to.equal('All 4 requirements are met. The two passwords do not match.');
  });

  it('reacts as the password grows: length, user ID and name, each in words', async () => {
    listServer([]);
    const el = await renderChecklist();
    await type(el, 'tremblay');
    expect(item(el, 'length')).to.contain('Not met');
    expect(item(el, 'no-user-id')).to.contain('Met');
    expect(item(el, 'no-name')).to.contain('(Not met)');
    expect(item(el, 'not-common')).to.contain('Checked once the length is met');
    expect(item(el, 'not-recent')).to.contain('Checked when you save');

    await type(el, 'purple elephants 100001');
    expect(item(el, 'length')).to.contain('(Met)');
    expect(item(el, 'no-user-id')).to.contain('(Not met)');
    expect(item(el, 'no-name')).to.contain('(Met)');

    await type(el, 'purple elephants dance');
    expect(item(el, 'no-user-id')).to.contain('(Met)');
    expect(icon(el, 'length')).to.equal('✓');
  });

  it('looks the password up by k-anonymity range: only 5 hex digits of its SHA-1 leave the page', async () => {
    const requests = listServer(['password1234']);
    const el = await renderChecklist();
    await type(el, 'Password1234');
    expect(item(el, 'not-common')).to.contain('Checking…');
    await waitUntil(() => item(el, 'not-common').includes('Not met'), 'the common password is found');
    expect(requests).to.have.length(1);
    const digest = await sha1('password1234');
    expect(new URL(requests[0]!.url).pathname).to.equal(`/api/password/common-range/${digest.slice(0, 5)}`);
    expect(requests[0]!.method).to.equal('GET');
    expect(requests[0]!.url.toLowerCase()).not.to.contain('password1234');
    expect(requests[0]!.url).not.to.contain(digest.slice(5));

    await type(el, 'purple elephants dance');
    await waitUntil(() => item(el, 'not-common').includes('(Met)'), 'a rare password passes');
  });

  it('waits for a pause in typing, and asks each range once', async () => {
    const requests = listServer([]);
    const el = await renderChecklist();
    for (const partial of ['purple eleph', 'purple elepha', 'purple elephan', 'purple elephant']) await type(el, partial);
    await lookedUp();
    await settled(el);
    expect(requests, 'one request for four keystrokes').to.have.length(1);
    expect(item(el, 'not-common')).to.contain('(Met)');

    await type(el, 'purple elephants');
    await lookedUp();
    await type(el, 'purple elephant');
    await lookedUp();
    await settled(el);
    const prefixes = requests.map((r) => new URL(r.url).pathname.split('/').pop());
    expect(new Set(prefixes).size, 'a range already fetched is not asked again').to.equal(prefixes.length);
    expect(item(el, 'not-common')).to.contain('(Met)');
  });

  it('offline, the list is checked when the password is saved', async () => {
    stubFetch(networkFailure);
    const el = await renderChecklist();
    await type(el, 'purple elephants dance');
    await waitUntil(() => item(el, 'not-common').includes('Checked when you save'), 'falls back to the server');
    expect(icon(el, 'not-common')).to.equal('○');
  });

  it('says how many requirements are met once typing pauses, not at each keystroke', async () => {
    listServer([]);
    const el = await renderChecklist();
    const status = getByRole(shadow(el), 'status', { hidden: true });
    await type(el, 'purple');
    await type(el, 'purple elephants');
    expect(visibleText(status), 'nothing announced while typing').to.equal('');
    await waitUntil(() => visibleText(status) !== '', 'announced after a pause', { timeout: ANNOUNCE_DELAY_MS + 2000 });
    expect(visibleText(status)).to.equal('All 4 requirements are met.');

    await type(el, 'tremblay');
    expect(visibleText(status), 'the old count is not repeated').to.equal('All 4 requirements are met.');
    await waitUntil(() => visibleText(status) !== 'All 4 requirements are met.', 'updated after the next pause', {
      timeout: ANNOUNCE_DELAY_MS + 2000,
    });
    expect(visibleText(status)).to.equal('1 of 4 requirements is met.');
  });

  it("shows the composition rules a directory demands, and the policy's lengths", async () => {
    const el = await renderChecklist({ minLength: 14, maxLength: 64, require: ['upper', 'digit', 'symbol'], historySize: 1 });
    await type(el, 'purple');
    expect(items(el).map((text) => text.replace(/, \(.*\)$/, ''))).to.deep.equal([
      'Has 14 to 64 characters',
      'Does not contain your user ID',
      'Does not contain your name',
      'Is not a common password, or one exposed in a data breach',
      'Is not your current password',
      'Contains an uppercase letter',
      'Contains a digit',
      'Contains a symbol, such as ! or #',
    ]);
    await type(el, 'Purple #9');
    expect(item(el, 'upper')).to.contain('(Met)');
    expect(item(el, 'digit')).to.contain('(Met)');
    expect(item(el, 'symbol')).to.contain('(Met)');
  });

  it('speaks French', async () => {
    listServer([]);
    await applyLanguage('fr', { remember: false });
    const el = await renderChecklist();
    await type(el, 'Tremblay');
    expect(getByRole(shadow(el), 'list', { name: 'Exigences relatives à votre nouveau mot de passe' })).to.exist;
    expect(item(el, 'length')).to.contain('Comporte de 12 à 128 caractères');
    expect(item(el, 'length')).to.contain('(Non respectée)');
    expect(item(el, 'no-user-id')).to.contain('(Respectée)');
    expect(item(el, 'not-recent')).to.contain("Vérifiée à l'enregistrement");
  });

  it('speaks French before typing and for the match', async () => {
    listServer([]);
    await applyLanguage('fr', { remember: false });
    const el = await renderChecklist();
    expect(item(el, 'length')).to.contain('(Pas encore vérifiée)');
    expect(item(el, 'match')).to.equal('Les deux mots de passe sont identiques, (Pas encore vérifiée)');
    await type(el, 'mauve lanterne du soir');
    el.confirmation = 'mauve lanterne du soir';
    await settled(el);
    expect(item(el, 'match')).to.equal('Les deux mots de passe sont identiques, (Respectée)');
  });
});
