/**
 * Which route may show, given the one asked for and what the visitor has. Signed out: the
 * sign-in steps, those after the user ID only once one was entered and the method offered.
 * Signed in: the routes whose area the session's level admits (`shared/session-levels.ts`) and
 * whose roles the employee has; anything else lands where the level lands — so a session that
 * must set a password first sees nothing else, whatever it asks for.
 */
import type { SessionAccess } from '../../shared/api-schemas';
import type { MethodId } from '../../shared/methods';
import { LEVEL_RULES, levelAdmits } from '../../shared/session-levels';
import type { Route, RouteGuard, RouteRequest } from './route';
import { ROUTES, type RouteName } from './route-table';

export interface Visitor {
  /** Null when signed out. */
  readonly access: SessionAccess | null;
  readonly userId: string;
  readonly methods: readonly MethodId[];
  /** The signed-in employee's roles (none when signed out). */
  readonly roles: readonly string[];
}

function signedOutMay(guard: Extract<RouteGuard, { for: 'signed-out' }>, visitor: Visitor): boolean {
  const { needs } = guard;
  if (!needs) return true;
  if (!visitor.userId) return false;
  if (needs === 'user-id') return true;
  if (needs === 'any-method') return visitor.methods.length > 0;
  return visitor.methods.includes(needs.method);
}

function admitted(route: Route, visitor: Visitor): boolean {
  const { guard } = route;
  if (guard.for === 'anyone') return true;
  // The server decides (the device credential); the screen says so when it refuses.
  if (guard.for === 'device') return true;
  if (!visitor.access) return guard.for === 'signed-out' && signedOutMay(guard, visitor);
  if (guard.for !== 'signed-in' || !levelAdmits(visitor.access.level, guard.area)) return false;
  return (guard.roles ?? []).every((role) => visitor.roles.includes(role));
}

/** Where the visitor goes instead: the sign-in screen (the table's first entry) or the level's landing. */
function fallback<R extends Route>(visitor: Visitor, routes: readonly R[]): R {
  const first = routes[0];
  if (!first) throw new Error('The route table is empty');
  if (!visitor.access) return first;
  const area = LEVEL_RULES[visitor.access.level].landing;
  const landing = routes.find((r) => r.guard.for === 'signed-in' && r.guard.area === area && r.guard.landing);
  if (!landing) throw new Error(`No landing route for the area ${area}`);
  return landing;
}

export function resolveRoute<R extends Route>(
  requested: RouteRequest<R['name']>,
  visitor: Visitor,
  routes: readonly R[],
): RouteRequest<R['name']>;
export function resolveRoute(requested: RouteRequest<RouteName>, visitor: Visitor): RouteRequest<RouteName>;
export function resolveRoute(requested: RouteRequest, visitor: Visitor, routes: readonly Route[] = ROUTES): RouteRequest {
  const route = routes.find((r) => r.name === requested.name);
  if (route && admitted(route, visitor)) return requested;
  return { name: fallback(visitor, routes).name, params: {} };
}
