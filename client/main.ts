/**
 * Entry point: the language first (so the first screen is already in it), then the app. The
 * built document asks for this module only once the first screen's markup has painted
 * (`first-screen.js`), together with every module imported here, so that the paint waits for
 * nothing but the HTML and the imports cost no round trip each (issue 7, item 16). Evaluating
 * the modules only defines them: the shell, its header, footer and screen each render in a task
 * of their own (`components/first-render-in-own-task.ts`).
 */

// A module (top-level await) with nothing to export.
export {};

const { initialLanguage } = await import('./i18n/language');
await initialLanguage();
await import('./app/sesame-app');
