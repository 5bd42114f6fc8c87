/**
 * The phone's side of "Mobile device", under /api/device/requests, with the device credential
 * (`requireDevice`) and never a session: the pending requests of the device's employee (the
 * pull path — the app asks when it opens or comes to the front), one request, the WebAuthn
 * options of its approval, the approval itself (number + assertion) and "It wasn't me".
 * Another employee's request is not found, exactly like a request that does not exist.
 */
import { Hono } from 'hono';
import {
  approvalIdParams,
  approveRequest,
  type ApprovalDecisionResponse,
  type ApprovalOptionsResponse,
  type DeviceRequestsResponse,
} from '../../shared/approval-schemas';
import type { ErrorCode } from '../../shared/error-codes';
import { readDeviceCookie, requireDevice } from '../devices/device-credential';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import { validateParam } from '../http/validate-param';
import type { Services } from '../services';
import type { DecisionRefusal } from './approval-service';

const REFUSALS: Record<DecisionRefusal, { status: 400 | 404 | 409; code: ErrorCode }> = {
  not_found: { status: 404, code: 'not_found' },
  closed: { status: 409, code: 'approval_closed' },
  not_verified: { status: 400, code: 'passkey_not_verified' },
  wrong_number: { status: 400, code: 'wrong_number' },
  too_many_wrong_numbers: { status: 409, code: 'too_many_wrong_numbers' },
};

export function deviceRequestRoutes(services: Services) {
  const { approvals } = services;
  const device = requireDevice(services);
  return (
    new Hono<AppEnv>()
      // Asked by every copy of the app when it opens: a browser that is no enrolled device (no
      // credential at all) is told so without an error, 204; a removed device's credential gets 401.
      .get(
        '/',
        async (c, next) => (readDeviceCookie(c) ? next() : c.body(null, 204)),
        device,
        async (c) => {
          const body: DeviceRequestsResponse = { requests: await approvals.forDevice(c.get('device')) };
          return c.json(body, 200);
        },
      )
      .get('/:id', device, validateParam(approvalIdParams), async (c) => {
        const found = await approvals.oneForDevice(c.get('device'), c.req.valid('param').id);
        if (!found) return apiError(c, 404, 'not_found');
        return c.json({ request: found }, 200);
      })
      .post('/:id/options', device, validateParam(approvalIdParams), async (c) => {
        const result = await approvals.options(c.get('device'), c.req.valid('param').id);
        if (!result.ok) return apiError(c, REFUSALS[result.reason].status, REFUSALS[result.reason].code);
        const body: ApprovalOptionsResponse = { options: result.options };
        return c.json(body, 200);
      })
      .post('/:id/approve', device, validateParam(approvalIdParams), validateJson(approveRequest), async (c) => {
        const { number, assertion } = c.req.valid('json');
        const result = await approvals.approve({
          device: c.get('device'),
          id: c.req.valid('param').id,
          number,
          assertion,
          context: requestContext(c),
        });
        if (!result.ok) return apiError(c, REFUSALS[result.reason].status, REFUSALS[result.reason].code);
        const body: ApprovalDecisionResponse = { status: 'approved' };
        return c.json(body, 200);
      })
      .post('/:id/deny', device, validateParam(approvalIdParams), async (c) => {
        const result = await approvals.report({ device: c.get('device'), id: c.req.valid('param').id, context: requestContext(c) });
        if (!result.ok) return apiError(c, REFUSALS[result.reason].status, REFUSALS[result.reason].code);
        const body: ApprovalDecisionResponse = { status: 'reported' };
        return c.json(body, 200);
      })
  );
}
