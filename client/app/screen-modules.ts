/**
 * Each screen's module, loaded when the screen is first shown: the sign-in screen, which every
 * visit starts with, ships in the app's own chunk; the rest arrive on demand (and from the
 * service worker's cache once installed), so that the first screen loads as little as possible.
 */
import type { Screen } from '../navigation/screens';

const modules: Record<Exclude<Screen, 'sign-in'>, () => Promise<unknown>> = {
  methods: () => import('../views/methods-view'),
  password: () => import('../views/password-view'),
  questions: () => import('../views/questions-view'),
  'forgot-password': () => import('../views/forgot-password-view'),
  'set-password': () => import('../views/set-password-view'),
  profile: () => import('../views/profile-view'),
  'change-password': () => import('../views/change-password-view'),
  'security-questions': () => import('../views/security-questions-view'),
  activity: () => import('../views/activity-view'),
};

export async function loadScreen(screen: Screen): Promise<void> {
  if (screen !== 'sign-in') await modules[screen]();
}
