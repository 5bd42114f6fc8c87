import type { OrganisationResponse } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
import type { CurrentDevice } from '../devices/device-credential';
import type { SignedIn } from '../sessions/session-service';

/** What every handler can read from the context. */
export interface AppEnv {
  Variables: {
    /** Set by the language detector from Accept-Language: the caller's language. */
    language: string;
    organisation: OrganisationResponse;
    clientIp: string;
    /** Set by `requireSession` on routes that need a signed-in employee. */
    signedIn: SignedIn;
    /** Set by `requireDevice` on routes the enrolled phone's app calls with its device credential. */
    device: CurrentDevice;
  };
}

export function callerLanguage(value: string | undefined): Language {
  return value === 'fr' ? 'fr' : 'en';
}
