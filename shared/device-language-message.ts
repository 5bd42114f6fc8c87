/**
 * The message the page sends its service worker whenever it applies a language, so that
 * notifications — shown when no page is open — speak the language the employee last saw.
 * Shared by the page (client/app/device-language.ts) and the worker (client/sw/device-language.ts).
 */
import { isLanguage, type Language } from './languages';

export const DEVICE_LANGUAGE_MESSAGE = 'DEVICE_LANGUAGE';

export interface DeviceLanguageMessage {
  type: typeof DEVICE_LANGUAGE_MESSAGE;
  language: Language;
}

export function isDeviceLanguageMessage(data: unknown): data is DeviceLanguageMessage {
  const message = data as Partial<DeviceLanguageMessage> | null;
  return typeof message === 'object' && message !== null && message.type === DEVICE_LANGUAGE_MESSAGE && isLanguage(message.language);
}
