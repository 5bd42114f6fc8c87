/**
 * The app's screens, one entry each (see `route.ts`). Adding a screen is one entry here plus its
 * view. The sign-in screen, which every visit starts with, ships in the app's own chunk; the
 * others are fetched on demand (and from the service worker's cache once installed).
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import '../views/sign-in-view';
import '../state/enrolment-link-token';
import { matchPattern } from './path-pattern';
import type { Route, RouteRequest } from './route';

export const ROUTES = [
  {
    name: 'sign-in',
    path: '/',
    title: () => msg('Sign in'),
    guard: { for: 'signed-out' },
    render: () => html`<sign-in-view></sign-in-view>`,
  },
  {
    name: 'methods',
    path: '/methods',
    title: () => msg('Authentication methods'),
    load: () => import('../views/methods-view'),
    guard: { for: 'signed-out', needs: 'any-method' },
    render: () => html`<methods-view></methods-view>`,
  },
  {
    name: 'password',
    path: '/password',
    title: () => msg('Log in'),
    load: () => import('../views/password-view'),
    guard: { for: 'signed-out', needs: { method: 'password' } },
    render: () => html`<password-view></password-view>`,
  },
  {
    name: 'mobile-code',
    path: '/mobile/code',
    title: () => msg('Enter a code from the app'),
    load: () => import('../views/mobile-code-view'),
    guard: { for: 'signed-out', needs: { method: 'mobile' } },
    render: () => html`<mobile-code-view></mobile-code-view>`,
  },
  {
    name: 'questions',
    path: '/questions',
    title: () => msg('Answer security questions'),
    load: () => import('../views/questions-view'),
    guard: { for: 'signed-out', needs: { method: 'questions' } },
    render: () => html`<questions-view></questions-view>`,
  },
  {
    name: 'mobile-wait',
    path: '/mobile/wait',
    title: () => msg('Approve on your phone'),
    load: () => import('../views/mobile-wait-view'),
    guard: { for: 'signed-out', needs: { method: 'mobile' } },
    render: () => html`<mobile-wait-view></mobile-wait-view>`,
  },
  {
    name: 'approve',
    path: '/approve/:requestId',
    title: () => msg('Approve the sign-in'),
    load: () => import('../views/approve-view'),
    guard: { for: 'device' },
    render: ({ requestId }) => html`<approve-view .requestId=${requestId ?? ''}></approve-view>`,
  },
  {
    // The phone's own screen: its key is in this browser's IndexedDB, so no guard can ask the server (it works offline).
    name: 'device-code',
    path: '/device/code',
    title: () => msg('Sign-in code'),
    load: () => import('../views/device-code-view'),
    guard: { for: 'anyone' },
    render: () => html`<device-code-view></device-code-view>`,
  },
  {
    name: 'forgot-password',
    path: '/forgot-password',
    title: () => msg('Forgot your password?'),
    load: () => import('../views/forgot-password-view'),
    guard: { for: 'signed-out', needs: 'user-id' },
    render: () => html`<forgot-password-view></forgot-password-view>`,
  },
  {
    name: 'set-password',
    path: '/set-password',
    title: () => msg('Set a new password'),
    load: () => import('../views/set-password-view'),
    guard: { for: 'signed-in', area: 'set-password', landing: true },
    render: () => html`<set-password-view></set-password-view>`,
  },
  {
    name: 'profile',
    path: '/profile',
    title: () => msg('My Profile'),
    load: () => import('../views/profile-view'),
    guard: { for: 'signed-in', area: 'profile', landing: true },
    render: () => html`<profile-view></profile-view>`,
  },
  {
    name: 'change-password',
    path: '/profile/password',
    title: () => msg('Change password'),
    load: () => import('../views/change-password-view'),
    guard: { for: 'signed-in', area: 'profile' },
    render: () => html`<change-password-view></change-password-view>`,
  },
  {
    name: 'security-questions',
    path: '/profile/security-questions',
    title: () => msg('Security questions'),
    load: () => import('../views/security-questions-view'),
    guard: { for: 'signed-in', area: 'enrol', landing: true },
    render: () => html`<security-questions-view></security-questions-view>`,
  },
  {
    name: 'devices',
    path: '/profile/devices',
    title: () => msg('Mobile devices'),
    load: () => import('../views/devices-view'),
    guard: { for: 'signed-in', area: 'enrol' },
    render: () => html`<devices-view></devices-view>`,
  },
  {
    name: 'accounts',
    path: '/profile/accounts',
    title: () => msg('Attach other accounts'),
    load: () => import('../views/accounts-view'),
    guard: { for: 'signed-in', area: 'profile' },
    render: () => html`<accounts-view></accounts-view>`,
  },
  {
    name: 'confirm-identity',
    path: '/profile/confirm-identity',
    title: () => msg('Confirm your identity'),
    load: () => import('../views/confirm-identity-view'),
    guard: { for: 'signed-in', area: 'profile' },
    render: () => html`<confirm-identity-view></confirm-identity-view>`,
  },
  {
    name: 'activity',
    path: '/profile/activity',
    title: () => msg('Recent activity'),
    load: () => import('../views/activity-view'),
    guard: { for: 'signed-in', area: 'profile' },
    render: () => html`<activity-view></activity-view>`,
  },
  {
    name: 'add-phone',
    path: '/profile/devices/add-phone',
    title: () => msg('Add a phone'),
    load: () => import('../views/add-phone-view'),
    guard: { for: 'signed-in', area: 'enrol' },
    render: () => html`<add-phone-view></add-phone-view>`,
  },
  {
    name: 'enrol-link',
    path: '/enrol',
    title: () => msg('Add this phone'),
    load: () => import('../views/enrol-link-view'),
    guard: { for: 'anyone' },
    render: () => html`<enrol-link-view></enrol-link-view>`,
  },
] as const satisfies readonly Route[];

export type RouteName = (typeof ROUTES)[number]['name'];

export function isRouteName(name: unknown): name is RouteName {
  return ROUTES.some((route) => route.name === name);
}

/** The entry named `name` (in `routes`, the app's by default). */
export function routeNamed<R extends Route>(name: R['name'], routes: readonly R[]): R;
export function routeNamed(name: RouteName): Route;
export function routeNamed(name: string, routes: readonly Route[] = ROUTES): Route {
  const route = routes.find((r) => r.name === name);
  if (!route) throw new Error(`No route named ${name}`);
  return route;
}

/** The entry whose pattern matches `path`, with its parameters; an unknown address is the first entry (sign-in). */
export function requestForPath<R extends Route>(path: string, routes: readonly R[]): RouteRequest<R['name']>;
export function requestForPath(path: string): RouteRequest<RouteName>;
export function requestForPath(path: string, routes: readonly Route[] = ROUTES): RouteRequest {
  for (const route of routes) {
    const params = matchPattern(route.path, path);
    if (params) return { name: route.name, params };
  }
  return { name: routes[0]?.name ?? 'sign-in', params: {} };
}
