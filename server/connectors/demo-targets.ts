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
