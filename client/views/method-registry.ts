/**
 * Every authentication method the client knows, one entry each: how screens name it, the screen
 * that runs it, whether it can stand in for a forgotten password, and where it is enrolled.
 * Method ids come from `shared/methods.ts`; the type demands an entry for each of them, so a new
 * method is one entry here (plus its screens in the route table).
 */
import { msg } from '@lit/localize';
import { METHOD_IDS, type MethodId } from '../../shared/methods';
import type { RouteName } from '../navigation/route-table';

export interface MethodEntry {
  /** As the methods screen offers it ("Use password"). */
  readonly choice: () => string;
  /** Inside a sentence ("… with your password"). */
  readonly inSentence: () => string;
  /** Its plain name, as Recent activity cites it ("Signed in (password)"). */
  readonly name: () => string;
  /** The screen that runs it, to sign in (and to reset, when it can). */
  readonly route: RouteName;
  /** Whether it proves who someone is without their password, and so opens "Set a new password". */
  readonly resetsPassword: boolean;
  /** Where an employee enrols it; null when there is nothing to enrol. */
  readonly enrolment: RouteName | null;
}

export const METHODS: { readonly [M in MethodId]: MethodEntry } = {
  password: {
    choice: () => msg('Use password'),
    inSentence: () => msg('with your password'),
    name: () => msg('password'),
    route: 'password',
    resetsPassword: false,
    enrolment: null,
  },
  questions: {
    choice: () => msg('Answer security questions'),
    inSentence: () => msg('with your security questions'),
    name: () => msg('security questions'),
    route: 'questions',
    resetsPassword: true,
    enrolment: 'security-questions',
  },
  mobile: {
    choice: () => msg('Mobile device'),
    inSentence: () => msg('with your mobile device'),
    name: () => msg('mobile device'),
    route: 'mobile-wait',
    resetsPassword: true,
    enrolment: 'devices',
  },
};

export function isMethodId(value: string | null): value is MethodId {
  return (METHOD_IDS as readonly (string | null)[]).includes(value);
}

/** Of the methods `offered`, those "Forgot your password?" may offer, in the same order. */
export function resetMethods(offered: readonly MethodId[]): MethodId[] {
  return offered.filter((id) => METHODS[id].resetsPassword);
}
