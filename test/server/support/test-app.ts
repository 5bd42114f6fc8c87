/**
 * The real application over a fresh database, driven in-process through `app.request()`,
 * with a clock the test can move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../server/app';
import { loadConfig, type Config } from '../../../server/config';
import type { Store } from '../../../server/db/store';
import { addEmployee, type NewEmployee } from '../../../server/directory/sql-directory';
import { createLogger } from '../../../server/logger';
import { createServices, type ServiceOptions, type Services } from '../../../server/services';
import { findEmployeeByUserId } from '../../../server/db/queries/employees';
import type { Level } from '../../../server/sessions/session-service';
import type { MethodId } from '../../../shared/methods';
import { createTestDatabase, type TestDatabase } from './test-store';

export const ORIGIN = 'http://localhost:8080';
export const PASSWORD = 'correct horse battery';

export const alex: NewEmployee = {
  userId: '100001',
  employeeId: 'E-200001',
  displayName: 'Alex Tremblay',
  preferredLanguage: 'en',
  roles: ['employee'],
  password: PASSWORD,
};

/** The root secret of every test instance (instances of one test share a database, so a key). */
export const TEST_SECRET_KEY = 'c2VzYW1lLXRlc3Qtcm9vdC1zZWNyZXQtMzItYnl0ZXMtbG9uZw';

export class TestClock {
  #at = new Date('2026-11-26T09:00:00Z').getTime();
  now = () => new Date(this.#at);
  advance(ms: number) {
    this.#at += ms;
  }
}

export const MINUTE = 60_000;

/** Responses whose JSON the tests read freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  store: Store;
  database: TestDatabase;
  clock: TestClock;
  config: Config;
  /** A request as a browser on Sésame's page would send it (Origin set, JSON body). */
  send(
    method: string,
    path: string,
    options?: { json?: unknown; body?: string; cookie?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  /** A raw request, headers exactly as given. */
  request(path: string, init?: RequestInit): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    employees?: NewEmployee[];
    database?: TestDatabase;
    clock?: TestClock;
    /** A test build of the services: other sign-in methods than the real ones. */
    services?: ServiceOptions;
    /** A built client to serve (static-client tests); none by default. */
    clientRoot?: string;
  } = {},
): Promise<TestApp> {
  // A data directory of its own (audit checkpoints land there), unless the test names one.
  const dataDir = options.env?.SESAME_DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'sesame-data-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SESAME_ORIGIN: ORIGIN,
    SESAME_SECRET_KEY: TEST_SECRET_KEY,
    ...(dataDir ? { SESAME_DATA_DIR: dataDir } : {}),
    ...options.env,
  });
  const database = options.database ?? (await createTestDatabase());
  const store = await database.open();
  const clock = options.clock ?? new TestClock();
  const services = createServices(config, store, createLogger('silent'), clock.now, options.services);
  for (const employee of options.employees ?? [alex]) await addEmployee(store, employee);
  const app = createApp(services, { clientRoot: options.clientRoot ?? '/nonexistent' });
  return {
    app,
    services,
    store,
    database,
    clock,
    config,
    send(method, path, { json, body, cookie, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { origin: ORIGIN, ...headers } };
      const h = init.headers as Record<string, string>;
      if (json !== undefined) {
        h['content-type'] ??= 'application/json';
        init.body = JSON.stringify(json);
      } else if (body !== undefined) {
        init.body = body;
      }
      if (cookie) h.cookie = cookie;
      return Promise.resolve(app.request(path, init));
    },
    request: (path, init) => Promise.resolve(app.request(path, init)),
    async close() {
      await services.audit.stop();
      await (options.database ? store.close() : database.drop());
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `name=value` pair of the session cookie a response set, for the next request. */
export function sessionCookie(response: TestResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(__Host-sesame_session=[^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return match[1];
}

export async function signIn(t: TestApp, userId = alex.userId, password = PASSWORD): Promise<string> {
  const response = await t.send('POST', '/api/auth/password', { json: { userId, password } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return sessionCookie(response);
}

/**
 * A session opened as a method other than the password would open it (security questions, the
 * mobile device), at the level given: for flows whose method is not built yet, or not the point.
 */
export async function startSession(t: TestApp, userId: string, level: Level, method: MethodId = 'questions'): Promise<string> {
  const employee = await findEmployeeByUserId(t.store, userId);
  if (!employee) throw new Error(`no employee ${userId}`);
  const started = await t.services.sessions.start({ employeeId: employee.id, method, level, context: { ip: 'unknown', userAgent: '' } });
  return `__Host-sesame_session=${started.token}`;
}
