/**
 * The primary directory: where employees and their passwords live. The built-in SQL directory
 * implements it now; LDAP and Active Directory connectors implement the same interface later.
 */
import type { Language } from '../../shared/languages';
import type { Role } from './roles';

export interface Employee {
  id: string;
  userId: string;
  employeeId: string;
  displayName: string;
  preferredLanguage: Language;
  roles: Role[];
  mustChangePassword: boolean;
  disabled: boolean;
}

export interface Directory {
  /**
   * The employee whose user ID and password these are, or null — for a wrong password, an
   * unknown user ID or a disabled account alike, after the same amount of work.
   */
  verifyPassword(userId: string, password: string): Promise<Employee | null>;
}
