/**
 * "Answer security questions": each attempt asks 3 of the employee's 5 questions, drawn at
 * random when the attempt opens and the same until it is answered or expires (15 minutes);
 * all three must be right. A wrong attempt counts like a wrong password — behind the same
 * per-user lock (its own scope, "questions:user:…") and per-address cap — and closes the
 * attempt, so that the next one draws again.
 *
 * Every outcome for a user ID that does not exist or never enrolled is one an enrolled
 * employee can also have: stand-in questions (stand-in-questions.ts), drawn the same way,
 * verified against dummy hashes as many times as real ones, with the same errors and locks.
 *
 * Opening an attempt checks no secret, but it is rate-limited all the same — per address and per
 * user ID, known or not, alike (`START_LIMITS`) — and it does the same work, in the same order,
 * for a user ID that exists as for one that does not (question-sets.ts).
 */
import { randomInt } from 'node:crypto';
import { ASKED_QUESTIONS } from '../../../shared/answer-rules';
import type { SignInPurpose } from '../../../shared/api-schemas';
import type { Bilingual } from '../../../shared/languages';
import type { RequestContext } from '../../audit/audit-trail';
import type { SignInProof } from '../../auth/sign-in-proof';
import type { Clock } from '../../clock';
import type { LockoutPolicy } from '../../config';
import { claimChallenge, closeChallenge, deleteExpiredChallenges, openChallenge } from '../../db/queries/question-challenges';
import type { Store } from '../../db/store';
import type { Employee } from '../../directory/directory';
import type { AttemptGuard, LockWarning } from '../../throttle/guarded-attempt';
import type { RateLimit } from '../../throttle/rate-limit';
import { rateKey } from '../../throttle/throttle-key';
import { verifyAnswer } from './answer-hash';
import type { QuestionSets } from './question-sets';
import { questionsMethod } from './questions-method';

/**
 * How many attempts may be opened per lockout window: per user ID, five times as many as wrong
 * attempts lock it (reopening shows the same questions, and a success clears the failures, so an
 * employee needs few); per address, as many as the failures that block it.
 */
export const START_SCOPE = 'questions-start';
export function startLimits(policy: LockoutPolicy) {
  return { perUserId: policy.threshold * 5, perAddress: policy.ipThreshold, windowMs: policy.windowMs };
}

/** How long an attempt stays open: its questions are the same until then. */
export const ATTEMPT_MS = 15 * 60_000;

type Refusal = { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export type QuestionStartResult = { ok: true; questions: Array<{ position: number; text: Bilingual }> } | Refusal;

export type QuestionAnswerResult =
  { ok: true; proof: SignInProof } | { ok: false; reason: 'wrong_answers'; warning?: LockWarning } | Refusal;

export interface QuestionSignIn {
  /** The questions of the user ID's current attempt, opening one if none is open. */
  start(input: { userId: string; context: RequestContext }): Promise<QuestionStartResult>;
  /** Checks the answers to the current attempt's questions, and closes it. */
  answer(input: {
    userId: string;
    purpose: SignInPurpose;
    answers: Array<{ position: number; answer: string }>;
    context: RequestContext;
  }): Promise<QuestionAnswerResult>;
  /** Deletes attempts nobody answered. */
  purgeExpired(): Promise<number>;
}

/** `count` distinct positions out of `available`, uniformly at random, in order. */
function draw(available: number[], count: number): number[] {
  const pool = [...available];
  const drawn: number[] = [];
  while (drawn.length < count && pool.length > 0) drawn.push(...pool.splice(randomInt(pool.length), 1));
  return drawn.sort((a, b) => a - b);
}

function samePositions(a: number[], b: number[]): boolean {
  const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y).join(',');
  return a.length === b.length && sorted(a) === sorted(b);
}

export function createQuestionSignIn(
  store: Store,
  questionSets: QuestionSets,
  guard: AttemptGuard,
  starts: { rateLimit: RateLimit; policy: LockoutPolicy },
  now: Clock,
): QuestionSignIn {
  const limits = startLimits(starts.policy);
  return {
    async start({ userId, context }) {
      const over = await starts.rateLimit.take(
        [
          { key: rateKey(`${START_SCOPE}:user`, userId), limit: limits.perUserId },
          { key: rateKey(`${START_SCOPE}:address`, context.ip), limit: limits.perAddress },
        ],
        limits.windowMs,
      );
      // Too many openings is no lock of the method: answered `rate_limited`, for a user ID as for an address.
      if (over) return { ok: false, reason: 'rate_limited', until: over.until };

      // A locked user ID says so before its questions are answered, not after.
      const locked = await guard.lockedNow({ method: questionsMethod, userId, context });
      if (locked) return locked;

      const set = await questionSets.forUserId(userId);
      const available = set.questions.map((q) => q.position);
      const at = now();
      const expiresAt = new Date(at.getTime() + ATTEMPT_MS);
      let positions = await store.write((w) => openChallenge(w, userId, draw(available, ASKED_QUESTIONS), at, expiresAt));
      if (!positions.every((p) => available.includes(p))) {
        // The open attempt points at questions that are gone (the catalogue changed): draw again.
        positions = await store.write(async (w) => {
          await closeChallenge(w, userId);
          return openChallenge(w, userId, draw(available, ASKED_QUESTIONS), at, expiresAt);
        });
      }
      const byPosition = new Map(set.questions.map((q) => [q.position, q]));
      return {
        ok: true,
        questions: positions.map((position) => ({ position, text: byPosition.get(position)?.text ?? { en: '', fr: '' } })),
      };
    },

    async answer({ userId, purpose, answers, context }) {
      const details = { purpose };
      const outcome = await guard.attempt<Employee>({ method: questionsMethod, userId, context, purpose, details }, async () => {
        // The attempt closes whatever the outcome: answered once, and after a failure the next
        // attempt draws again. Answers to another attempt's questions (or to none) are wrong.
        const [set, asked] = await Promise.all([questionSets.forUserId(userId), store.write((w) => claimChallenge(w, userId, now()))]);
        const submitted = answers.map((a) => a.position);
        const answersAsked = asked !== null && samePositions(asked, submitted);
        const hashes = new Map(set.questions.map((q) => [q.position, q.answerHash]));
        // All three are verified every time, against dummy hashes when there is nothing to match:
        // the time taken does not depend on which answer is wrong, or whether the user ID exists.
        const checks = await Promise.all(
          answers.map((a) => verifyAnswer(answersAsked ? (hashes.get(a.position) ?? null) : null, a.answer)),
        );
        const employee = set.employee;
        return answersAsked && checks.every(Boolean) && employee && !employee.disabled ? employee : null;
      });
      if (!outcome.ok) return outcome.reason === 'wrong' ? { ok: false, reason: 'wrong_answers', warning: outcome.warning } : outcome;
      return { ok: true, proof: { employee: outcome.value, method: questionsMethod.id, purpose, resets: outcome.resets, details } };
    },

    purgeExpired() {
      const at = now();
      return store.write((w) => deleteExpiredChallenges(w, at));
    },
  };
}
