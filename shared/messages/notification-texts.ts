/**
 * What the phone's notifications say, in both languages. The service worker shows them, so
 * they cannot come from the page's runtime catalogue (`msg()` needs a document); the language
 * is the one the push payload names.
 */
import type { Language } from '../languages';

export type NotificationTextId = 'title' | 'sign-in-request';

export const notificationTexts: Record<NotificationTextId, Record<Language, string>> = {
  /** The notification's title: the product's name, the same in both languages. */
  title: { en: 'Sésame', fr: 'Sésame' },
  'sign-in-request': {
    en: 'Sign-in request — tap to review',
    fr: "Demande de connexion — touchez pour l'examiner",
  },
};

export function notificationText(id: NotificationTextId, language: Language): string {
  return notificationTexts[id][language];
}
