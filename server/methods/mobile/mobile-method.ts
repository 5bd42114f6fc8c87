/**
 * "Mobile device": the employee's enrolled phone approves a sign-in started elsewhere, by
 * number matching and a WebAuthn assertion of its passkey (server/approvals/). It can prove
 * identity for "Forgot your password?"; an employee is enrolled when an unrevoked device is.
 * Its sub-apps: the waiting browser's (/api/auth/mobile) and the phone's (/api/device/requests).
 */
import { deviceRequestRoutes } from '../../approvals/device-request-routes';
import { mobileSignInRoutes } from '../../approvals/mobile-sign-in-routes';
import { hasActiveDevice } from '../../db/queries/passkey-use';
import { defineSignInMethod } from '../sign-in-method';

export const mobileMethod = defineSignInMethod({
  id: 'mobile',
  routes: [
    { mount: '/auth/mobile', create: mobileSignInRoutes },
    { mount: '/device/requests', create: deviceRequestRoutes },
  ],
  canReset: true,
  lockoutScope: 'mobile',
  isEnrolled: (employee, { store }) => hasActiveDevice(store, employee.id),
});
