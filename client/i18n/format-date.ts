import { currentLanguage } from './language';

/**
 * A date and time in the page's language and Canadian conventions ("26 novembre 2026 à 14 h 05").
 * French writes the first day of a month as an ordinal, « 1er décembre 2026 », which Intl does
 * not: its day part is rewritten.
 */
export function formatDateTime(iso: string, dateStyle: 'long' | 'medium' = 'long'): string {
  const french = currentLanguage() === 'fr';
  const format = new Intl.DateTimeFormat(french ? 'fr-CA' : 'en-CA', { dateStyle, timeStyle: 'short' });
  const date = new Date(iso);
  if (!french) return format.format(date);
  return format
    .formatToParts(date)
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/**
 * A time of day in the page's language ("2:33 p.m.", « 14 h 33 »), with the weekday when it is
 * not today (a lock can last into tomorrow).
 */
export function formatTime(at: Date, today: Date = new Date()): string {
  const french = currentLanguage() === 'fr';
  const sameDay = at.toDateString() === today.toDateString();
  const format = new Intl.DateTimeFormat(french ? 'fr-CA' : 'en-CA', {
    ...(sameDay ? {} : { weekday: 'long' }),
    hour: 'numeric',
    minute: '2-digit',
  });
  return format.format(at);
}
