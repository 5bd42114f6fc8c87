/**
 * Thousands of waiting browsers held by one client process, over raw `node:http`: each starts
 * its "Mobile device" request (`POST /api/auth/mobile/start`, from an address of its own as a
 * proxy would forward it), keeps its `__Host-sesame-approval` cookie, and holds its event stream
 * (`GET /api/auth/mobile/events`) open on a socket of its own, parsing the Server-Sent Events as
 * they arrive. The phone's requests (options, approve) go over a small keep-alive pool.
 */
import http from 'node:http';

export interface Instance {
  port: number;
  /** The origin the server was configured with (SESAME_ORIGIN), sent as a browser would. */
  origin: string;
}

export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The phone's and the starts' requests: a few keep-alive sockets, as browsers and phones share a proxy's. */
const pool = new http.Agent({ keepAlive: true, maxSockets: 16 });
/** Event streams: one socket each, never pooled. */
const streams = new http.Agent({ keepAlive: false, maxSockets: Infinity });

export interface JsonResponse {
  status: number;
  body: string;
  setCookie: string[];
}

export function request(
  to: Instance,
  method: string,
  path: string,
  { json, cookie, headers = {} }: { json?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent: pool,
        host: '127.0.0.1',
        port: to.port,
        method,
        path,
        headers: {
          origin: to.origin,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, setCookie: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A distinct address per browser (10.x.y.z), forwarded as a proxy would: each has its own per-address limit. */
export function addressOf(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

export interface StatusEvent {
  status: string;
  /** performance.now() when the event's last byte was parsed. */
  at: number;
}

/** One waiting browser: its request, and its open event stream. */
export class WaitingBrowser {
  readonly events: StatusEvent[] = [];
  #waiters: Array<(event: StatusEvent) => void> = [];
  #request: http.ClientRequest | null = null;

  constructor(
    readonly requestId: string,
    readonly number: number,
    readonly cookie: string,
  ) {}

  /** Resolves once the stream is open and its first status (pending) has arrived. */
  open(to: Instance): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        {
          agent: streams,
          host: '127.0.0.1',
          port: to.port,
          path: '/api/auth/mobile/events',
          headers: { cookie: this.cookie, accept: 'text/event-stream' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`events: ${res.statusCode}`));
            res.resume();
            return;
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (!/^event: status$/m.test(block) || data === undefined) continue; // a heartbeat comment
              const event = { status: (JSON.parse(data) as { status: string }).status, at: performance.now() };
              this.events.push(event);
              for (const waiter of this.#waiters.splice(0)) waiter(event);
            }
          });
          res.on('error', () => undefined);
          void this.next().then(() => resolve(), reject);
        },
      );
      req.on('error', reject);
      this.#request = req;
    });
  }

  /** The next status event (or the last one, if it arrived since `after` events). */
  next(after = this.events.length): Promise<StatusEvent> {
    const already = this.events[after];
    if (already) return Promise.resolve(already);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    this.#request?.destroy();
  }
}

/** "Mobile device" → Continue, as the browser at address `i` would; throws unless it started. */
export async function startWaiting(to: Instance, userId: string, i: number): Promise<WaitingBrowser> {
  const response = await request(to, 'POST', '/api/auth/mobile/start', {
    json: { userId, purpose: 'sign-in' },
    headers: { 'user-agent': DESKTOP_UA, 'x-forwarded-for': addressOf(i) },
  });
  if (response.status !== 200) throw new Error(`start ${userId}: ${response.status} ${response.body}`);
  const cookie = /(__Host-sesame-approval=[^;]*)/.exec(response.setCookie.join('\n'))?.[1];
  if (!cookie) throw new Error(`start ${userId}: no approval cookie`);
  const { requestId, number } = JSON.parse(response.body) as { requestId: string; number: number };
  return new WaitingBrowser(requestId, number, cookie);
}

export function closePools(): void {
  pool.destroy();
  streams.destroy();
}
