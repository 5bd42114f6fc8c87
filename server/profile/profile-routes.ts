import { Hono } from 'hono';
import { profileUpdateRequest } from '../../shared/api-schemas';
import { setPreferredLanguage } from '../db/queries/employees';
import type { AppEnv } from '../http/app-env';
import { validateJson } from '../http/validate-json';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import type { SignedIn } from '../sessions/session-service';
import { toProfile } from './profile';

/** My Profile: who is signed in, and their preferences. */
export function profileRoutes({ sessions, store, now }: Services) {
  return new Hono<AppEnv>()
    .use(requireSession(sessions))
    .get('/', (c) => c.json(toProfile(c.get('signedIn')), 200))
    .patch('/', validateJson(profileUpdateRequest), async (c) => {
      const signedIn = c.get('signedIn');
      const { preferredLanguage } = c.req.valid('json');
      await store.write((w) => setPreferredLanguage(w, signedIn.employee.id, preferredLanguage, now()));
      const updated: SignedIn = { ...signedIn, employee: { ...signedIn.employee, preferredLanguage } };
      return c.json(toProfile(updated), 200);
    });
}
