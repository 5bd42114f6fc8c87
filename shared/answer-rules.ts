/**
 * The rules a set of security questions must follow to be enrolled. Pure: the browser runs
 * them as the employee types (live feedback) and the server runs them again before saving
 * (enforcement), so both always agree. Each problem names the row (0-based) and the rule; the
 * wording lives with each side's translations.
 */
import { answerLength, answerWords, compactAnswer } from './answer-normalisation';

/** How many questions an employee enrols, and how many each attempt asks. */
export const ENROLLED_QUESTIONS = 5;
export const ASKED_QUESTIONS = 3;
export const DEFAULT_ANSWER_MIN_LENGTH = 3;
/** Bounds in characters as typed (after trimming); longer input is refused, never truncated. */
export const ANSWER_MAX_LENGTH = 100;
export const CUSTOM_QUESTION_MAX_LENGTH = 150;

export const ANSWER_RULES = [
  'question_missing',
  'question_unknown',
  'question_too_long',
  'question_repeated',
  'answer_missing',
  'answer_too_short',
  'answer_too_long',
  'answer_repeated',
  'answer_contains_user_id',
  'answer_contains_name',
  'answer_contains_question',
] as const;
export type AnswerRule = (typeof ANSWER_RULES)[number];

export interface AnswerProblem {
  /** The row, from 0. */
  index: number;
  rule: AnswerRule;
}

/** What one row holds: which question (as text, to compare words) and the answer typed. */
export type ChosenQuestion =
  /** A question of the catalogue, with its text in every language the employee may have read. */
  | { kind: 'catalogue'; id: string; texts: string[] }
  /** The employee's own question, as typed. */
  | { kind: 'custom'; text: string }
  /** A catalogue id the catalogue does not hold (only a request written by hand sends one). */
  | { kind: 'unknown'; id: string }
  | { kind: 'none' };

export interface EnrolmentRow {
  question: ChosenQuestion;
  answer: string;
}

export interface Person {
  userId: string;
  displayName: string;
}

export interface AnswerRulesOptions {
  /** At least this many letters or digits after normalisation (SESAME_ANSWER_MIN_LENGTH). */
  answerMinLength: number;
}

/**
 * Words too common to give an answer away ("what", "your", « quel », « votre »), in the
 * normalised form (no accents), English and French. Words under 3 letters never count either.
 */
const STOP_WORDS = new Set([
  'the',
  'and',
  'was',
  'were',
  'what',
  'which',
  'who',
  'whom',
  'whose',
  'where',
  'when',
  'why',
  'how',
  'your',
  'you',
  'did',
  'does',
  'are',
  'for',
  'with',
  'from',
  'that',
  'this',
  'into',
  'had',
  'have',
  'quel',
  'quelle',
  'quels',
  'quelles',
  'etait',
  'etaient',
  'est',
  'les',
  'des',
  'une',
  'votre',
  'vos',
  'qui',
  'que',
  'quoi',
  'dans',
  'sur',
  'avec',
  'pour',
  'par',
  'aux',
  'vous',
  'avez',
  'etiez',
  'ete',
  'lequel',
  'laquelle',
  'auquel',
  'dont',
  'son',
  'ses',
  'quand',
  'comment',
  'ont',
  'leur',
  'leurs',
]);

/** The words of a question that an answer must not repeat. */
export function significantWords(question: string): string[] {
  return answerWords(question).filter((word) => Array.from(word).length >= 3 && !STOP_WORDS.has(word));
}

function questionTexts(question: ChosenQuestion): string[] {
  if (question.kind === 'catalogue') return question.texts;
  if (question.kind === 'custom') return [question.text];
  return [];
}

function charactersAsTyped(text: string): number {
  return Array.from(text.trim()).length;
}

/** Every problem of a set of rows; an empty list means the set may be enrolled. */
export function enrolmentProblems(rows: EnrolmentRow[], person: Person, options: AnswerRulesOptions): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const userId = compactAnswer(person.userId);
  const fullName = compactAnswer(person.displayName);
  const nameParts = new Set(answerWords(person.displayName).filter((part) => Array.from(part).length >= 2));
  const seenQuestions = new Set<string>();
  const seenAnswers = new Set<string>();

  rows.forEach((row, index) => {
    const add = (rule: AnswerRule) => problems.push({ index, rule });
    const { question } = row;

    // The question.
    if (question.kind === 'none') add('question_missing');
    else if (question.kind === 'unknown') add('question_unknown');
    else if (question.kind === 'custom') {
      if (compactAnswer(question.text) === '') add('question_missing');
      else if (charactersAsTyped(question.text) > CUSTOM_QUESTION_MAX_LENGTH) add('question_too_long');
    }
    // The same question twice: the same catalogue id, or texts that read the same once normalised
    // (one's own question copying a catalogue one, in either language).
    const keys = [
      ...(question.kind === 'catalogue' || question.kind === 'unknown' ? [`id:${question.id}`] : []),
      ...questionTexts(question)
        .map(compactAnswer)
        .filter((text) => text !== '')
        .map((text) => `text:${text}`),
    ];
    if (keys.some((key) => seenQuestions.has(key))) add('question_repeated');
    keys.forEach((key) => seenQuestions.add(key));

    // The answer.
    const compact = compactAnswer(row.answer);
    if (compact === '') {
      add('answer_missing');
      return;
    }
    if (answerLength(row.answer) < options.answerMinLength) add('answer_too_short');
    if (charactersAsTyped(row.answer) > ANSWER_MAX_LENGTH) add('answer_too_long');
    if (seenAnswers.has(compact)) add('answer_repeated');
    seenAnswers.add(compact);
    if (userId !== '' && compact.includes(userId)) add('answer_contains_user_id');
    const words = answerWords(row.answer);
    if (words.some((word) => nameParts.has(word)) || (fullName !== '' && compact.includes(fullName))) {
      add('answer_contains_name');
    }
    const questionWords = new Set(questionTexts(question).flatMap(significantWords));
    if (words.some((word) => questionWords.has(word))) add('answer_contains_question');
  });
  return problems;
}
