/**
 * Mobile devices, under /api/devices. A session's routes are in the `enrol` area (a full
 * session, or one sent to enrol a method first): listing and renaming with any live session;
 * adding and removing change how the employee proves who they are, so they need a recent proof.
 * `/current/…` is the enrolled device's own, with its device credential instead of a session.
 */
import { Hono } from 'hono';
import {
  addDeviceRequest,
  deviceIdParams,
  pushSubscriptionRequest,
  renameDeviceRequest,
  type AddDeviceResponse,
  type DeviceListResponse,
  type RegistrationOptionsResponse,
} from '../../shared/device-schemas';
import { findActiveDeviceByCredential, listDevices } from '../db/queries/mobile-devices';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import { validateParam } from '../http/validate-param';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import { clearDeviceCookie, hashDeviceCredential, issueDeviceCookie, readDeviceCookie, requireDevice } from './device-credential';
import { toDeviceItem } from './device-management';

export function deviceRoutes(services: Services) {
  const { sessions, store, deviceEnrolment, devices } = services;
  const reading = requireSession(sessions, { area: 'enrol' });
  const changingProof = requireSession(sessions, { area: 'enrol', recentProof: true });
  const device = requireDevice(services);

  /** This browser's own enrolled device, if its device credential belongs to the signed-in employee. */
  const thisDeviceOf = async (token: string | undefined, employeeId: string) => {
    const row = token ? await findActiveDeviceByCredential(store, hashDeviceCredential(token)) : null;
    return row?.employeeId === employeeId ? row.id : null;
  };

  return new Hono<AppEnv>()
    .get('/', reading, async (c) => {
      const { employee } = c.get('signedIn');
      const body: DeviceListResponse = { devices: await devices.list(employee.id, await thisDeviceOf(readDeviceCookie(c), employee.id)) };
      return c.json(body, 200);
    })
    .post('/registration-options', changingProof, async (c) => {
      const { options, platform } = await deviceEnrolment.registrationOptions(c.get('signedIn'), c.req.header('user-agent') ?? '');
      const body: RegistrationOptionsResponse = { options: options as unknown as RegistrationOptionsResponse['options'], platform };
      return c.json(body, 200);
    })
    .post('/', changingProof, validateJson(addDeviceRequest), async (c) => {
      const { name, language, registration } = c.req.valid('json');
      const signedIn = c.get('signedIn');
      const result = await deviceEnrolment.add({ signedIn, name, language, registration, context: requestContext(c) });
      if (!result.ok) return apiError(c, 400, 'passkey_not_verified');
      issueDeviceCookie(c, result.credentialToken);
      const [listed] = (await listDevices(store, signedIn.employee.id)).filter((d) => d.id === result.device.id);
      const item = toDeviceItem(listed ?? { ...result.device, notifications: false }, result.device.id);
      const body: AddDeviceResponse = { device: item, offlineKey: result.offlineKey };
      return c.json(body, 201);
    })
    .get('/current', device, (c) => {
      const { id, name, language } = c.get('device');
      return c.json({ id, name, language }, 200);
    })
    .put('/current/push-subscription', device, validateJson(pushSubscriptionRequest), async (c) => {
      const { endpoint, keys } = c.req.valid('json');
      await devices.savePushSubscription(c.get('device'), { endpoint, keys });
      return c.body(null, 204);
    })
    .patch('/:id', reading, validateParam(deviceIdParams), validateJson(renameDeviceRequest), async (c) => {
      const { employee } = c.get('signedIn');
      const renamed = await devices.rename(employee.id, c.req.valid('param').id, c.req.valid('json').name, requestContext(c));
      if (!renamed) return apiError(c, 404, 'not_found');
      renamed.thisDevice = (await thisDeviceOf(readDeviceCookie(c), employee.id)) === renamed.id;
      return c.json({ device: renamed }, 200);
    })
    .delete('/:id', changingProof, validateParam(deviceIdParams), async (c) => {
      const { employee } = c.get('signedIn');
      const id = c.req.valid('param').id;
      const wasThisDevice = (await thisDeviceOf(readDeviceCookie(c), employee.id)) === id;
      if (!(await devices.remove(employee.id, id, requestContext(c)))) return apiError(c, 404, 'not_found');
      if (wasThisDevice) clearDeviceCookie(c);
      return c.body(null, 204);
    });
}
