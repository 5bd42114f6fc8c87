/**
 * What a route entry says: its name, its address, its title, the module that draws it, who may
 * open it, and how it is drawn. The app's entries are in `route-table.ts`; `route-guard.ts`
 * decides which one shows.
 */
import type { TemplateResult } from 'lit';
import type { MethodId } from '../../shared/methods';
import type { Area } from '../../shared/session-levels';
import type { RouteParams } from './path-pattern';

/** Roles a route can demand; they come with the profile (`ProfileResponse.roles`). */
export type Role = 'helpdesk';

export type RouteGuard =
  /**
   * A step of signing in, for visitors without a session. `needs`: a user ID entered first
   * (`user-id`), at least one method offered for it (`any-method`), or that method offered.
   */
  | { readonly for: 'signed-out'; readonly needs?: 'user-id' | 'any-method' | { readonly method: MethodId } }
  /**
   * A screen of a session: the area it belongs to (`shared/session-levels.ts` says which levels
   * admit it), the roles it demands besides, and whether it is where a level that lands on its
   * area arrives (exactly one route per landing area).
   */
  | { readonly for: 'signed-in'; readonly area: Area; readonly roles?: readonly Role[]; readonly landing?: true }
  /**
   * A screen for whoever opens its address, signed in or not, at any level: a phone opening an
   * "Add a phone" link, whose token stands in for a session; the phone's "Show a sign-in code",
   * whose key is in the browser (the screen says so when there is none).
   */
  | { readonly for: 'anyone' }
  /**
   * A screen of the enrolled phone's app, guarded by the server with the device credential (an
   * HttpOnly cookie the page cannot read), not by a session: it shows signed in or not.
   */
  | { readonly for: 'device' };

export interface Route {
  readonly name: string;
  /** Its address, parameters as `:name` (see `path-pattern.ts`). */
  readonly path: string;
  /** For `document.title`, in the page's language (a `msg()` call). */
  readonly title: () => string;
  /** Its view's module, fetched when first shown; absent for what ships in the first chunk. */
  readonly load?: () => Promise<unknown>;
  readonly guard: RouteGuard;
  /** The view, given the address's parameters; it reads the rest from the flow context. */
  readonly render: (params: RouteParams) => TemplateResult;
}

/** A route to show: which entry, with which parameters. */
export interface RouteRequest<Name extends string = string> {
  readonly name: Name;
  readonly params: RouteParams;
}
