/**
 * "Recent activity": the signed-in employee's latest security events, each with the browser and
 * system it came from, and the sign-in that opened the current session marked as such. That
 * sign-in is the success whose time, method and user agent are the session's own: the session and
 * its audit event are written in one transaction with the same instant (sessions/session-service.ts).
 */
import type { ActivityResponse } from '../../shared/api-schemas';
import type { AuditTrail } from '../audit/audit-trail';
import type { AuditEventRow } from '../db/queries/audit';
import type { SignedIn } from '../sessions/session-service';
import { nameUserAgent } from './user-agent-name';

function opensSession(row: AuditEventRow, { session }: SignedIn): boolean {
  return (
    row.type === 'sign_in' &&
    row.outcome === 'success' &&
    row.at.getTime() === session.createdAt.getTime() &&
    row.method === session.method &&
    session.userAgent.startsWith(row.userAgent)
  );
}

export async function recentActivity(audit: AuditTrail, signedIn: SignedIn, limit = 20): Promise<ActivityResponse> {
  const rows = await audit.recent(signedIn.employee.id, limit);
  return {
    events: rows.map((row) => ({
      at: row.at.toISOString(),
      type: row.type as ActivityResponse['events'][number]['type'],
      outcome: row.outcome as ActivityResponse['events'][number]['outcome'],
      method: row.method,
      ip: row.ip,
      ...(typeof row.details.device === 'string' ? { device: row.details.device } : {}),
      ...(typeof row.details.account === 'string' ? { account: row.details.account } : {}),
    })),
    sources: rows.map((row) => ({ ...nameUserAgent(row.userAgent), thisSession: opensSession(row, signedIn) })),
  };
}
