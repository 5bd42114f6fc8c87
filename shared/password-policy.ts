/**
 * The password policy: one module for the browser (the live checklist under a new-password
 * field) and the server (enforcement), so that both judge a candidate the same way.
 *
 * Defaults follow NIST SP 800-63B: 12 to 128 characters, counted as Unicode code points; not
 * the user ID, not a part of the employee's name, not a common or breached password, not one
 * of the last 5 passwords. Composition rules (upper, lower, digit, symbol) are off unless a
 * directory demands them.
 *
 * The module is pure. What it cannot know by itself arrives as lookups: the common-password
 * list (the server holds it; the browser asks a k-anonymity range of it) and the history
 * (argon2id hashes, so only the server can tell). A lookup the caller does not have is reported
 * as `server`: checked when the password is saved.
 */

export const CHARACTER_CLASSES = ['upper', 'lower', 'digit', 'symbol'] as const;
export type CharacterClass = (typeof CHARACTER_CLASSES)[number];

/** Stable rule ids, in the order a checklist shows them. */
export const PASSWORD_RULES = ['length', 'no-user-id', 'no-name', 'not-common', 'not-recent', ...CHARACTER_CLASSES] as const;
export type PasswordRuleId = (typeof PASSWORD_RULES)[number];

/**
 * `met` / `unmet`: judged. `pending`: cannot be judged yet (a lookup is under way, or the
 * candidate is too short to look up). `server`: only the server can judge it, when it is saved.
 */
export type RuleStatus = 'met' | 'unmet' | 'pending' | 'server';

export interface RuleResult {
  rule: PasswordRuleId;
  status: RuleStatus;
}

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** Character classes a password must contain; empty by default (NIST advises against them). */
  require: CharacterClass[];
  /** How many of the latest passwords (the current one included) a new one may not repeat; 0: no history rule. */
  historySize: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12, maxLength: 128, require: [], historySize: 5 };

/** Bounds the configuration may choose within. */
export const POLICY_LIMITS = {
  minLength: { min: 8, max: 64 },
  maxLength: { max: 256 },
  historySize: { max: 24 },
} as const;

/** Whose password it is: what it must not contain. */
export interface PasswordContext {
  userId: string;
  displayName: string;
}

/** A lookup's answer: found in the list (true) or not (false), not known yet, or not reachable. */
export type LookupAnswer = boolean | 'pending' | 'unavailable';

export interface PasswordLookups {
  /** Whether `commonListKey(candidate)` is in the list of common and breached passwords. */
  isCommon?: (key: string) => LookupAnswer;
  /** Whether the candidate is one of the latest passwords. */
  isRecent?: (candidate: string) => LookupAnswer;
}

/** Length as a person counts it: "é" and "😀" are one character each (code points, not UTF-16 units). */
export function passwordLength(candidate: string): number {
  let n = 0;
  for (const _ of candidate) n++;
  return n;
}

/** The form under which the common-password list is kept and looked up: case does not make a password less common. */
export function commonListKey(candidate: string): string {
  return candidate.toLowerCase();
}

/** Case-, accent- and width-insensitive form, for "contains" comparisons. */
function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The parts of a name a password may not contain: each run of letters of 3 or more, folded
 * ("Marie-Ève Côté" → marie, eve, cote). Shorter parts ("Li", "de") would forbid too much.
 */
export function nameParts(displayName: string): string[] {
  const parts = folded(displayName)
    .split(/[^\p{L}]+/u)
    .filter((part) => passwordLength(part) >= 3);
  return [...new Set(parts)];
}

const CLASS_PATTERNS: Record<CharacterClass, RegExp> = {
  upper: /\p{Lu}/u,
  lower: /\p{Ll}/u,
  digit: /\p{Nd}/u,
  // Anything that is neither a letter, a digit nor a space: directories that demand a symbol
  // do not count a space as one.
  symbol: /[^\p{L}\p{N}\s]/u,
};

function judge(answer: LookupAnswer | undefined, present: boolean): RuleStatus {
  if (answer === undefined || answer === 'unavailable') return 'server';
  if (answer === 'pending') return 'pending';
  return answer === present ? 'unmet' : 'met';
}

/** The rules that apply under a policy, in checklist order. */
export function applicableRules(policy: PasswordPolicy): PasswordRuleId[] {
  return PASSWORD_RULES.filter((rule) => {
    if (rule === 'not-recent') return policy.historySize > 0;
    if ((CHARACTER_CLASSES as readonly string[]).includes(rule)) return policy.require.includes(rule as CharacterClass);
    return true;
  });
}

/**
 * Judges a candidate against every rule that applies. An empty candidate meets no rule: a
 * checklist full of ticks before anything is typed would mislead.
 */
export function evaluatePassword(
  candidate: string,
  context: PasswordContext,
  policy: PasswordPolicy,
  lookups: PasswordLookups = {},
): RuleResult[] {
  const rules = applicableRules(policy);
  if (candidate === '') return rules.map((rule) => ({ rule, status: 'unmet' }));

  const length = passwordLength(candidate);
  const longEnough = length >= policy.minLength && length <= policy.maxLength;
  const candidateFolded = folded(candidate);
  const userId = folded(context.userId.trim());
  const names = nameParts(context.displayName);

  const statusOf = (rule: PasswordRuleId): RuleStatus => {
    switch (rule) {
      case 'length':
        return longEnough ? 'met' : 'unmet';
      case 'no-user-id':
        // A user ID of one or two characters would forbid half the alphabet: only as the whole password.
        if (passwordLength(userId) < 3) return userId !== '' && candidateFolded === userId ? 'unmet' : 'met';
        return candidateFolded.includes(userId) ? 'unmet' : 'met';
      case 'no-name':
        return names.some((part) => candidateFolded.includes(part)) ? 'unmet' : 'met';
      case 'not-common':
        // The list keeps only passwords long enough to pass the length rule: a shorter
        // candidate is not looked up, and this rule waits for the length.
        if (!longEnough) return 'pending';
        return judge(lookups.isCommon?.(commonListKey(candidate)), true);
      case 'not-recent':
        return judge(lookups.isRecent?.(candidate), true);
      default:
        return CLASS_PATTERNS[rule].test(candidate) ? 'met' : 'unmet';
    }
  };
  return rules.map((rule) => ({ rule, status: statusOf(rule) }));
}

/** The rules a candidate fails for certain. */
export function failedRules(results: readonly RuleResult[]): PasswordRuleId[] {
  return results.filter((r) => r.status === 'unmet').map((r) => r.rule);
}

/** Whether every rule is met: what the server requires before it saves a password. */
export function isAcceptable(results: readonly RuleResult[]): boolean {
  return results.every((r) => r.status === 'met');
}
