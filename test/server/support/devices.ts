/**
 * Enrolling a device through the real API, with the software authenticator: for the server
 * tests of devices, approvals and pushes.
 */
import { ORIGIN, type TestApp, type TestResponse } from './test-app';
import { SoftAuthenticator } from './soft-authenticator';

export const ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

export interface EnrolledDevice {
  /** `__Host-sesame-device=…`, for the device's own requests. */
  deviceCookie: string;
  device: { id: string; name: string; platform: string; notifications: boolean };
  /** The offline-code key as the enrolment response gave it (base64url, 20 bytes). */
  offlineKey: string;
  authenticator: SoftAuthenticator;
  /** The credential id of the device's passkey. */
  credentialId: string;
}

/** The `name=value` pair of the device credential cookie a response set. */
export function deviceCookie(response: TestResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(__Host-sesame-device=[^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no device cookie in ${JSON.stringify(header)}`);
  return match[1];
}

/** Asks for registration options as the signed-in browser. */
export async function registrationOptions(t: TestApp, session: string, userAgent = ANDROID_UA) {
  const response = await t.send('POST', '/api/devices/registration-options', { cookie: session, headers: { 'user-agent': userAgent } });
  if (response.status !== 200) throw new Error(`registration options: ${response.status} ${await response.text()}`);
  return (await response.json()) as { options: Parameters<SoftAuthenticator['register']>[0]; platform: string };
}

/** "Add this device" from start to end; throws unless the device was added. */
export async function enrolDevice(
  t: TestApp,
  session: string,
  { name = 'Android phone', language = 'en', authenticator = new SoftAuthenticator({ origin: ORIGIN }), userAgent = ANDROID_UA } = {},
): Promise<EnrolledDevice> {
  const { options } = await registrationOptions(t, session, userAgent);
  const registration = authenticator.register(options);
  const response = await t.send('POST', '/api/devices', {
    cookie: session,
    json: { name, language, registration },
    headers: { 'user-agent': userAgent },
  });
  if (response.status !== 201) throw new Error(`enrolment: ${response.status} ${await response.text()}`);
  const body = await response.json();
  return {
    deviceCookie: deviceCookie(response),
    device: body.device,
    offlineKey: body.offlineKey,
    authenticator,
    credentialId: registration.id,
  };
}
