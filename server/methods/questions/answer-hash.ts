/**
 * Security answers are kept as argon2id hashes of their normalised form (the same parameters as
 * passwords): "Montréal " typed at enrolment and "montreal" typed at sign-in hash alike.
 */
import { normaliseAnswer } from '../../../shared/answer-normalisation';
import { hashSecret, verifyAgainstDummy, verifySecret } from '../../crypto/argon2';

export function hashAnswer(answer: string): Promise<string> {
  return hashSecret(normaliseAnswer(answer));
}

/**
 * Whether `answer` matches `hash`. Without a hash (a stand-in question, a question that was not
 * asked) it verifies against a dummy hash and fails: the same work, so the same time.
 */
export function verifyAnswer(hash: string | null, answer: string): Promise<boolean> {
  const normalised = normaliseAnswer(answer);
  return hash ? verifySecret(hash, normalised) : verifyAgainstDummy(normalised);
}
