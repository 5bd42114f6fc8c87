/**
 * The Node HTTP server around the app: bounded time for a request's headers and body, a clean
 * 413 on keep-alive connections, and a listen error that says which port is taken.
 */
import type { Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';

export interface HttpTimeouts {
  /** The whole request — headers and body — must arrive within this. */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { requestMs: 10_000, keepAliveMs: 5_000 };

/** How long a refused upload may keep sending before its connection is cut. */
const LINGER_MS = 2_000;

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is already in use: stop what holds it, or choose another with PORT=…`);
    this.name = 'PortInUseError';
  }
}

type Fetch = Parameters<typeof getRequestListener>[0];

/**
 * After a refused body (413) the client may still be sending it. Closing the socket while its
 * bytes arrive makes the kernel answer with a reset, which can destroy the 413 before the client
 * reads it. So the response says `Connection: close`, is flushed, the socket is half-closed, and
 * the rest of the upload is read and dropped until the client closes (or LINGER_MS passes).
 */
function lingerOnRefusal(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 413) {
      res.shouldKeepAlive = false;
      const socket = res.socket as (Socket & { destroySoon?: () => void }) | null;
      if (socket) {
        socket.destroySoon = () => {
          socket.end();
          socket.resume();
          const timer = setTimeout(() => socket.destroy(), LINGER_MS);
          timer.unref();
          socket.once('close', () => clearTimeout(timer));
          socket.once('end', () => socket.destroy());
        };
      }
    }
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}

export function createHttpServer(fetch: Fetch, timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS): Server {
  const listener = getRequestListener(fetch);
  const server = createServer(
    {
      requestTimeout: timeouts.requestMs,
      headersTimeout: Math.min(timeouts.requestMs, 60_000),
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.max(250, Math.min(1_000, Math.floor(timeouts.requestMs / 4))),
    },
    (req, res) => {
      lingerOnRefusal(res);
      void listener(req, res);
    },
  );
  return server;
}

/** Listens, or fails with PortInUseError when the port is taken. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Fails with PortInUseError when `port` is taken, before anything else is done at start. */
export async function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host);
  await new Promise((resolve) => probe.close(resolve));
}
