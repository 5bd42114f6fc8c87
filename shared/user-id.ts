/**
 * User IDs as the directory knows them: letters, digits, dot, dash and underscore.
 * Input is normalised first (NFKC folds full-width digits from phone keyboards, case is folded
 * because directories compare user IDs without case) so that "１００００１ " finds 100001.
 */
export const USER_ID_MAX_LENGTH = 64;
const USER_ID_PATTERN = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

export function normaliseUserId(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

export function isValidUserId(normalised: string): boolean {
  return normalised.length <= USER_ID_MAX_LENGTH && USER_ID_PATTERN.test(normalised);
}
