/**
 * User IDs as the directory knows them: letters, digits, dot, dash and underscore.
 * Input is normalised first (NFKC folds full-width digits from phone keyboards, case is folded
 * because directories compare user IDs without case, and spaces are dropped because people copy
 * "100 001" from a pay statement as it is printed) so that "１００ ００１ " finds 100001.
 */
export const USER_ID_MAX_LENGTH = 64;
const USER_ID_PATTERN = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/** How the user-ID field asks phones for a keyboard: digits only, or any text. */
export const USER_ID_INPUT_MODES = ['numeric', 'text'] as const;
export type UserIdInputMode = (typeof USER_ID_INPUT_MODES)[number];

/** The demo's employee IDs ("E-200001"); organisations set their own (SESAME_EMPLOYEE_ID_PATTERN). */
export const DEMO_EMPLOYEE_ID_PATTERN = '^E-?\\d{6}$';

export function normaliseUserId(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

export function isValidUserId(normalised: string): boolean {
  return normalised.length <= USER_ID_MAX_LENGTH && USER_ID_PATTERN.test(normalised);
}

/** The employee-ID pattern as a regular expression (without case); null when it does not compile. */
export function employeeIdRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    return null;
  }
}

/**
 * Whether what was typed has the shape of an employee ID rather than a user ID: a format check
 * on the text alone, never a lookup, so that it says nothing about who exists.
 */
export function looksLikeEmployeeId(typed: string, pattern: string): boolean {
  const normalised = typed.normalize('NFKC').replace(/\s+/gu, '');
  return normalised !== '' && (employeeIdRegExp(pattern)?.test(normalised) ?? false);
}
