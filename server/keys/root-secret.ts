/**
 * The one root secret every key of Sésame is derived from. It never lives in the database:
 * whoever can write the database must not be able to forge what the keys vouch for. It comes
 * from SESAME_SECRET_KEY, or from a key file generated in the data directory on first start.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

export const ROOT_SECRET_MIN_BYTES = 32;
export const KEY_FILE_NAME = 'secret.key';
/** What a generated key file holds: 32 random bytes, base64url, one line. */
const GENERATED_BYTES = 32;

export class RootSecretError extends Error {
  override name = 'RootSecretError';
}

/**
 * `text` as hex (an even number of hex digits) or base64url (padding tolerated), of at least
 * 32 bytes; null when it is neither.
 */
export function parseRootSecret(text: string): Buffer | null {
  const value = text.trim();
  let bytes: Buffer;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(value)) bytes = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9_-]+={0,2}$/.test(value)) bytes = Buffer.from(value.replace(/=+$/, ''), 'base64url');
  else return null;
  return bytes.length >= ROOT_SECRET_MIN_BYTES ? bytes : null;
}

export const ROOT_SECRET_FORMAT = `hex or base64url of at least ${ROOT_SECRET_MIN_BYTES} random bytes (e.g. \`openssl rand -base64 32 | tr '+/' '-_'\`)`;

/** A configured secret: prints and serialises as `[secret]`, so that logging a config leaks nothing. */
export class RootSecret {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  bytes(): Buffer {
    return this.#bytes;
  }
  toJSON(): string {
    return '[secret]';
  }
  [inspect.custom](): string {
    return 'RootSecret [secret]';
  }
}

/** The key file's path in a data directory. */
export function keyFileIn(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

function readKeyFile(path: string): Buffer {
  const stat = lstatSync(path);
  if (!stat.isFile()) throw new RootSecretError(`the key file ${path} is not a regular file`);
  const loose = stat.mode & 0o077;
  if (loose) {
    throw new RootSecretError(
      `the key file ${path} can be read by others (mode ${(stat.mode & 0o777).toString(8)}): run \`chmod 600 ${path}\` after checking who read it`,
    );
  }
  const secret = parseRootSecret(readFileSync(path, 'utf8'));
  if (!secret) throw new RootSecretError(`the key file ${path} does not hold ${ROOT_SECRET_FORMAT}`);
  return secret;
}

/**
 * Creates the key file if there is none, atomically: the secret is written and synced to a
 * private temporary file, then hard-linked to its name, which fails if another process got
 * there first, so that processes starting together all end up with the first one's secret and
 * none ever reads a half-written file.
 */
function createKeyFile(dataDir: string, path: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temporary = join(dataDir, `.${KEY_FILE_NAME}.${process.pid}.${randomBytes(6).toString('hex')}`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(GENERATED_BYTES).toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

export interface RootSecretSource {
  /** SESAME_SECRET_KEY, already parsed (config.ts), or null. */
  configured: RootSecret | null;
  dataDir: string;
  /** False for tools such as audit:verify, which must not invent a key nobody used. */
  create: boolean;
}

export function loadRootSecret({ configured, dataDir, create }: RootSecretSource): Buffer {
  if (configured) return configured.bytes();
  const path = keyFileIn(dataDir);
  try {
    return readKeyFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!create) throw new RootSecretError(`no key: SESAME_SECRET_KEY is unset and there is no key file at ${path}`);
  createKeyFile(dataDir, path);
  return readKeyFile(path);
}
