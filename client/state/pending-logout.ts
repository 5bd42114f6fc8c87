/**
 * A log out the server has not heard of yet. The session cookie is HttpOnly, so the page cannot
 * delete it: while offline it forgets the session locally and keeps this mark instead, checked
 * before the app asks the server who is signed in, and cleared only once the server ended the
 * session. It lives in localStorage because the cookie outlives the tab (a kiosk's next person
 * opens a new one).
 */
const KEY = 'sesame.pendingLogout';

export function markLogoutPending(): void {
  try {
    localStorage.setItem(KEY, '1');
  } catch {
    // Storage refused (private browsing): the session is still forgotten in memory.
  }
}

export function isLogoutPending(): boolean {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch {
    return false;
  }
}

export function clearPendingLogout(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
}
