/**
 * The demo employees, created when the directory is empty and SESAME_DEMO is on, so that a
 * newcomer can sign in at once. Production never sets SESAME_DEMO.
 */
import { countEmployees } from '../db/queries/employees';
import { replaceSecurityAnswers } from '../db/queries/security-answers';
import type { Store } from '../db/store';
import { hashAnswer } from '../methods/questions/answer-hash';
import { addEmployee, type NewEmployee } from './sql-directory';
import { addTargetAccount } from '../connectors/built-in-connector';
import { demoTargetAccounts } from '../connectors/demo-targets';

export const DEMO_PASSWORD = 'sesame-demo-2026';
/** Jordan Roy's temporary password, as the help desk would issue one: it must be changed at sign-in. */
export const DEMO_TEMPORARY_PASSWORD = 'temporaire-2026';

export const demoEmployees: NewEmployee[] = [
  {
    userId: '100001',
    employeeId: 'E-200001',
    displayName: 'Alex Tremblay',
    preferredLanguage: 'en',
    roles: ['employee'],
    password: DEMO_PASSWORD,
  },
  {
    userId: '100002',
    employeeId: 'E-200002',
    displayName: 'Marie Gagnon',
    preferredLanguage: 'fr',
    roles: ['employee'],
    password: DEMO_PASSWORD,
  },
  {
    userId: '100003',
    employeeId: 'E-200003',
    displayName: 'Jordan Roy',
    preferredLanguage: 'en',
    roles: ['employee'],
    password: DEMO_TEMPORARY_PASSWORD,
    mustChangePassword: true,
  },
  {
    userId: '900001',
    employeeId: 'E-290001',
    displayName: 'Sam Ouellet',
    preferredLanguage: 'en',
    roles: ['employee', 'helpdesk'],
    password: DEMO_PASSWORD,
  },
];

/**
 * Marie Gagnon's enrolled security questions (catalogue ids of the default catalogue), so that
 * a newcomer can try "Answer security questions" at once. The answers are listed in the README
 * and hashed exactly like enrolled ones; typing them without accents or capitals works too.
 */
export const demoSecurityAnswers: Record<string, Array<{ questionId: string; answer: string }>> = {
  '100002': [
    { questionId: 'first-pet', answer: 'Pompon' },
    { questionId: 'elementary-school', answer: 'Sainte-Famille' },
    { questionId: 'parents-met', answer: 'Rimouski' },
    { questionId: 'first-concert', answer: 'Céline Dion' },
    { questionId: 'first-car', answer: 'Honda Civic' },
  ],
};

/** What the table printed at start says about an employee beyond their password. */
function demoNote(employee: NewEmployee): string {
  if (employee.mustChangePassword) return 'temporary password: must change it';
  if (demoSecurityAnswers[employee.userId]) return 'security questions enrolled (answers in the README)';
  return '';
}

/** Returns true when it created the demo directory. */
export async function seedDemoDirectory(store: Store): Promise<boolean> {
  if ((await countEmployees(store)) > 0) return false;
  for (const employee of demoEmployees) {
    const id = await addEmployee(store, employee);
    const answers = demoSecurityAnswers[employee.userId];
    if (!answers) continue;
    const hashes = await Promise.all(answers.map((a) => hashAnswer(a.answer)));
    const at = new Date();
    await store.write((w) =>
      replaceSecurityAnswers(
        w,
        id,
        answers.map((a, i) => ({
          employeeId: id,
          position: i + 1,
          questionId: a.questionId,
          customQuestion: null,
          customLanguage: null,
          answerHash: hashes[i] ?? '',
          createdAt: at,
        })),
      ),
    );
  }
  for (const account of demoTargetAccounts(DEMO_PASSWORD)) await addTargetAccount(store, account);
  return true;
}

/** The table printed at start, so that a newcomer knows whom to sign in as. */
export function demoDirectoryTable(): string {
  const rows = [
    ['user ID', 'employee ID', 'name', 'language', 'roles', 'password', 'note'],
    ...demoEmployees.map((e) => [e.userId, e.employeeId, e.displayName, e.preferredLanguage, e.roles.join(', '), e.password, demoNote(e)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
