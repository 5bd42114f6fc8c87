/**
 * Which screen may show, given where the user asked to go and what their session allows.
 * Signed out: the sign-in steps (those after the user ID only once one was entered). Signed in:
 * My Profile and its screens — unless the session demands a step first (a new password, an
 * enrolment), which is then the only screen.
 */
import type { SessionAccess } from '../../shared/api-schemas';
import type { MethodId } from '../../shared/methods';
import type { Screen } from './screens';

export interface FlowState {
  /** Null when signed out. */
  access: SessionAccess | null;
  userId: string;
  methods: readonly MethodId[];
}

const SIGNED_IN: readonly Screen[] = ['profile', 'change-password', 'security-questions', 'activity'];

export function screenFor(requested: Screen, state: FlowState): Screen {
  const { access } = state;
  if (access?.level === 'set-password') return 'set-password';
  if (access?.level === 'enrol') return 'security-questions';
  if (access) return SIGNED_IN.includes(requested) ? requested : 'profile';

  switch (requested) {
    case 'sign-in':
      return 'sign-in';
    case 'methods':
      return state.userId && state.methods.length > 0 ? 'methods' : 'sign-in';
    case 'password':
    case 'questions':
      return state.userId && (state.methods as readonly string[]).includes(requested) ? requested : 'sign-in';
    case 'forgot-password':
      return state.userId ? 'forgot-password' : 'sign-in';
    default:
      return 'sign-in';
  }
}
