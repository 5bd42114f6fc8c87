/**
 * "Use password": every employee in the directory has one, and it cannot reset itself (a
 * forgotten password is what "Forgot your password?" is for). Its failure counter also guards
 * the current password asked by "Change password" (server/password/).
 */
import { defineSignInMethod } from '../sign-in-method';
import { passwordSignInRoutes } from './password-sign-in-routes';

export const passwordMethod = defineSignInMethod({
  id: 'password',
  routes: [{ mount: '/auth/password', create: passwordSignInRoutes }],
  canReset: false,
  lockoutScope: 'password',
  isEnrolled: () => Promise.resolve(true),
});
