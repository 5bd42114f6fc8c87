/**
 * /api/push: what a page needs to subscribe to pushes. The VAPID public key is public by
 * design (every subscription carries it), so no session is needed to read it.
 */
import { Hono } from 'hono';
import type { PushPublicKeyResponse } from '../../shared/device-schemas';
import type { AppEnv } from '../http/app-env';
import type { Services } from '../services';
import { loadVapidKeys } from './vapid-keys';

export function pushRoutes(services: Services) {
  return new Hono<AppEnv>().get('/public-key', async (c) => {
    const body: PushPublicKeyResponse = { publicKey: (await loadVapidKeys(services)).publicKey };
    return c.json(body, 200);
  });
}
