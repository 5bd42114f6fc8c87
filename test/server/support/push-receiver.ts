/**
 * A push service on 127.0.0.1 for the tests: it accepts Web Push POSTs as a real one does
 * (RFC 8030), checks the VAPID `Authorization` header (RFC 8292: an ES256 JWT for this origin,
 * signed by the key in `k`), decrypts the aes128gcm body (RFC 8291) with the subscription's
 * private key and auth secret through `http_ece`, and answers each endpoint with the statuses
 * the test chose (201 by default; 404, 410, 500…).
 *
 * `subscribe()` makes a subscription as a browser would: a fresh P-256 key pair and a 16-byte
 * auth secret, the public half and the secret handed to the server, the private half kept here.
 */
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import ece from 'http_ece';

export interface TestSubscription {
  /** Our name for it. */
  name: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface ReceivedPush {
  subscription: string;
  /** The decrypted payload, parsed as JSON… */
  payload: unknown;
  /** …and as it came: what an end-to-end test hands the phone (`ServiceWorker.deliverPushMessage`). */
  text: string;
  ttl: number | null;
  urgency: string | null;
  contentEncoding: string | null;
  /** The VAPID claims, once the signature checked out. */
  vapid: { aud: string; sub: string; exp: number; publicKey: string };
  /** What the receiver answered. */
  status: number;
}

export interface PushReceiver {
  origin: string;
  subscribe(name: string): TestSubscription;
  /** The statuses the next pushes to this subscription get, in order; the last one repeats. */
  answer(name: string, ...statuses: number[]): void;
  /** Every push that reached the receiver with a valid signature and body, in order. */
  readonly received: ReceivedPush[];
  /** Requests refused as malformed (bad signature, undecryptable body), with the reason. */
  readonly refused: string[];
  /** Resolves once `count` pushes in all have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  close(): Promise<void>;
}

interface Slot {
  keys: ECDH;
  auth: Buffer;
  statuses: number[];
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Checks `vapid t=<jwt>, k=<key>` (RFC 8292 § 3) and returns its claims, or throws why not. */
export function verifyVapid(header: string | undefined, origin: string): ReceivedPush['vapid'] {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`no vapid Authorization header: ${header ?? '(none)'}`);
  const [, token = '', k = ''] = match;
  const [head = '', body = '', signature = ''] = token.split('.');
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const header_ = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string; typ?: string };
  if (header_.alg !== 'ES256') throw new Error(`JWT alg ${header_.alg}`);
  const signed = verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) throw new Error('the VAPID signature does not verify');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { aud?: string; sub?: string; exp?: number };
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud} is not ${origin}`);
  const nowSeconds = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds || claims.exp > nowSeconds + 24 * 3600) {
    throw new Error(`exp ${claims.exp} is not within the next 24 hours`);
  }
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub}`);
  return { aud: claims.aud, sub: claims.sub, exp: claims.exp, publicKey: k };
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const slots = new Map<string, Slot>();
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  const waiters = new Set<() => void>();
  let origin = '';

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const name = decodeURIComponent((request.url ?? '').replace(/^\/push\//, ''));
      const slot = slots.get(name);
      const refuse = (status: number, reason: string) => {
        refused.push(`${name}: ${reason}`);
        response.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
      };
      if (request.method !== 'POST' || !slot) return refuse(404, 'no such subscription');
      let vapid: ReceivedPush['vapid'];
      let payload: unknown;
      let text: string;
      try {
        vapid = verifyVapid(request.headers.authorization, origin);
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${request.headers['content-encoding']}`);
        text = ece.decrypt(body, { version: 'aes128gcm', privateKey: slot.keys, authSecret: slot.auth }).toString('utf8');
        payload = JSON.parse(text);
      } catch (error) {
        return refuse(400, (error as Error).message);
      }
      const status = slot.statuses.length > 1 ? (slot.statuses.shift() as number) : (slot.statuses[0] ?? 201);
      const ttl = request.headers.ttl;
      received.push({
        subscription: name,
        payload,
        text,
        ttl: typeof ttl === 'string' ? Number(ttl) : null,
        urgency: (request.headers.urgency as string | undefined) ?? null,
        contentEncoding: (request.headers['content-encoding'] as string | undefined) ?? null,
        vapid,
        status,
      });
      for (const wake of [...waiters]) wake();
      response.writeHead(status, status === 201 ? { location: `${origin}/message/${received.length}` } : {}).end();
    })().catch((error: unknown) => {
      refused.push(String(error));
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    origin,
    received,
    refused,
    subscribe(name) {
      const keys = createECDH('prime256v1');
      keys.generateKeys();
      const auth = randomBytes(16);
      slots.set(name, { keys, auth, statuses: [201] });
      return {
        name,
        endpoint: `${origin}/push/${encodeURIComponent(name)}`,
        p256dh: keys.getPublicKey().toString('base64url'),
        auth: auth.toString('base64url'),
      };
    },
    answer(name, ...statuses) {
      const slot = slots.get(name);
      if (!slot) throw new Error(`no subscription ${name}`);
      slot.statuses = statuses;
    },
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${received.length} of ${count} pushes arrived; refused: ${refused.join('; ') || 'none'}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
