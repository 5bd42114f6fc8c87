/**
 * "Mobile device": the enrolled phone proves who the employee is — by approving a sign-in
 * started elsewhere (number matching and a WebAuthn assertion of its passkey, server/approvals/),
 * by its offline code typed on another screen, or by its passkey on the phone itself. It can
 * reset a forgotten password, and an employee with an unrevoked device counts as enrolled (so a
 * device alone is enough to reset).
 */
import { deviceRequestRoutes } from '../../approvals/device-request-routes';
import { mobileSignInRoutes } from '../../approvals/mobile-sign-in-routes';
import { hasActiveDevice } from '../../db/queries/device-sign-in';
import { defineSignInMethod } from '../sign-in-method';
import { offlineCodeRoutes } from './offline-code-routes';
import { passkeySignInRoutes } from './passkey-sign-in-routes';

export const mobileMethod = defineSignInMethod({
  id: 'mobile',
  routes: [
    { mount: '/auth/mobile/code', create: offlineCodeRoutes },
    { mount: '/auth/mobile', create: mobileSignInRoutes },
    { mount: '/auth/passkey', create: passkeySignInRoutes },
    { mount: '/device/requests', create: deviceRequestRoutes },
  ],
  canReset: true,
  lockoutScope: 'mobile',
  isEnrolled: (employee, { store }) => hasActiveDevice(store, employee.id),
});
