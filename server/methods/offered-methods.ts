import { METHOD_IDS, type MethodId } from '../../shared/methods';

/**
 * The methods a user ID is offered. Deliberately not a function of the user ID: the list is the
 * same for everyone, so it reveals neither whether the ID exists nor what it has enrolled.
 */
export function offeredMethods(): MethodId[] {
  return [...METHOD_IDS];
}
