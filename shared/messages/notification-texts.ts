/**
 * What the phone's notifications say, in both languages. The service worker shows them, so
 * they cannot come from the page's runtime catalogue (`msg()` needs a document); the language
 * is the device's (client/sw/device-language.ts): the push payload carries nothing about it.
 */
import type { Language } from '../languages';
import type { PushPayloadType } from '../push-payload';

export type NotificationTextId = 'title' | PushPayloadType;

export const notificationTexts: Record<NotificationTextId, Record<Language, string>> = {
  /** The notification's title: the product's name, the same in both languages. */
  title: { en: 'Sésame', fr: 'Sésame' },
  'sign-in-request': {
    en: 'Sign-in request — tap to review',
    fr: "Demande de connexion — touchez pour l'examiner",
  },
  'device-added': {
    en: 'A device was added to your Sésame profile',
    fr: 'Un appareil a été ajouté à votre profil Sésame',
  },
};

export function notificationText(id: NotificationTextId, language: Language): string {
  return notificationTexts[id][language];
}
