/**
 * The demo employees, created when the directory is empty and SESAME_DEMO is on, so that a
 * newcomer can sign in at once. Production never sets SESAME_DEMO.
 */
import { countEmployees } from '../db/queries/employees';
import type { Store } from '../db/store';
import { addEmployee, type NewEmployee } from './sql-directory';

export const DEMO_PASSWORD = 'sesame-demo-2026';

export const demoEmployees: NewEmployee[] = [
  { userId: '100001', employeeId: 'E-200001', displayName: 'Alex Tremblay', preferredLanguage: 'en', roles: ['employee'], password: DEMO_PASSWORD },
  { userId: '100002', employeeId: 'E-200002', displayName: 'Marie Gagnon', preferredLanguage: 'fr', roles: ['employee'], password: DEMO_PASSWORD },
  { userId: '900001', employeeId: 'E-290001', displayName: 'Sam Ouellet', preferredLanguage: 'en', roles: ['employee', 'helpdesk'], password: DEMO_PASSWORD },
];

/** Returns true when it created the demo directory. */
export async function seedDemoDirectory(store: Store): Promise<boolean> {
  if ((await countEmployees(store)) > 0) return false;
  for (const employee of demoEmployees) await addEmployee(store, employee);
  return true;
}

/** The table printed at start, so that a newcomer knows whom to sign in as. */
export function demoDirectoryTable(): string {
  const rows = [
    ['user ID', 'employee ID', 'name', 'language', 'roles', 'password'],
    ...demoEmployees.map((e) => [e.userId, e.employeeId, e.displayName, e.preferredLanguage, e.roles.join(', '), e.password]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}
