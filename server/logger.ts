/**
 * Structured logs. Secrets never reach them: request bodies are not logged at all, and the
 * paths below are censored in case a future log line carries one.
 */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'password',
  '*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'answers',
  '*.answers',
  'token',
  '*.token',
  // Key material (server/keys/): the key service and configured secrets print as their ids or
  // `[secret]` anyway; these catch a raw value logged by mistake.
  'secret',
  '*.secret',
  'secretKey',
  '*.secretKey',
  'SESAME_SECRET_KEY',
  '*.SESAME_SECRET_KEY',
  'SESAME_PREVIOUS_SECRET_KEYS',
  '*.SESAME_PREVIOUS_SECRET_KEYS',
  'totpSecret',
  '*.totpSecret',
  // Web Push (server/push/): a subscription's endpoint is a bearer address for pushing to the
  // phone, its keys decrypt what is pushed, the VAPID private key signs as Sésame.
  'endpoint',
  '*.endpoint',
  'p256dh',
  '*.p256dh',
  'auth',
  '*.auth',
  'privateKey',
  '*.privateKey',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

export type { Logger };
