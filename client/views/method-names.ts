import { msg } from '@lit/localize';
import type { MethodId } from '../../shared/methods';

/** The method as the methods screen offers it ("Use password"). */
export function methodChoice(method: MethodId): string {
  switch (method) {
    case 'password':
      return msg('Use password');
    case 'questions':
      return msg('Answer security questions');
  }
}

/** The method inside a sentence ("… with your password"). */
export function methodInSentence(method: MethodId): string {
  switch (method) {
    case 'password':
      return msg('with your password');
    case 'questions':
      return msg('with your security questions');
  }
}
