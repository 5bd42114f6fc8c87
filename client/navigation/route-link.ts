/**
 * Navigation as real links: each has its route's address (so that middle-click, "open in new
 * tab" and copying the link work), and a plain click stays in the app, handled by the screen's
 * event and the shell's router, without reloading the page.
 */
import { buildPath } from './path-pattern';
import { routeNamed, type RouteName } from './route-table';

/** The address of a route without parameters, from the route table. */
export function routeHref(name: RouteName): string {
  return buildPath(routeNamed(name).path);
}

/** A click the app handles itself; with a modifier key (new tab, new window) the browser opens the address. */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
