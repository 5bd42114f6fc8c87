/**
 * The questions a user ID is asked about: the employee's enrolled ones, or — for a user ID that
 * does not exist or never enrolled — stand-ins (stand-in-questions.ts), which look the same
 * from outside and can never be answered.
 */
import type { Bilingual } from '../../../shared/languages';
import { ASKED_QUESTIONS } from '../../../shared/answer-rules';
import { findEmployeeByUserId } from '../../db/queries/employees';
import { findSecurityAnswers, type SecurityAnswerRow } from '../../db/queries/security-answers';
import type { Store } from '../../db/store';
import type { Employee } from '../../directory/directory';
import { toEmployee } from '../../directory/sql-directory';
import type { CatalogueQuestion } from './question-catalogue';
import type { StandInQuestions } from './stand-in-questions';

export interface SetQuestion {
  position: number;
  text: Bilingual;
  /** Null for stand-ins: verified against a dummy hash, never a match. */
  answerHash: string | null;
}

export interface QuestionSet {
  /** The enrolled employee; null when the questions are stand-ins. */
  employee: Employee | null;
  questions: SetQuestion[];
}

export interface QuestionSets {
  forUserId(userId: string): Promise<QuestionSet>;
}

/** An employee ID no row has (ids are UUIDs). */
const NO_EMPLOYEE = '00000000-0000-0000-0000-000000000000';

export function createQuestionSets(store: Store, catalogue: CatalogueQuestion[], standIns: StandInQuestions): QuestionSets {
  const byId = new Map(catalogue.map((question) => [question.id, question]));

  function toSetQuestion(row: SecurityAnswerRow): SetQuestion | null {
    if (row.customQuestion !== null) {
      return { position: row.position, text: { en: row.customQuestion, fr: row.customQuestion }, answerHash: row.answerHash };
    }
    // A question since removed from the catalogue cannot be shown: it is left out of the draws.
    const question = row.questionId === null ? undefined : byId.get(row.questionId);
    return question ? { position: row.position, text: { en: question.en, fr: question.fr }, answerHash: row.answerHash } : null;
  }

  return {
    async forUserId(userId) {
      // The same queries in the same order whether the user ID exists, has enrolled, or neither:
      // timing must not tell them apart. An unknown one looks up the answers of no employee.
      const row = await findEmployeeByUserId(store, userId);
      const answers = await findSecurityAnswers(store, row?.id ?? NO_EMPLOYEE);
      const standIn = await standIns.forUserId(userId);
      const enrolled = row ? answers.map(toSetQuestion).filter((q) => q !== null) : [];
      if (row && enrolled.length >= ASKED_QUESTIONS) return { employee: toEmployee(row), questions: enrolled };
      return {
        employee: null,
        questions: standIn.map((question, i) => ({ position: i + 1, text: { en: question.en, fr: question.fr }, answerHash: null })),
      };
    },
  };
}
