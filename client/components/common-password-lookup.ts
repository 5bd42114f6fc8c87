/**
 * Whether a candidate is on the server's list of common and breached passwords, found out
 * without sending it: the browser hashes it (SHA-1 of `commonListKey`, WebCrypto), asks the
 * server for every listed suffix under the digest's first 5 hex digits (k-anonymity, as Have I
 * Been Pwned's range API), and decides here.
 *
 * A reactive controller: `answer()` is called while the host renders; it returns what is known
 * and, for a new candidate, starts a lookup after a pause in typing, then asks the host to
 * render again. Ranges are kept per prefix for the life of the page. A failed request (offline)
 * answers `unavailable` — the server checks when the password is saved — and is tried again
 * when the network comes back or the candidate changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LookupAnswer } from '../../shared/password-policy';
import { sesameApi } from '../api/api-client';

/** Typing pauses shorter than this do not cost a request. */
export const LOOKUP_DELAY_MS = 300;

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

export class CommonPasswordLookup implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #ranges = new Map<string, Promise<Set<string> | null>>();
  /** The candidate key asked last, and the answer for it once known. */
  #asked: string | null = null;
  #known: { key: string; answer: boolean | 'unavailable' } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onOnline = () => {
    if (this.#known?.answer === 'unavailable' && this.#asked === this.#known.key) this.#schedule(this.#known.key);
  };

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#onOnline);
    clearTimeout(this.#timer);
  }

  /** The answer for `key` (see shared/password-policy.ts `commonListKey`), or `pending` while it is looked up. */
  answer(key: string): LookupAnswer {
    if (this.#known?.key === key) {
      this.#asked = key;
      return this.#known.answer;
    }
    if (this.#asked !== key) this.#schedule(key);
    return 'pending';
  }

  /** Forgets the candidate (the field was emptied): nothing of it stays here. */
  forget(): void {
    clearTimeout(this.#timer);
    this.#asked = null;
    this.#known = null;
  }

  #schedule(key: string): void {
    this.#asked = key;
    this.#known = null;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#lookUp(key), LOOKUP_DELAY_MS);
  }

  async #lookUp(key: string): Promise<void> {
    let answer: boolean | 'unavailable' = 'unavailable';
    // WebCrypto exists only in secure contexts (https, localhost); elsewhere the server decides.
    if (globalThis.crypto?.subtle) {
      const digest = await sha1Hex(key);
      const range = await this.#range(digest.slice(0, 5));
      answer = range ? range.has(digest.slice(5)) : 'unavailable';
    }
    if (this.#asked !== key) return;
    this.#known = { key, answer };
    this.#host.requestUpdate();
  }

  #range(prefix: string): Promise<Set<string> | null> {
    let range = this.#ranges.get(prefix);
    if (!range) {
      range = sesameApi.commonPasswordRange(prefix).then((result) => {
        if (result.ok) return new Set(result.data.suffixes);
        this.#ranges.delete(prefix);
        return null;
      });
      this.#ranges.set(prefix, range);
    }
    return range;
  }
}
