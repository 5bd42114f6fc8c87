/**
 * The app's screens and their addresses. Each screen has a path so that the back button and a
 * reload behave as people expect; screens that need an earlier step fall back to sign-in.
 */
export const SCREEN_PATHS = {
  'sign-in': '/',
  methods: '/methods',
  password: '/password',
  'forgot-password': '/forgot-password',
  profile: '/profile',
} as const;

export type Screen = keyof typeof SCREEN_PATHS;

export function screenForPath(path: string): Screen {
  const entry = Object.entries(SCREEN_PATHS).find(([, p]) => p === path);
  return entry ? (entry[0] as Screen) : 'sign-in';
}

/** Screens that make sense only once a user ID has been entered. */
export function needsUserId(screen: Screen): boolean {
  return screen === 'methods' || screen === 'password';
}
