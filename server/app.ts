/**
 * The HTTP application: middleware every request passes, then the feature sub-apps.
 * browser → route (thin: parse, call a service, map the result) → service → store.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { languageDetector } from 'hono/language';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { LANGUAGES } from '../shared/languages';
import { authRoutes } from './auth/auth-routes';
import { deviceRoutes } from './devices/device-routes';
import { enrolmentLinkPhoneRoutes, enrolmentLinkRoutes } from './devices/enrolment-link-routes';
import { healthRoutes } from './health/health-routes';
import { apiError } from './http/api-error';
import type { AppEnv } from './http/app-env';
import { clientIp } from './http/client-ip';
import { originCheck } from './http/origin-check';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { inlineSourceHashes } from './http/inline-sources';
import { clientDist, staticClient } from './http/static-client';
import { organisationRoutes } from './organisation/organisation-routes';
import { passwordRoutes } from './password/password-routes';
import { profileRoutes } from './profile/profile-routes';
import { pushRoutes } from './push/push-routes';
import { mountMethodRoutes } from './methods/method-registry';
import type { Services } from './services';
import { accountRoutes } from './accounts/account-routes';
import { TargetUnavailable } from './connectors/connector';

/** No request Sésame accepts comes near this; larger bodies are refused before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * The JSON API, chained so that `AppType` carries every route to the client's `hc`; the sign-in
 * methods' own routes come from the method registry. Each route guards itself
 * (`requireSession({ area })`), so the order of the sub-apps does not matter.
 */
export function createApi(services: Services) {
  const api = new Hono<AppEnv>()
    .use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => apiError(c, 413, 'payload_too_large') }))
    .use(async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .route('/organisation', organisationRoutes(services))
    .route('/auth', authRoutes(services))
    .route('/profile', profileRoutes(services))
    .route('/password', passwordRoutes(services))
    .route('/devices/enrolment-links', enrolmentLinkRoutes(services))
    .route('/devices', deviceRoutes(services))
    .route('/enrolment-link', enrolmentLinkPhoneRoutes(services))
    .route('/push', pushRoutes(services))
    .route('/accounts', accountRoutes(services));
  return mountMethodRoutes(api, services);
}

export type AppType = ReturnType<typeof createApi>;

export function createApp(services: Services, options: { clientRoot?: string } = {}) {
  const { config, log } = services;
  const app = new Hono<AppEnv>();
  app.use(requestLog(log));
  app.use(securityHeaders(config.origin, inlineSourceHashes(options.clientRoot ?? clientDist)));
  app.use(async (c, next) => {
    c.set('organisation', config.organisation);
    await next();
  });
  app.use(
    languageDetector({
      supportedLanguages: [...LANGUAGES],
      fallbackLanguage: 'en',
      order: ['header'],
      caches: false,
      convertDetectedLanguage: (lang) => lang.split('-')[0] ?? lang,
    }),
  );
  app.use(clientIp(config.trustProxy));
  app.use(originCheck(config.origin));
  app.route('/', healthRoutes(services));
  app.route('/api', createApi(services));
  app.route('/', staticClient(options.clientRoot));
  app.notFound((c) => apiError(c, 404, 'not_found'));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
      const status = error.status as ContentfulStatusCode;
      return apiError(c, status, status === 413 ? 'payload_too_large' : 'invalid_request');
    }
    if (error instanceof TargetUnavailable) {
      // Only the primary directory's outage gets here: targets' connectors are retried or shown per row.
      log.warn({ target: error.target, reason: error.reason, path: c.req.path }, 'the primary directory did not answer');
      return apiError(c, 503, 'directory_unavailable');
    }
    log.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return apiError(c, 500, 'internal');
  });
  return app;
}
