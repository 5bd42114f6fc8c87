/** The product's two official languages. English is the fallback everywhere. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A text that exists in both languages (organisation texts, notices). */
export type Bilingual = Record<Language, string>;
