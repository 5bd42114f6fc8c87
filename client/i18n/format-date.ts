import { currentLanguage } from './language';

/** A date and time in the page's language and Canadian conventions ("26 novembre 2026 à 14 h 05"). */
export function formatDateTime(iso: string, dateStyle: 'long' | 'medium' = 'long'): string {
  const locale = currentLanguage() === 'fr' ? 'fr-CA' : 'en-CA';
  return new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short' }).format(new Date(iso));
}
