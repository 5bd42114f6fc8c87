/**
 * The demo's two target systems, both on the built-in connector: Payroll, whose accounts carry
 * the employees' own user IDs (found automatically), and Email, whose accounts have names of
 * their own and a password of their own (attached by the employee).
 */
import type { TargetDefinition } from './targets-file';

export const DEMO_TARGETS: TargetDefinition[] = [
  { id: 'payroll', name: { en: 'Payroll (SAP)', fr: 'Paie (SAP)' }, connector: 'built-in' },
  { id: 'email', name: { en: 'Email (Exchange)', fr: 'Courriel (Exchange)' }, connector: 'built-in' },
];

export const DEMO_MAIL_PASSWORD = 'mail-demo-2026';

/** Payroll's accounts carry the user IDs and the directory's demo password; Email's have names and a password of their own. */
export function demoTargetAccounts(directoryPassword: string) {
  return [
    { targetId: 'payroll', account: '100001', userId: '100001', password: directoryPassword },
    { targetId: 'payroll', account: '100002', userId: '100002', password: directoryPassword },
    { targetId: 'email', account: 'atremblay', userId: null, password: DEMO_MAIL_PASSWORD },
    { targetId: 'email', account: 'mgagnon', userId: null, password: DEMO_MAIL_PASSWORD },
  ];
}
