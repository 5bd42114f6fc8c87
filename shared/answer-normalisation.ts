/**
 * Security answers are compared after normalisation, so that how an answer is typed — on a
 * phone or a French keyboard, with or without accents, capitals or extra spaces — does not
 * matter: "Montréal " and "montreal" are the same answer. The server hashes the normalised
 * answer; the browser uses the same function for its live feedback.
 */

/**
 * NFKC first: full-width letters from phone keyboards, ligatures (ﬁ) and compatibility forms
 * become ordinary characters. Then case folding: upper-casing before lower-casing folds the
 * letters whose lower case alone would stay distinct (ß → SS → ss, ﬀ, final sigma). Then
 * accents: the decomposed combining marks are dropped (é → e), and the rest recomposed (NFC),
 * so that scripts whose letters decompose without marks (Hangul) keep their usual form.
 * Invisible format characters (zero-width spaces, direction marks, soft hyphens) are dropped;
 * punctuation, controls and every kind of space become one space; spaces are collapsed and
 * trimmed. Symbols (€, +, emoji) are kept: they are part of what was typed.
 */
export function normaliseAnswer(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{P}\p{Z}\p{Cc}\s]+/gu, ' ')
    .trim();
}

/** The normalised answer without its spaces: "sainte famille" and "saintefamille" compare equal. */
export function compactAnswer(raw: string): string {
  return normaliseAnswer(raw).replace(/ /g, '');
}

/** The normalised answer's words. */
export function answerWords(raw: string): string[] {
  const normalised = normaliseAnswer(raw);
  return normalised === '' ? [] : normalised.split(' ');
}

/** Letters, digits and symbols the normalised answer holds (spaces do not count). */
export function answerLength(raw: string): number {
  return Array.from(compactAnswer(raw)).length;
}
