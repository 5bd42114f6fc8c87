/**
 * "Mobile device": the enrolled phone proves who the employee is — by an approval (number
 * matching, the approvals' routes), by its offline code typed on another screen, or by its
 * passkey on the phone itself. It can reset a forgotten password, and an employee with an
 * unrevoked device counts as enrolled (so a device alone is enough to reset).
 */
import { hasActiveDevice } from '../../db/queries/device-sign-in';
import { defineSignInMethod } from '../sign-in-method';
import { offlineCodeRoutes } from './offline-code-routes';
import { passkeySignInRoutes } from './passkey-sign-in-routes';

export const mobileMethod = defineSignInMethod({
  id: 'mobile',
  routes: [
    { mount: '/auth/mobile/code', create: offlineCodeRoutes },
    { mount: '/auth/passkey', create: passkeySignInRoutes },
  ],
  canReset: true,
  lockoutScope: 'mobile',
  isEnrolled: (employee, { store }) => hasActiveDevice(store, employee.id),
});
