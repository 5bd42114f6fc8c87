/**
 * "Add a phone": the desktop's enrolment link and the phone's requests that use it. The token
 * is only ever in a JSON body (never in a URL the server logs).
 */
import { z } from 'zod';
import { addDeviceRequest, type AddDeviceResponse, type DevicePlatform, type RegistrationOptionsResponse } from './device-schemas';

/** 256 random bits in base64url: exactly 43 characters. */
export const enrolmentLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an enrolment link token');

export const enrolmentLinkIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an enrolment link id') });

/** The phone asks for registration options with the link's token. */
export const linkRegistrationOptionsRequest = z.strictObject({ token: enrolmentLinkToken });

/** The phone adds itself: "Add this device"'s body, plus the link's token. */
export const linkAddDeviceRequest = addDeviceRequest.extend({ token: enrolmentLinkToken }).strict();

/** Where a link stands, as the desktop's screen follows it. */
export const ENROLMENT_LINK_STATES = ['waiting', 'used', 'expired', 'replaced'] as const;
export type EnrolmentLinkState = (typeof ENROLMENT_LINK_STATES)[number];

export interface EnrolmentLinkResponse {
  id: string;
  /** `https://…/enrol#<token>`: for the QR code and as text. */
  url: string;
  /** The QR code of `url`, as SVG markup with no style attribute (the CSP forbids inline styles). */
  qrSvg: string;
  expiresAt: string;
  /** Seconds left, for a countdown on the desktop's own clock. */
  expiresInSeconds: number;
}

export interface EnrolmentLinkStatusResponse {
  state: EnrolmentLinkState;
  expiresAt: string;
  /** The name of the phone added with the link, once it is. */
  deviceName: string | null;
}

export interface LinkRegistrationOptionsResponse extends RegistrationOptionsResponse {
  platform: DevicePlatform;
  /** Whose phone this becomes, so that the person holding it can tell before enrolling. */
  displayName: string;
}

export type LinkAddDeviceResponse = AddDeviceResponse;
