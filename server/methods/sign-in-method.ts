/**
 * What a sign-in method is to the rest of the server: everything outside `server/methods/<id>/`
 * asks these questions of the registry (method-registry.ts) instead of naming a method.
 */
import type { HonoBase } from 'hono/hono-base';
import type { MethodId } from '../../shared/methods';
import type { Reader } from '../db/store';
import type { Employee } from '../directory/directory';
import type { AppEnv } from '../http/app-env';
import type { Services } from '../services';

/** Any sub-app of this server, whatever its routes (their types are read by method-registry.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema and paths: the registry infers the real ones
export type SubApp = HonoBase<AppEnv, any, any, any>;

/** One of a method's sub-apps, and where it mounts under /api. */
export interface MethodRoutes {
  readonly mount: string;
  readonly create: (services: Services) => SubApp;
}

/** What an employee's enrolment is read from. */
export interface EnrolmentSource {
  store: Reader;
}

export interface SignInMethod {
  readonly id: MethodId;
  /** Its sub-apps; the API mounts every registered method's (no guard depends on their order). */
  readonly routes: readonly MethodRoutes[];
  /** Whether proving this method lets the employee set a new password ("Forgot your password?"). */
  readonly canReset: boolean;
  /** The name its per-user failure counters carry (the throttles' `method` column). */
  readonly lockoutScope: string;
  /** Whether the employee has what this method checks (a password, enrolled questions, a device). */
  isEnrolled(employee: Employee, source: EnrolmentSource): Promise<boolean>;
}

/** Declares a method, keeping its routes' literal types for the API's `AppType`. */
export function defineSignInMethod<const R extends readonly MethodRoutes[]>(
  method: SignInMethod & { routes: R },
): SignInMethod & { routes: R } {
  return method;
}
