/**
 * The token of an "Add a phone" link (`/enrol#<token>`), read once as the app starts: the shell
 * rewrites the address (dropping the fragment, which also keeps the token out of the history)
 * before the screen that uses it is loaded. Only this module keeps it, in memory.
 */
const TOKEN = /^#([A-Za-z0-9_-]{43})$/;

let token: string | null = location.pathname === '/enrol' ? (TOKEN.exec(location.hash)?.[1] ?? null) : null;

/** The link's token, or null when the page was not opened from one; handed out once. */
export function takeEnrolmentLinkToken(): string | null {
  const taken = token;
  token = null;
  return taken;
}
