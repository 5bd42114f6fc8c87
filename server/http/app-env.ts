import type { OrganisationResponse } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
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
  };
}

export function callerLanguage(value: string | undefined): Language {
  return value === 'fr' ? 'fr' : 'en';
}
