/* global document, location */
// Runs before the body is parsed (a classic script: the CSP forbids inline ones), so that the
// first screen's markup served with the HTML shows in the page's language at the first paint.
// It repeats the rule of client/i18n/language.ts (the choice saved on this device, else the
// browser's first English or French preference, else English), which then takes over. The saved
// choice is read from the cookie that language.ts keeps beside localStorage: reading localStorage
// here would open the browser's storage before the first paint (50 ms and more on a phone).
(function () {
  var root = document.documentElement;
  var language = null;
  var saved = /(?:^|;\s*)sesame_language=(en|fr)(?:;|$)/.exec(document.cookie);
  if (saved) language = saved[1];
  var preferences = navigator.languages || [navigator.language || ''];
  for (var i = 0; !language && i < preferences.length; i++) {
    var primary = String(preferences[i]).toLowerCase().split('-')[0];
    if (primary === 'en' || primary === 'fr') language = primary;
  }
  root.lang = language || 'en';
  // The markup is the sign-in screen's: only "/" starts there (other paths wait for the app).
  if (location.pathname === '/') root.setAttribute('data-first-screen', 'sign-in');
})();
