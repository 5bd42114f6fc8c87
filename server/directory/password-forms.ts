/**
 * Passwords are hashed and verified in Unicode NFC, so that "é" typed as one code point or as
 * "e" + combining accent (macOS, some keyboards) is the same password. Hashes made before that
 * were made from the string as typed: `verifiable` also gives the raw form when it differs, for
 * them, and the directory re-hashes such a password as NFC at its next successful sign-in.
 */
export function nfc(password: string): string {
  return password.normalize('NFC');
}

/** The forms to verify, NFC first; the same count for a known and an unknown user ID. */
export function verifiable(password: string): string[] {
  const normal = nfc(password);
  return normal === password ? [normal] : [normal, password];
}
