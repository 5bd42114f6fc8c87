/**
 * The app's screens and their addresses. Each screen has a path so that the back button and a
 * reload behave as people expect; `screenFor` decides which one may show now.
 */
export const SCREEN_PATHS = {
  'sign-in': '/',
  methods: '/methods',
  password: '/password',
  questions: '/questions',
  'forgot-password': '/forgot-password',
  'set-password': '/set-password',
  profile: '/profile',
  'change-password': '/profile/password',
  'security-questions': '/profile/security-questions',
  activity: '/profile/activity',
} as const;

export type Screen = keyof typeof SCREEN_PATHS;

export function screenForPath(path: string): Screen {
  const entry = Object.entries(SCREEN_PATHS).find(([, p]) => p === path);
  return entry ? (entry[0] as Screen) : 'sign-in';
}
