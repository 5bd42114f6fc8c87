/**
 * The page's language: from the browser on a first visit, then the user's choice, remembered
 * on this device. Switching happens at runtime (no reload) and keeps `<html lang>` true.
 *
 * The choice lives in localStorage, mirrored in a cookie that `public/first-screen.js` reads
 * before the first paint: a page's first localStorage read opens the browser's storage (50 ms
 * and more on a slow phone) and would hold the first screen back; a cookie is already at hand.
 */
import { configureLocalization } from '@lit/localize';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/languages';
import { shareLanguageWithServiceWorker } from '../app/device-language';
import { sourceLocale, targetLocales } from './locale-codes';

const STORAGE_KEY = 'sesame.language';
/** Read by public/first-screen.js: keep the two names in step. */
const COOKIE = 'sesame_language';
/** 400 days, the longest a browser keeps a cookie; every start renews it. */
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  // One target language: a static import path lets the bundler emit it as its own chunk.
  loadLocale: () => import('../locales/fr.js'),
});

export function currentLanguage(): Language {
  const locale = getLocale();
  return isLanguage(locale) ? locale : DEFAULT_LANGUAGE;
}

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** True when the user picked a language on this device (rather than getting the browser's). */
export function hasChosenLanguage(): boolean {
  return storedLanguage() !== null;
}

export function browserLanguage(languages: readonly string[] = navigator.languages): Language {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/** The cookie for the first paint: the saved choice, or none (then the browser's preference). */
function mirrorForFirstPaint(language: Language | null): void {
  const attributes = `Path=/; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
  try {
    document.cookie =
      language === null
        ? `${COOKIE}=; Max-Age=0; ${attributes}`
        : `${COOKIE}=${language}; Max-Age=${COOKIE_MAX_AGE_SECONDS}; ${attributes}`;
  } catch {
    // A sandboxed document has no cookies: its first screen follows the browser's preference.
  }
}

export async function applyLanguage(language: Language, options: { remember: boolean }): Promise<void> {
  if (options.remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private browsing may refuse storage; the switch still applies to this visit.
    }
    mirrorForFirstPaint(storedLanguage());
  }
  document.documentElement.lang = language;
  // Notifications follow what the page shows, whether chosen or the browser's.
  shareLanguageWithServiceWorker(language);
  if (getLocale() !== language) await setLocale(language);
}

/** Called once before the first render, so that the first screen is already in the right language. */
export function initialLanguage(): Promise<void> {
  const stored = storedLanguage();
  // Also brings a choice saved before the cookie existed, or storage cleared on its own, in step.
  mirrorForFirstPaint(stored);
  return applyLanguage(stored ?? browserLanguage(), { remember: false });
}
