/**
 * Questions for a user ID that has none to ask — it does not exist, or never enrolled — so that
 * "Answer security questions" behaves for it exactly as for an enrolled employee, and answers
 * do not tell an attacker which user IDs are worth attacking.
 *
 * Each such user ID gets a stable pseudo-set of 5 catalogue questions, chosen by a keyed hash
 * (HMAC-SHA256) of the user ID, and each attempt draws 3 of those 5 exactly as for a real
 * employee (question-sign-in.ts). Why not simply "always the same 3": a real employee's 3
 * change after a failed attempt (a new draw from their 5), so a user ID whose questions never
 * changed would be known to be fake. With a pseudo-set the stand-ins come and go the same way,
 * and asking again while an attempt is open gives the same 3 for both.
 *
 * The key is a server secret shared by every instance through the database (created on first
 * use): without it, nobody can tell which 5 questions a user ID would get, so comparing the
 * questions of two instances, or of today and next week, reveals nothing. What the stand-ins
 * cannot hide: an employee's own question ("write my own") exists only for real enrolments.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ENROLLED_QUESTIONS } from '../../../shared/answer-rules';
import type { Clock } from '../../clock';
import { ensureServerSecret } from '../../db/queries/server-secrets';
import type { Store } from '../../db/store';
import type { CatalogueQuestion } from './question-catalogue';

const KEY_NAME = 'stand-in-questions';

export interface StandInQuestions {
  /** The 5 catalogue questions this user ID is asked about, the same every time. */
  forUserId(userId: string): Promise<CatalogueQuestion[]>;
}

export function createStandInQuestions(store: Store, catalogue: CatalogueQuestion[], now: Clock): StandInQuestions {
  let key: Promise<Buffer> | undefined;
  const loadKey = () => {
    key ??= store
      .write((w) => ensureServerSecret(w, KEY_NAME, randomBytes(32).toString('base64url'), now()))
      .then((value) => Buffer.from(value, 'base64url'))
      .catch((error: unknown) => {
        key = undefined; // a failed read is retried by the next request, not remembered
        throw error;
      });
    return key;
  };

  return {
    async forUserId(userId) {
      const secret = await loadKey();
      // Each question ranked by the keyed hash of (user ID, question id): the 5 lowest win.
      // Ranking by id rather than by index keeps a user ID's set when the catalogue is reordered
      // or grows (a new question displaces one only where it ranks among the 5).
      const rank = (question: CatalogueQuestion) => createHmac('sha256', secret).update(`${userId}\u0000${question.id}`).digest('hex');
      return catalogue
        .map((question) => ({ question, rank: rank(question) }))
        .sort((a, b) => (a.rank < b.rank ? -1 : 1))
        .slice(0, ENROLLED_QUESTIONS)
        .map(({ question }) => question);
    },
  };
}
