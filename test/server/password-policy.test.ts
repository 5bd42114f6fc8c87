/**
 * The shared password policy, rule by rule. The same module runs in the browser; these tests
 * pin down what both sides decide.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applicableRules,
  commonListKey,
  DEFAULT_PASSWORD_POLICY,
  evaluatePassword,
  failedRules,
  isAcceptable,
  nameParts,
  passwordLength,
  type LookupAnswer,
  type PasswordLookups,
  type PasswordPolicy,
  type PasswordRuleId,
  type RuleStatus,
} from '../../shared/password-policy';

const alex = { userId: '100001', displayName: 'Alex Tremblay' };
const policy = DEFAULT_PASSWORD_POLICY;
const notListed: PasswordLookups = { isCommon: () => false, isRecent: () => false };

function statusOf(
  rule: PasswordRuleId,
  candidate: string,
  options: { p?: PasswordPolicy; lookups?: PasswordLookups; context?: typeof alex } = {},
): RuleStatus | undefined {
  const results = evaluatePassword(candidate, options.context ?? alex, options.p ?? policy, options.lookups ?? notListed);
  return results.find((r) => r.rule === rule)?.status;
}

describe('password policy: defaults (NIST SP 800-63B)', () => {
  test('12 to 128 characters, no composition rules, a history of 5', () => {
    assert.deepEqual(DEFAULT_PASSWORD_POLICY, { minLength: 12, maxLength: 128, require: [], historySize: 5 });
    assert.deepEqual(applicableRules(policy), ['length', 'no-user-id', 'no-name', 'not-common', 'not-recent']);
  });

  test('a long passphrase passes every rule', () => {
    const results = evaluatePassword('purple elephants dance quietly', alex, policy, notListed);
    assert.ok(isAcceptable(results), JSON.stringify(results));
    assert.deepEqual(failedRules(results), []);
  });

  test('an empty candidate meets no rule (no ticks before anything is typed)', () => {
    const results = evaluatePassword('', alex, policy, notListed);
    assert.ok(results.every((r) => r.status === 'unmet'));
    assert.equal(results.length, 5);
  });
});

describe('password policy: length', () => {
  test('11 characters are too few, 12 enough, 128 the most, 129 too many', () => {
    assert.equal(statusOf('length', 'a'.repeat(11) + '!'), 'met');
    assert.equal(statusOf('length', 'abcdefghijk'), 'unmet');
    assert.equal(statusOf('length', 'x'.repeat(128)), 'met');
    assert.equal(statusOf('length', 'x'.repeat(129)), 'unmet');
  });

  test('characters are counted as code points: an emoji or an accented letter is one', () => {
    assert.equal(passwordLength('😀😀😀'), 3);
    assert.equal('😀'.repeat(12).length, 24, 'UTF-16 would count twice as many');
    assert.equal(statusOf('length', '😀'.repeat(12)), 'met');
    assert.equal(statusOf('length', '😀'.repeat(11)), 'unmet');
    assert.equal(statusOf('length', '😀'.repeat(128)), 'met', '256 UTF-16 units, 128 characters');
    assert.equal(statusOf('length', 'é'.repeat(12)), 'met');
  });

  test('the bounds come from the policy', () => {
    const p = { ...policy, minLength: 8, maxLength: 10 };
    assert.equal(statusOf('length', 'abcdefgh', { p }), 'met');
    assert.equal(statusOf('length', 'abcdefghijk', { p }), 'unmet');
  });
});

describe('password policy: not the user ID', () => {
  test('a password containing the user ID is refused, wherever it appears', () => {
    assert.equal(statusOf('no-user-id', 'my id is 100001 ok'), 'unmet');
    assert.equal(statusOf('no-user-id', '100001100001'), 'unmet');
    assert.equal(statusOf('no-user-id', 'my id is 10000 1 ok'), 'met');
  });

  test('case-insensitive, and full-width digits count as digits', () => {
    const context = { userId: 'jdoe42', displayName: 'Jane Doe' };
    assert.equal(statusOf('no-user-id', 'hello JDOE42 world', { context }), 'unmet');
    assert.equal(statusOf('no-user-id', 'hello ｊｄｏｅ４２ world', { context }), 'unmet');
  });

  test('a user ID of one or two characters only forbids itself as the whole password', () => {
    const context = { userId: 'ab', displayName: 'Zed Q' };
    assert.equal(statusOf('no-user-id', 'a table by the bay', { context }), 'met');
    assert.equal(statusOf('no-user-id', 'AB', { context, p: { ...policy, minLength: 8 } }), 'unmet');
  });
});

describe('password policy: not the name', () => {
  test('each part of 3 letters or more, folded: case, accents, hyphens', () => {
    assert.deepEqual(nameParts('Marie-Ève Côté'), ['marie', 'eve', 'cote']);
    assert.deepEqual(nameParts('Li Wu de Souza'), ['souza'], 'parts shorter than 3 letters are ignored');
    assert.deepEqual(nameParts("Seán O'Brien"), ['sean', 'brien']);
  });

  test('containing a name part, in any case or with or without accents, is refused', () => {
    const context = { userId: '100002', displayName: 'Marie-Ève Côté' };
    for (const candidate of ['coteCOTEcote!!', 'I love EVE forever', 'MARIE2026 spring', 'Côté des neiges 9']) {
      assert.equal(statusOf('no-name', candidate, { context }), 'unmet', candidate);
    }
    assert.equal(statusOf('no-name', 'purple elephants dance', { context }), 'met');
    assert.equal(statusOf('no-name', 'Tremblay-tremblay', { context: alex }), 'unmet');
  });

  test('a name with no part of 3 letters forbids nothing', () => {
    assert.equal(statusOf('no-name', 'li wu li wu li wu', { context: { userId: 'x9', displayName: 'Li Wu' } }), 'met');
  });
});

describe('password policy: not a common or breached password', () => {
  const list = new Set(['password1234', 'qwertyuiop123']);
  const isCommon = (key: string): LookupAnswer => list.has(key);

  test('a listed password is refused, whatever its case', () => {
    assert.equal(statusOf('not-common', 'Password1234', { lookups: { isCommon } }), 'unmet');
    assert.equal(statusOf('not-common', 'QWERTYUIOP123', { lookups: { isCommon } }), 'unmet');
    assert.equal(statusOf('not-common', 'purple elephants', { lookups: { isCommon } }), 'met');
  });

  test('the lookup receives the lowercased candidate', () => {
    const asked: string[] = [];
    evaluatePassword('PurpleElephants', alex, policy, { isCommon: (key) => (asked.push(key), false) });
    assert.deepEqual(asked, ['purpleelephants']);
    assert.equal(commonListKey('ÉTÉ Hiver'), 'été hiver');
  });

  test('while the lookup runs the rule is pending; without a lookup, or unreachable, the server checks it', () => {
    assert.equal(statusOf('not-common', 'purple elephants', { lookups: { isCommon: () => 'pending' } }), 'pending');
    assert.equal(statusOf('not-common', 'purple elephants', { lookups: {} }), 'server');
    assert.equal(statusOf('not-common', 'purple elephants', { lookups: { isCommon: () => 'unavailable' } }), 'server');
  });

  test('a candidate too short for the length rule is not looked up (the list holds only longer ones)', () => {
    let asked = false;
    const status = statusOf('not-common', 'password', { lookups: { isCommon: () => ((asked = true), false) } });
    assert.equal(status, 'pending');
    assert.equal(asked, false);
    assert.deepEqual(failedRules(evaluatePassword('password', alex, policy, notListed)), ['length'], 'only the length is reported');
  });
});

describe('password policy: not a recent password', () => {
  test('only the server can tell: without a lookup it is checked when saved', () => {
    assert.equal(statusOf('not-recent', 'purple elephants', { lookups: { isCommon: () => false } }), 'server');
  });

  test('the server refuses one of the latest passwords', () => {
    assert.equal(statusOf('not-recent', 'purple elephants', { lookups: { isCommon: () => false, isRecent: () => true } }), 'unmet');
    assert.equal(statusOf('not-recent', 'purple elephants', { lookups: { isCommon: () => false, isRecent: () => false } }), 'met');
  });

  test('a history size of 0 removes the rule', () => {
    assert.deepEqual(applicableRules({ ...policy, historySize: 0 }), ['length', 'no-user-id', 'no-name', 'not-common']);
  });

  test('a rule the browser cannot judge keeps a password from counting as acceptable', () => {
    assert.equal(isAcceptable(evaluatePassword('purple elephants', alex, policy, { isCommon: () => false })), false);
  });
});

describe('password policy: composition rules, when configured', () => {
  const strict: PasswordPolicy = { ...policy, require: ['upper', 'lower', 'digit', 'symbol'] };

  test('off by default', () => {
    assert.ok(isAcceptable(evaluatePassword('all lowercase words here', alex, policy, notListed)));
  });

  test('each class is its own rule, in a stable order', () => {
    assert.deepEqual(applicableRules(strict).slice(-4), ['upper', 'lower', 'digit', 'symbol']);
    assert.deepEqual(failedRules(evaluatePassword('all lowercase words here', alex, strict, notListed)), ['upper', 'digit', 'symbol']);
    assert.deepEqual(failedRules(evaluatePassword('ALLUPPERCASEWORDS', alex, strict, notListed)), ['lower', 'digit', 'symbol']);
    assert.ok(isAcceptable(evaluatePassword('Purple elephants 4 ever!', alex, strict, notListed)));
  });

  test('letters and digits of any script count; a space is not a symbol', () => {
    const p: PasswordPolicy = { ...policy, require: ['upper', 'lower', 'digit', 'symbol'] };
    assert.deepEqual(failedRules(evaluatePassword('Élan été ٣ fois', alex, p, notListed)), ['symbol']);
    assert.deepEqual(failedRules(evaluatePassword('Élan été ٣ fois€', alex, p, notListed)), []);
  });

  test('only the configured classes apply', () => {
    const p: PasswordPolicy = { ...policy, require: ['digit'] };
    assert.deepEqual(applicableRules(p), ['length', 'no-user-id', 'no-name', 'not-common', 'not-recent', 'digit']);
  });
});
