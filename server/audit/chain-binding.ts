/**
 * The key new audit rows are chained with, and who to tell when one is appended, for this
 * process. `recordInTransaction(w, at, context, event)` is called from inside other services'
 * transactions with no key in hand, and a process runs with one root secret: so the audit
 * trail binds them here when the services are built (services.ts), and appends read them.
 */
import type { KeyService } from '../keys/key-service';

export interface AuditChainBinding {
  keys: KeyService;
  /** Called after each append (not yet committed): the checkpointer counts them. */
  appended(): void;
}

let bound: AuditChainBinding | undefined;

export function bindAuditChain(binding: AuditChainBinding): void {
  bound = binding;
}

export function auditChainBinding(): AuditChainBinding {
  if (!bound) throw new Error('the audit chain has no key: build the services (createServices) before recording events');
  return bound;
}
