import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { after, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../server/config';
import { createKeyService, DecryptionError, UnknownKeyError } from '../../server/keys/key-service';
import { openKeyService } from '../../server/keys/open-key-service';
import { keyFileIn, loadRootSecret, parseRootSecret, RootSecretError } from '../../server/keys/root-secret';
import { createLogger } from '../../server/logger';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-keys-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const SECRET = randomBytes(32);

describe('the root secret', () => {
  test('SESAME_SECRET_KEY takes hex or base64url of at least 32 bytes', () => {
    assert.deepEqual(parseRootSecret(SECRET.toString('hex')), SECRET);
    assert.deepEqual(parseRootSecret(SECRET.toString('base64url')), SECRET);
    assert.deepEqual(parseRootSecret(`${SECRET.toString('base64url')}=`), SECRET);
    assert.equal(parseRootSecret(randomBytes(31).toString('hex')), null);
    assert.equal(parseRootSecret('not a key, clearly!'), null);
    assert.equal(
      loadConfig({ SESAME_SECRET_KEY: SECRET.toString('hex') })
        .keys.secret?.bytes()
        .equals(SECRET),
      true,
    );
  });

  test('a bad SESAME_SECRET_KEY stops the server naming the variable, without echoing the value', () => {
    for (const [name, value] of [
      ['SESAME_SECRET_KEY', 'short-secret-value'],
      ['SESAME_PREVIOUS_SECRET_KEYS', `${SECRET.toString('hex')},short-secret-value`],
    ] as const) {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.variable === name &&
          /32/.test(error.message) &&
          !error.message.includes('short-secret-value'),
      );
    }
  });

  test('without SESAME_SECRET_KEY, a key file is made on first start (0600) and read back after', () => {
    const dataDir = join(freshDir(), 'data');
    const first = loadRootSecret({ configured: null, dataDir, create: true });
    assert.equal(first.length, 32);
    assert.equal(statSync(keyFileIn(dataDir)).mode & 0o777, 0o600);
    assert.deepEqual(loadRootSecret({ configured: null, dataDir, create: true }), first);
    assert.equal(openKeyService({ dataDir, keys: { secret: null, previous: [] } }).keyId, createKeyService(first).keyId);
  });

  test('a tool that must not invent a key (audit:verify) refuses when there is none', () => {
    assert.throws(() => loadRootSecret({ configured: null, dataDir: freshDir(), create: false }), /SESAME_SECRET_KEY is unset/);
  });

  test('a key file readable by others, or of the wrong length, is refused', () => {
    const dataDir = freshDir();
    loadRootSecret({ configured: null, dataDir, create: true });
    chmodSync(keyFileIn(dataDir), 0o644);
    assert.throws(
      () => loadRootSecret({ configured: null, dataDir, create: true }),
      (e: unknown) => e instanceof RootSecretError && /chmod 600/.test(e.message),
    );
    writeFileSync(keyFileIn(dataDir), `${randomBytes(16).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(keyFileIn(dataDir), 0o600);
    assert.throws(() => loadRootSecret({ configured: null, dataDir, create: true }), /does not hold/);
  });

  test('processes starting together on an empty data directory agree on one key', async () => {
    const dataDir = join(freshDir(), 'data');
    const script = `import { loadRootSecret } from './server/keys/root-secret.ts';
      process.stdout.write(loadRootSecret({ configured: null, dataDir: ${JSON.stringify(dataDir)}, create: true }).toString('hex'));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const keys = await Promise.all([run(), run(), run(), run()]);
    assert.equal(new Set(keys).size, 1);
    assert.equal(keys[0], parseRootSecret(readFileSync(keyFileIn(dataDir), 'utf8'))?.toString('hex'));
  });
});

describe('the key service', () => {
  const keys = createKeyService(SECRET);

  test('ciphertexts name their key id and decrypt only for their purpose and row', () => {
    const sealed = keys.encrypt('totp-secret', 'JBSWY3DPEHPK3PXP', 'device:42');
    const [version, keyId, iv, body] = sealed.split('.');
    assert.equal(version, 'v1');
    assert.equal(keyId, keys.keyId);
    assert.ok(iv && body && !sealed.includes('JBSWY3DPEHPK3PXP'));
    assert.equal(keys.decrypt('totp-secret', sealed, 'device:42').toString(), 'JBSWY3DPEHPK3PXP');
    assert.notEqual(keys.encrypt('totp-secret', 'JBSWY3DPEHPK3PXP', 'device:42'), sealed, 'a fresh IV each time');
    assert.throws(() => keys.decrypt('totp-secret', sealed, 'device:43'), DecryptionError);
    assert.throws(() => keys.decrypt('pending-password', sealed, 'device:42'), DecryptionError);
  });

  test('a tampered ciphertext is refused', () => {
    const sealed = keys.encrypt('pending-password', 'correct horse battery', 'employee:7');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    for (let i = 0; i < body.length; i += 5) {
      const flipped = Buffer.from(body);
      flipped[i] = flipped[i]! ^ 1;
      assert.throws(
        () => keys.decrypt('pending-password', [...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'employee:7'),
        DecryptionError,
      );
    }
    const iv = Buffer.from(parts[2]!, 'base64url');
    iv[0] = iv[0]! ^ 1;
    assert.throws(
      () => keys.decrypt('pending-password', [parts[0], parts[1], iv.toString('base64url'), parts[3]].join('.'), 'employee:7'),
      DecryptionError,
    );
    assert.throws(() => keys.decrypt('pending-password', sealed.slice(0, -4), 'employee:7'), DecryptionError);
    assert.throws(() => keys.decrypt('pending-password', 'v2.x.y.z', 'employee:7'), DecryptionError);
  });

  test('another secret cannot decrypt or verify; after a rotation the previous one still does', () => {
    const sealed = keys.encrypt('totp-secret', 'secret', 'row:1');
    const other = createKeyService(randomBytes(32));
    assert.notEqual(other.keyId, keys.keyId);
    assert.throws(() => other.decrypt('totp-secret', sealed, 'row:1'), UnknownKeyError);
    assert.throws(() => other.verifyMac('audit-chain', 'data', keys.mac('audit-chain', 'data'), keys.keyId), UnknownKeyError);

    const rotated = createKeyService(randomBytes(32), [SECRET]);
    assert.deepEqual(rotated.keyIds.slice(1), [keys.keyId]);
    assert.equal(rotated.decrypt('totp-secret', sealed, 'row:1').toString(), 'secret');
    assert.equal(rotated.encrypt('totp-secret', 'new', 'row:1').split('.')[1], rotated.keyId);
    assert.ok(rotated.verifyMac('audit-chain', 'data', keys.mac('audit-chain', 'data'), keys.keyId));
  });

  test('each purpose has its own MAC key', () => {
    const chain = keys.mac('audit-chain', 'same data');
    assert.match(chain, /^[0-9a-f]{64}$/);
    assert.notEqual(keys.mac('audit-checkpoint', 'same data'), chain);
    assert.ok(keys.verifyMac('audit-chain', 'same data', chain));
    assert.ok(!keys.verifyMac('audit-checkpoint', 'same data', chain));
    assert.ok(!keys.verifyMac('audit-chain', 'same data', chain.slice(0, 62)));
  });

  test('neither the service nor the configuration prints key material, and the log censors raw secrets', () => {
    const hex = SECRET.toString('hex');
    const b64 = SECRET.toString('base64url');
    const config = loadConfig({ SESAME_SECRET_KEY: hex, SESAME_PREVIOUS_SECRET_KEYS: randomBytes(32).toString('hex') });
    const printed = [
      JSON.stringify(keys),
      inspect(keys, { depth: 10, showHidden: true }),
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
    ].join('\n');
    assert.ok(!printed.includes(hex) && !printed.includes(b64));
    assert.ok(!printed.includes(JSON.stringify([...SECRET.subarray(0, 8)]).slice(1, -1)));

    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    log.info({ keys, config, secret: hex, env: { SESAME_SECRET_KEY: b64 } }, 'oops');
    const text = lines.join('');
    assert.ok(!text.includes(hex) && !text.includes(b64), text);
  });
});
