/**
 * My Profile → "Security questions": what the employee has enrolled (never the answers), and
 * enrolling a new set of 5, which replaces the whole previous one. The shared rules
 * (shared/answer-rules.ts) decide what may be enrolled; the answers are normalised and hashed
 * before the transaction opens (argon2id takes tens of milliseconds each: the write lock is not
 * held meanwhile), then the set, its audit event and — for a session sent to enrol first — the
 * move to a full session commit together.
 */
import { enrolmentProblems, type AnswerProblem, type EnrolmentRow } from '../../../shared/answer-rules';
import type { SecurityQuestionsRequest, SecurityQuestionsResponse, SessionAccess } from '../../../shared/api-schemas';
import type { Language } from '../../../shared/languages';
import { recordInTransaction, type RequestContext } from '../../audit/audit-trail';
import type { Clock } from '../../clock';
import type { QuestionsPolicy } from '../../config';
import { closeChallenge } from '../../db/queries/question-challenges';
import {
  findSecurityAnswers,
  hasEnrolledQuestions,
  replaceSecurityAnswers,
  type SecurityAnswerRow,
} from '../../db/queries/security-answers';
import type { Store, Writer } from '../../db/store';
import { toAccess } from '../../profile/profile';
import type { SessionService, SignedIn, StartedSession } from '../../sessions/session-service';
import { hashAnswer } from './answer-hash';

export type EnrolmentResult =
  /** `started`: the new session when the enrolment moved it to `full` (its cookie must be set). */
  { ok: true; access: SessionAccess; started: StartedSession | null } | { ok: false; problems: AnswerProblem[] };

export interface QuestionEnrolment {
  enrolled(employeeId: string): Promise<SecurityQuestionsResponse>;
  enrol(input: {
    signedIn: SignedIn;
    questions: SecurityQuestionsRequest['questions'];
    /** The language of own questions sent without one: the page's. */
    callerLanguage: Language;
    context: RequestContext;
  }): Promise<EnrolmentResult>;
}

export function createQuestionEnrolment(store: Store, sessions: SessionService, policy: QuestionsPolicy, now: Clock): QuestionEnrolment {
  const byId = new Map(policy.catalogue.map((question) => [question.id, question]));

  function toRow(choice: SecurityQuestionsRequest['questions'][number]): EnrolmentRow {
    if ('questionId' in choice) {
      const question = byId.get(choice.questionId);
      return {
        question: question
          ? { kind: 'catalogue', id: question.id, texts: [question.en, question.fr] }
          : { kind: 'unknown', id: choice.questionId },
        answer: choice.answer,
      };
    }
    return { question: { kind: 'custom', text: choice.customQuestion }, answer: choice.answer };
  }

  return {
    async enrolled(employeeId) {
      const rows = await findSecurityAnswers(store, employeeId);
      const latest = rows.reduce<Date | null>((at, row) => (at && at > row.createdAt ? at : row.createdAt), null);
      return {
        enrolledAt: latest?.toISOString() ?? null,
        questions: rows.map((row) =>
          row.customQuestion !== null
            ? { position: row.position, customQuestion: { text: row.customQuestion, language: row.customLanguage ?? 'en' } }
            : { position: row.position, questionId: row.questionId ?? '' },
        ),
      };
    },

    async enrol({ signedIn, questions, callerLanguage, context }) {
      const { employee, session } = signedIn;
      const problems = enrolmentProblems(questions.map(toRow), employee, { answerMinLength: policy.answerMinLength });
      if (problems.length > 0) return { ok: false, problems };

      const hashes = await Promise.all(questions.map((choice) => hashAnswer(choice.answer)));
      const at = now();
      const rows: SecurityAnswerRow[] = questions.map((choice, i) => ({
        employeeId: employee.id,
        position: i + 1,
        questionId: 'questionId' in choice ? choice.questionId : null,
        // Kept as typed; only the spaces around it go.
        customQuestion: 'customQuestion' in choice ? choice.customQuestion.trim() : null,
        customLanguage: 'customQuestion' in choice ? (choice.language ?? callerLanguage) : null,
        answerHash: hashes[i] ?? '',
        createdAt: at,
      }));
      const custom = rows.filter((row) => row.customQuestion !== null).length;

      const save = async (w: Writer) => {
        const replaced = await hasEnrolledQuestions(w, employee.id);
        await replaceSecurityAnswers(w, employee.id, rows);
        // An attempt opened before points at positions that now hold other questions.
        await closeChallenge(w, employee.userId);
        await recordInTransaction(w, at, context, {
          type: 'questions_enrolled',
          outcome: 'success',
          actorId: employee.id,
          subjectId: employee.id,
          method: 'questions',
          details: { questions: rows.length, custom, replaced },
        });
      };

      if (session.level === 'enrol') {
        // Enrolling was the step this session had to take first: it becomes a full one.
        const started = await sessions.changeLevel(signedIn, { level: 'full' }, save);
        return { ok: true, access: { level: 'full' }, started };
      }
      await store.write(save);
      return { ok: true, access: toAccess(session), started: null };
    },
  };
}
