/**
 * The services the routes call, built once from the configuration and the store. Tests build
 * them the same way, with their own store and clock.
 */
import { createAuditTrail, type AuditTrail } from './audit/audit-trail';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { Store } from './db/store';
import { createSqlDirectory } from './directory/sql-directory';
import type { Logger } from './logger';
import { createPasswordSignIn, type PasswordSignIn } from './methods/password/password-sign-in';
import { createProfileService, type ProfileService } from './profile/profile-service';
import { createSessionService, type SessionService } from './sessions/session-service';
import { createLockout } from './throttle/lockout';

export interface Services {
  config: Config;
  store: Store;
  log: Logger;
  now: Clock;
  audit: AuditTrail;
  sessions: SessionService;
  passwordSignIn: PasswordSignIn;
  profiles: ProfileService;
}

export function createServices(config: Config, store: Store, log: Logger, now: Clock = systemClock): Services {
  const directory = createSqlDirectory(store);
  const lockout = createLockout(store, config.lockout, now);
  const audit = createAuditTrail(store, now);
  return {
    config,
    store,
    log,
    now,
    audit,
    sessions: createSessionService(store, config.session, now),
    passwordSignIn: createPasswordSignIn(directory, lockout, config.lockout, audit),
    profiles: createProfileService(store, now),
  };
}
