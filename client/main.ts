/** Entry point: the language first (so the first screen is already in it), then the app. */
import { initialLanguage } from './i18n/language';

await initialLanguage();
await import('./app/sesame-app');
