/**
 * A stand-in for the password API in component tests: the policy, the common-password range
 * (answered by k-anonymity, as the server does) and the save endpoints, whose answers each test
 * chooses. Every request is recorded.
 */
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../shared/password-policy';
import { jsonResponse, stubFetch, type RecordedRequest } from './helpers';

export async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

export interface PasswordServer {
  requests: RecordedRequest[];
  /** The requests that saved (or tried to save) a password. */
  saves(): RecordedRequest[];
}

export function passwordServer(
  options: {
    policy?: PasswordPolicy;
    /** Lowercased entries of the common-password list. */
    listed?: string[];
    /** The answer to POST /api/password/set or /change. */
    save?: (request: RecordedRequest) => Response;
  } = {},
): PasswordServer {
  const digests = Promise.all((options.listed ?? []).map(sha1Hex));
  const requests = stubFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/password/policy') return jsonResponse(200, options.policy ?? DEFAULT_PASSWORD_POLICY);
    const prefix = /^\/api\/password\/common-range\/([0-9A-F]{5})$/.exec(path)?.[1];
    if (prefix) {
      const suffixes = (await digests).filter((d) => d.startsWith(prefix)).map((d) => d.slice(5));
      return jsonResponse(200, { suffixes });
    }
    if (path === '/api/password/set' || path === '/api/password/change') {
      return options.save ? options.save(request) : jsonResponse(200, { access: { level: 'full' } });
    }
    return jsonResponse(404, { error: 'not_found', message: 'There is nothing at this address.' });
  });
  return {
    requests,
    saves: () => requests.filter((r) => r.method === 'POST'),
  };
}
