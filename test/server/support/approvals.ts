/** Driving "Mobile device" sign-ins through the real API: the waiting browser and the phone. */
import type { SoftAuthenticator } from './soft-authenticator';
import type { TestApp, TestResponse } from './test-app';

export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The `name=value` pair of the waiting browser's approval cookie a response set. */
export function approvalCookie(response: TestResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(__Host-sesame-approval=[^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no approval cookie in ${JSON.stringify(header)}`);
  return match[1];
}

export interface Waiting {
  cookie: string;
  requestId: string;
  number: number;
  expiresAt: string;
  secondsLeft: number;
}

export async function startMobile(
  t: TestApp,
  userId: string,
  purpose: 'sign-in' | 'reset' = 'sign-in',
  headers: Record<string, string> = {},
) {
  return t.send('POST', '/api/auth/mobile/start', { json: { userId, purpose }, headers: { 'user-agent': DESKTOP_UA, ...headers } });
}

/** Starts a request and returns what the waiting browser holds; throws unless it started. */
export async function waitOnMobile(t: TestApp, userId: string, purpose: 'sign-in' | 'reset' = 'sign-in'): Promise<Waiting> {
  const response = await startMobile(t, userId, purpose);
  if (response.status !== 200) throw new Error(`start: ${response.status} ${await response.text()}`);
  return { cookie: approvalCookie(response), ...(await response.json()) };
}

export async function approvalOptions(t: TestApp, deviceCookie: string, requestId: string) {
  const response = await t.send('POST', `/api/device/requests/${requestId}/options`, { cookie: deviceCookie });
  if (response.status !== 200) throw new Error(`options: ${response.status} ${await response.text()}`);
  return (await response.json()).options as Parameters<SoftAuthenticator['authenticate']>[0];
}

/** The phone's "Approve": fresh options, an assertion, the number typed. */
export async function approveOnPhone(
  t: TestApp,
  phone: { deviceCookie: string; authenticator: SoftAuthenticator },
  requestId: string,
  number: number,
) {
  const options = await approvalOptions(t, phone.deviceCookie, requestId);
  const assertion = phone.authenticator.authenticate(options);
  return t.send('POST', `/api/device/requests/${requestId}/approve`, { cookie: phone.deviceCookie, json: { number, assertion } });
}

export async function waitingStatus(t: TestApp, cookie: string) {
  const response = await t.send('GET', '/api/auth/mobile/status', { cookie });
  return { status: response.status, body: await response.json() };
}
