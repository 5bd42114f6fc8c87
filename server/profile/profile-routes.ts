import { Hono } from 'hono';
import { profileUpdateRequest, type ActivityResponse } from '../../shared/api-schemas';
import type { AppEnv } from '../http/app-env';
import { validateJson } from '../http/validate-json';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import { toProfile } from './profile';
import { recentActivity } from './recent-activity';

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
      const body: ActivityResponse = await recentActivity(audit, c.get('signedIn'));
      return c.json(body, 200);
    });
}
