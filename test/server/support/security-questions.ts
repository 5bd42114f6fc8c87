/** Security-question sets and calls the server tests share. */
import type { TestApp } from './test-app';

/** Five rows that follow every rule for the test employees (none is called Montréal or Rimouski). */
export const goodSet = () => [
  { questionId: 'first-pet', answer: 'Montréal ' },
  { questionId: 'elementary-school', answer: 'Sainte-Famille' },
  { questionId: 'parents-met', answer: 'Rimouski' },
  { questionId: 'first-concert', answer: 'Céline Dion' },
  { questionId: 'first-car', answer: 'Honda Civic' },
];

/** The answer to each question text of `goodSet`, as the sign-in screen would be answered. */
export async function enrol(t: TestApp, cookie: string, questions: unknown[] = goodSet()): Promise<void> {
  const response = await t.send('PUT', '/api/profile/security-questions', { json: { questions }, cookie });
  if (response.status !== 200) throw new Error(`enrolment failed: ${response.status} ${await response.text()}`);
}
