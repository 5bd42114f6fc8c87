/**
 * What the API says about each security-questions rule (shared/answer-rules.ts), in both
 * languages: the message of an `invalid_answers` error lists the problems row by row. The page
 * shows its own translations of the same rules; these serve every other caller.
 */
import { ANSWER_MAX_LENGTH, CUSTOM_QUESTION_MAX_LENGTH, type AnswerProblem, type AnswerRule } from '../answer-rules';
import type { Language } from '../languages';
import { errorMessage } from './error-messages';

export interface RuleParams {
  answerMinLength: number;
}

export const answerRuleMessages: Record<AnswerRule, Record<Language, (p: RuleParams) => string>> = {
  question_missing: {
    en: () => 'Choose a question, or write your own.',
    fr: () => 'Choisissez une question ou rédigez la vôtre.',
  },
  question_unknown: {
    en: () => 'This question is not in the list.',
    fr: () => 'Cette question ne fait pas partie de la liste.',
  },
  question_too_long: {
    en: () => `Your question must be at most ${CUSTOM_QUESTION_MAX_LENGTH} characters long.`,
    fr: () => `Votre question doit compter au plus ${CUSTOM_QUESTION_MAX_LENGTH} caractères.`,
  },
  question_repeated: {
    en: () => 'This question is already chosen: choose a different one.',
    fr: () => 'Cette question est déjà choisie\u00a0: choisissez-en une autre.',
  },
  answer_missing: {
    en: () => 'Enter an answer.',
    fr: () => 'Entrez une réponse.',
  },
  answer_too_short: {
    en: (p) => `The answer must have at least ${p.answerMinLength} letters or digits.`,
    fr: (p) => `La réponse doit compter au moins ${p.answerMinLength} lettres ou chiffres.`,
  },
  answer_too_long: {
    en: () => `The answer must be at most ${ANSWER_MAX_LENGTH} characters long.`,
    fr: () => `La réponse doit compter au plus ${ANSWER_MAX_LENGTH} caractères.`,
  },
  answer_repeated: {
    en: () => 'This answer is the same as another one: each answer must be different.',
    fr: () => 'Cette réponse est identique à une autre\u00a0: chaque réponse doit être différente.',
  },
  answer_contains_user_id: {
    en: () => 'The answer must not contain your user ID.',
    fr: () => "La réponse ne doit pas contenir votre code d'utilisateur.",
  },
  answer_contains_name: {
    en: () => 'The answer must not contain your name.',
    fr: () => 'La réponse ne doit pas contenir votre nom.',
  },
  answer_contains_question: {
    en: () => 'The answer must not repeat words of the question.',
    fr: () => 'La réponse ne doit pas reprendre de mots de la question.',
  },
};

/** "Your security questions were not saved: … Question 2: Enter an answer. Question 4: …" */
export function invalidAnswersMessage(
  problems: AnswerProblem[],
  language: Language,
  params: RuleParams & { helpDeskPhone: string },
): string {
  // "Question" is the same word in both languages; French puts a no-break space before the colon.
  const colon = language === 'fr' ? '\u00a0:' : ':';
  const lines = problems.map((p) => `Question ${p.index + 1}${colon} ${answerRuleMessages[p.rule][language](params)}`);
  return [errorMessage('invalid_answers', language, params), ...lines].join(' ');
}
