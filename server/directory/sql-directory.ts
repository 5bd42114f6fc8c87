import { hashSecret, verifyAgainstDummy, verifySecret } from '../crypto/argon2';
import { findEmployeeByUserId, insertEmployee, type EmployeeRow } from '../db/queries/employees';
import type { Store } from '../db/store';
import type { Directory, Employee } from './directory';
import type { Role } from './roles';
import type { Language } from '../../shared/languages';

export function toEmployee(row: EmployeeRow): Employee {
  return {
    id: row.id,
    userId: row.userId,
    employeeId: row.employeeId,
    displayName: row.displayName,
    preferredLanguage: row.preferredLanguage,
    roles: row.roles,
    mustChangePassword: row.mustChangePassword,
    disabled: row.disabled,
  };
}

/** The built-in directory: employees in Sésame's own database, passwords as argon2id hashes. */
export function createSqlDirectory(store: Store): Directory {
  return {
    async verifyPassword(userId, password) {
      const row = await findEmployeeByUserId(store, userId);
      if (!row) return verifyAgainstDummy(password).then(() => null);
      const matches = await verifySecret(row.passwordHash, password);
      return matches && !row.disabled ? toEmployee(row) : null;
    },
  };
}

export interface NewEmployee {
  userId: string;
  employeeId: string;
  displayName: string;
  preferredLanguage: Language;
  roles: Role[];
  password: string;
  mustChangePassword?: boolean;
  disabled?: boolean;
}

export async function addEmployee(store: Store, employee: NewEmployee, now = new Date()): Promise<string> {
  const id = crypto.randomUUID();
  const passwordHash = await hashSecret(employee.password);
  await store.write((w) =>
    insertEmployee(w, {
      id,
      userId: employee.userId,
      employeeId: employee.employeeId,
      displayName: employee.displayName,
      preferredLanguage: employee.preferredLanguage,
      passwordHash,
      roles: employee.roles,
      mustChangePassword: employee.mustChangePassword ?? false,
      disabled: employee.disabled ?? false,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return id;
}
