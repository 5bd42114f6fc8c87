/** The real server, as a child process on a free port with a fresh data directory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BUILT_CLIENT = join(ROOT, 'dist', 'client');

const READY_LINE = 'Sésame is ready at ';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface SesameServer {
  origin: string;
  port: number;
  dataDir: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Directory of the built app to serve (default: dist/client). */
  clientDir?: string;
  /** Extra environment variables (SESAME_LOCKOUT_THRESHOLD, …). */
  env?: Record<string, string>;
}

/** A port nobody listens on right now: listen on port 0, read the port, close. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts the built server (`dist/server/main.mjs`, as `npm start` runs it) with demo users and a fresh data directory; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<SesameServer> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'sesame-e2e-data-'));
  // node itself (rather than npm) so that our signals reach the server.
  const child = spawn(process.execPath, ['dist/server/main.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      SESAME_DATA_DIR: dataDir,
      SESAME_DEMO: '1',
      SESAME_ORIGIN: origin,
      SESAME_CLIENT_DIR: options.clientDir ?? BUILT_CLIENT,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));

  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`the server did not print "${READY_LINE}…" within ${READY_TIMEOUT_MS} ms.\nstderr:\n${stderr}\nstdout:\n${stdout}`),
          ),
        READY_TIMEOUT_MS,
      );
      child.stdout?.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`the server exited before it was ready (code ${code}, signal ${signal}).\nstderr:\n${stderr}\nstdout:\n${stdout}`),
        );
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await cleanup();
    throw error;
  }

  return { origin, port, dataDir, stderr: () => stderr, stop: cleanup };
}

/** A copy of the built app in a temporary directory, for tests that redeploy it. */
export async function copyBuiltClient(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sesame-e2e-client-'));
  await cp(BUILT_CLIENT, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
