import type { SignInPurpose } from '../../shared/api-schemas';
import type { MethodId } from '../../shared/methods';
import type { AuditDetails } from '../audit/audit-event';
import type { Employee } from '../directory/directory';
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
  /** Context for the sign-in's audit event (never a secret). */
  details?: AuditDetails;
}
