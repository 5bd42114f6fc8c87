import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import type { Services } from '../services';

/** The organisation's texts (name, help-desk number, primary system, notice) in both languages. */
export function organisationRoutes({ config }: Services) {
  return new Hono<AppEnv>().get('/', (c) => c.json(config.organisation, 200));
}
