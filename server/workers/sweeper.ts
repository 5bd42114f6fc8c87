/**
 * Deletes what has expired — sessions, security-question attempts, WebAuthn challenges, enrolment links — every ten minutes. Expired
 * rows are already refused where they are read; this only keeps the tables small.
 */
import type { Logger } from '../logger';
import type { Services } from '../services';
import { createWorker, type Worker } from './worker';

export const SWEEP_INTERVAL_MS = 10 * 60_000;

export function createSweeper(
  services: Pick<Services, 'sessions' | 'questionSignIn' | 'deviceEnrolment' | 'enrolmentLinks' | 'approvals'>,
  log: Logger,
  intervalMs = SWEEP_INTERVAL_MS,
): Worker {
  return createWorker({
    name: 'sweeper',
    log,
    intervalMs,
    async step() {
      // Each purge on its own: one failing does not keep the other from running.
      await services.sessions.purgeExpired().catch((error: unknown) => log.warn({ err: error }, 'session purge failed'));
      await services.questionSignIn.purgeExpired().catch((error: unknown) => log.warn({ err: error }, 'question attempt purge failed'));
      await services.deviceEnrolment.purgeExpired().catch((error: unknown) => log.warn({ err: error }, 'WebAuthn challenge purge failed'));
      await services.enrolmentLinks.purgeExpired().catch((error: unknown) => log.warn({ err: error }, 'enrolment link purge failed'));
      await services.approvals.purgeOld().catch((error: unknown) => log.warn({ err: error }, 'approval request purge failed'));
      return 'idle';
    },
  });
}
