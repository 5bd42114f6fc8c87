/**
 * "Add a phone". The desktop's routes, under /api/devices/enrolment-links, belong to a session:
 * creating a link changes how the employee proves who they are (it adds a device), so it needs a
 * recent proof; following it (`GET /:id`, and `/:id/events` as Server-Sent Events) needs only the
 * session. The phone's routes, under /api/enrolment-link, have no session: the link's token, in
 * the JSON body, stands in for one.
 */
import { Hono } from 'hono';
import QRCode from 'qrcode';
import {
  enrolmentLinkIdParams,
  linkAddDeviceRequest,
  linkRegistrationOptionsRequest,
  type EnrolmentLinkResponse,
  type EnrolmentLinkStatusResponse,
  type LinkAddDeviceResponse,
  type LinkRegistrationOptionsResponse,
} from '../../shared/enrolment-link-schemas';
import type { ErrorCode } from '../../shared/error-codes';
import { listDevices } from '../db/queries/mobile-devices';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { statusStream } from '../http/status-stream';
import { validateJson } from '../http/validate-json';
import { validateParam } from '../http/validate-param';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import { issueDeviceCookie } from './device-credential';
import { DEVICES_CHANNEL, type DeviceChange } from './device-events';
import { toDeviceItem } from './device-management';
import type { LinkRefusal, LinkStatus } from './enrolment-links';

const REFUSALS: Record<LinkRefusal, { status: 404 | 410; code: ErrorCode }> = {
  unknown: { status: 404, code: 'enrolment_link_unknown' },
  used: { status: 410, code: 'enrolment_link_used' },
  expired: { status: 410, code: 'enrolment_link_expired' },
  replaced: { status: 410, code: 'enrolment_link_replaced' },
};

/** A stream with nothing to say still writes this often, so that proxies keep it open. */
const KEEP_ALIVE_MS = 20_000;

const statusBody = (status: LinkStatus): EnrolmentLinkStatusResponse => ({
  state: status.state,
  expiresAt: status.expiresAt.toISOString(),
  deviceName: status.deviceName,
});

export function enrolmentLinkRoutes(services: Services) {
  const { sessions, enrolmentLinks, store, now, stopping, log } = services;
  const reading = requireSession(sessions, { area: 'enrol' });
  const changingProof = requireSession(sessions, { area: 'enrol', recentProof: true });

  return new Hono<AppEnv>()
    .post('/', changingProof, async (c) => {
      const link = await enrolmentLinks.create(c.get('signedIn'), requestContext(c));
      // Plain SVG presentation attributes (fill, stroke), no style attribute: it renders under the CSP.
      const qrSvg = await QRCode.toString(link.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      const body: EnrolmentLinkResponse = {
        id: link.id,
        url: link.url,
        qrSvg,
        expiresAt: link.expiresAt.toISOString(),
        expiresInSeconds: Math.max(0, Math.round((link.expiresAt.getTime() - now().getTime()) / 1000)),
      };
      return c.json(body, 201);
    })
    .get('/:id', reading, validateParam(enrolmentLinkIdParams), async (c) => {
      const status = await enrolmentLinks.status(c.get('signedIn').employee.id, c.req.valid('param').id);
      if (!status) return apiError(c, 404, 'not_found');
      return c.json(statusBody(status), 200);
    })
    .get('/:id/events', reading, validateParam(enrolmentLinkIdParams), async (c) => {
      const employeeId = c.get('signedIn').employee.id;
      const id = c.req.valid('param').id;
      const first = await enrolmentLinks.status(employeeId, id);
      if (!first) return apiError(c, 404, 'not_found');
      return statusStream(
        c,
        {
          // An event only wakes us: the state is read again from the database.
          watch: (wake) =>
            store.events.subscribe(
              DEVICES_CHANNEL,
              (payload) => {
                if ((payload as DeviceChange | null)?.employeeId === employeeId) wake();
              },
              { onGap: wake },
            ),
          read: () => enrolmentLinks.status(employeeId, id),
          encode: (status) => JSON.stringify(statusBody(status)),
          isFinal: (status) => status.state !== 'waiting',
          changesInMs: (status) => status.expiresAt.getTime() - now().getTime(),
        },
        // A newer link replacing this one publishes no device event: the keep-alive reads again.
        {
          keepAliveMs: KEEP_ALIVE_MS,
          rereadEveryMs: KEEP_ALIVE_MS,
          stopping,
          onError: (error) => log.error({ err: error }, 'enrolment link event stream failed'),
        },
      );
    });
}

/** The phone's side: no session, the link's token in the body. */
export function enrolmentLinkPhoneRoutes(services: Services) {
  const { enrolmentLinks, store } = services;
  return new Hono<AppEnv>()
    .post('/registration-options', validateJson(linkRegistrationOptionsRequest), async (c) => {
      const result = await enrolmentLinks.registrationOptions(c.req.valid('json').token, c.req.header('user-agent') ?? '');
      if (!result.ok) return apiError(c, REFUSALS[result.reason].status, REFUSALS[result.reason].code);
      const body: LinkRegistrationOptionsResponse = {
        options: result.options as unknown as LinkRegistrationOptionsResponse['options'],
        platform: result.platform,
        displayName: result.displayName,
      };
      return c.json(body, 200);
    })
    .post('/device', validateJson(linkAddDeviceRequest), async (c) => {
      const { token, name, language, registration } = c.req.valid('json');
      const result = await enrolmentLinks.add({ token, name, language, registration, context: requestContext(c) });
      if (!result.ok) {
        if (result.reason === 'not_verified') return apiError(c, 400, 'passkey_not_verified');
        return apiError(c, REFUSALS[result.reason].status, REFUSALS[result.reason].code);
      }
      issueDeviceCookie(c, result.credentialToken);
      const [listed] = (await listDevices(store, result.device.employeeId)).filter((d) => d.id === result.device.id);
      const body: LinkAddDeviceResponse = {
        device: toDeviceItem(listed ?? { ...result.device, notifications: false }, result.device.id),
        offlineKey: result.offlineKey,
      };
      return c.json(body, 201);
    });
}
