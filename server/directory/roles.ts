/** What an employee may do in Sésame beyond managing their own profile. */
export const ROLES = ['employee', 'helpdesk'] as const;
export type Role = (typeof ROLES)[number];
