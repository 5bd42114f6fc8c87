import type { Language } from '../../shared/languages';
import type { Clock } from '../clock';
import { setPreferredLanguage } from '../db/queries/employees';
import type { Store } from '../db/store';
import type { SignedIn } from '../sessions/session-service';

/** What an employee may change about themselves on My Profile. */
export interface ProfileService {
  setPreferredLanguage(signedIn: SignedIn, language: Language): Promise<SignedIn>;
}

export function createProfileService(store: Store, now: Clock): ProfileService {
  return {
    async setPreferredLanguage(signedIn, language) {
      await store.write((w) => setPreferredLanguage(w, signedIn.employee.id, language, now()));
      return { ...signedIn, employee: { ...signedIn.employee, preferredLanguage: language } };
    },
  };
}
