/**
 * The sign-in methods, registered once. The offered-method list, "Forgot your password?",
 * the forced enrolment step, the audit trail's method names and the API's routes all read this
 * list; adding a method is one module under `server/methods/<id>/` and one line here (and its id
 * in shared/methods.ts, which the client reads too).
 */
import type { Schema } from 'hono';
import type { HonoBase } from 'hono/hono-base';
import type { MergeSchemaPath } from 'hono/types';
import type { MethodId } from '../../shared/methods';
import type { Reader } from '../db/store';
import type { Employee } from '../directory/directory';
import type { AppEnv } from '../http/app-env';
import type { Services } from '../services';
import { mobileMethod } from './mobile/mobile-method';
import { passwordMethod } from './password/password-method';
import { questionsMethod } from './questions/questions-method';
import type { SignInMethod } from './sign-in-method';

/** In the order the product shows them. */
export const SIGN_IN_METHODS = [passwordMethod, questionsMethod, mobileMethod] as const;

export interface MethodRegistry {
  readonly all: readonly SignInMethod[];
  /** The method registered under `id`; an id nobody registered is a programming error. */
  get(id: MethodId): SignInMethod;
  /**
   * The methods a user ID is offered. Deliberately not a function of the user ID: the list is
   * the same for everyone, so it reveals neither whether the ID exists nor what it has enrolled.
   */
  offered(): MethodId[];
  /** The methods that can prove identity for "Forgot your password?". */
  resetCapable(): MethodId[];
  /** Whether the employee has enrolled a method that can reset their password next time. */
  hasResetMethod(employee: Employee): Promise<boolean>;
}

export function createMethodRegistry(methods: readonly SignInMethod[], store: Reader): MethodRegistry {
  const byId = new Map(methods.map((method) => [method.id, method]));
  return {
    all: methods,
    get(id) {
      const method = byId.get(id);
      if (!method) throw new Error(`no sign-in method ${id} is registered`);
      return method;
    },
    offered: () => methods.map((method) => method.id),
    resetCapable: () => methods.filter((method) => method.canReset).map((method) => method.id),
    async hasResetMethod(employee) {
      const enrolled = await Promise.all(methods.filter((m) => m.canReset).map((m) => m.isEnrolled(employee, { store })));
      return enrolled.includes(true);
    },
  };
}

// The schema the registered methods' routes add to the API, so that `AppType` carries them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any environment and paths; only the schema is read
type SchemaOf<A> = A extends HonoBase<any, infer S extends Schema, any, any> ? S : never;
type RoutesSchema<Rs> = Rs extends readonly [infer R, ...infer Rest]
  ? | (R extends { mount: infer P extends string; create: (services: Services) => infer A } ? MergeSchemaPath<SchemaOf<A>, P> : never)
    | RoutesSchema<Rest>
  : never;
type MethodsSchema<Ms> = Ms extends readonly [infer M, ...infer Rest]
  ? (M extends { routes: infer Rs } ? RoutesSchema<Rs> : never) | MethodsSchema<Rest>
  : never;
export type RegisteredMethodsSchema = MethodsSchema<typeof SIGN_IN_METHODS>;

/** Mounts every registered method's sub-apps on the API. */
export function mountMethodRoutes<S extends Schema, P extends string>(
  api: HonoBase<AppEnv, S, '/', P>,
  services: Services,
): HonoBase<AppEnv, S | RegisteredMethodsSchema, '/', P> {
  for (const method of services.methods.all) {
    for (const routes of method.routes) api.route(routes.mount, routes.create(services));
  }
  // The loop adds at run time what `RegisteredMethodsSchema` says at compile time.
  return api as unknown as HonoBase<AppEnv, S | RegisteredMethodsSchema, '/', P>;
}
