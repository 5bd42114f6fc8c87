import type { SignInPurpose } from '../../shared/api-schemas';
import type { ErrorCode } from '../../shared/error-codes';
import type { MethodId } from '../../shared/methods';
import type { Writer } from '../db/store';
import type { AuditDetails } from '../audit/audit-event';
import type { Employee } from '../directory/directory';
import type { DeferredSettle } from '../throttle/guarded-attempt';
import type { ThrottleKey } from '../throttle/throttle-key';

/**
 * What every method hands back when it has proved who the employee is: the same shape whichever
 * method, and wherever it was proved (this browser, or a phone approving another browser).
 */
export interface SignInProof {
  employee: Employee;
  method: MethodId;
  /** What the employee came for: signing in, or "Forgot your password?". */
  purpose: SignInPurpose;
  /** The failure counter the new session clears, in the transaction that opens it. */
  resets: ThrottleKey | null;
  /** The guarded attempt that proved it, given back in the session's transaction (or released when none opens). */
  settle?: DeferredSettle;
  /** Context for the sign-in's audit event (never a secret). */
  details?: AuditDetails;
  /**
   * What the proof uses up, spent in the session's own transaction: an offline code's time step
   * (each once per device), a passkey's signature counter. `write` returns false when another
   * request spent it meanwhile: then no session opens and the caller gets 401 `refused`.
   */
  spend?: { write(w: Writer): Promise<boolean>; refused: ErrorCode };
}

/** Thrown inside the session's transaction (rolling it back) when the proof was spent meanwhile. */
export class ProofSpent extends Error {
  constructor(readonly refused: ErrorCode) {
    super('the proof was spent by another request');
  }
}
