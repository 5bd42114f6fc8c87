/**
 * "Answer security questions": enrolled on My Profile, and the method that proves identity for
 * "Forgot your password?" today. Its sub-apps: signing in, the catalogue to choose from, and
 * enrolment (open to sessions sent to enrol first).
 */
import { hasEnrolledQuestions } from '../../db/queries/security-answers';
import { defineSignInMethod } from '../sign-in-method';
import { questionCatalogueRoutes } from './question-catalogue-routes';
import { questionSignInRoutes } from './question-sign-in-routes';
import { securityQuestionsRoutes } from './security-questions-routes';

export const questionsMethod = defineSignInMethod({
  id: 'questions',
  routes: [
    { mount: '/auth/questions', create: questionSignInRoutes },
    { mount: '/questions', create: questionCatalogueRoutes },
    { mount: '/profile/security-questions', create: securityQuestionsRoutes },
  ],
  canReset: true,
  lockoutScope: 'questions',
  isEnrolled: (employee, { store }) => hasEnrolledQuestions(store, employee.id),
});
