import { Hono } from 'hono';
import { profileUpdateRequest, type ActivityItem, type ActivityResponse } from '../../shared/api-schemas';
import type { AppEnv } from '../http/app-env';
import { validateJson } from '../http/validate-json';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import { toProfile } from './profile';

/** My Profile: who is signed in, and their preferences (the `profile` area, route by route). */
export function profileRoutes({ sessions, profiles, audit }: Services) {
  const profile = requireSession(sessions, { area: 'profile' });
  return new Hono<AppEnv>()
    .get('/', profile, (c) => c.json(toProfile(c.get('signedIn')), 200))
    .patch('/', profile, validateJson(profileUpdateRequest), async (c) => {
      const { preferredLanguage } = c.req.valid('json');
      const updated = await profiles.setPreferredLanguage(c.get('signedIn'), preferredLanguage);
      return c.json(toProfile(updated), 200);
    })
    .get('/activity', profile, async (c) => {
      const rows = await audit.recent(c.get('signedIn').employee.id, 20);
      const body: ActivityResponse = {
        events: rows.map((row) => ({
          at: row.at.toISOString(),
          type: row.type as ActivityItem['type'],
          outcome: row.outcome as ActivityItem['outcome'],
          method: row.method,
          ip: row.ip,
        })),
      };
      return c.json(body, 200);
    });
}
