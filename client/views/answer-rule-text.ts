import { msg, str } from '@lit/localize';
import { ANSWER_MAX_LENGTH, CUSTOM_QUESTION_MAX_LENGTH, type AnswerRule } from '../../shared/answer-rules';

/**
 * What the page says about each security-questions rule (shared/answer-rules.ts), in the page's
 * language. Called from render(), so that feedback already on screen follows a language switch.
 */
export function answerRuleText(rule: AnswerRule, answerMinLength: number): string {
  switch (rule) {
    case 'question_missing':
      return msg('Choose a question, or write your own.');
    case 'question_unknown':
      return msg('This question is no longer offered: choose another one.');
    case 'question_too_long':
      return msg(str`Your question must be at most ${CUSTOM_QUESTION_MAX_LENGTH} characters long.`);
    case 'question_repeated':
      return msg('This question is already chosen: choose a different one.');
    case 'answer_missing':
      return msg('Enter an answer.');
    case 'answer_too_short':
      return msg(str`The answer must have at least ${answerMinLength} letters or digits.`);
    case 'answer_too_long':
      return msg(str`The answer must be at most ${ANSWER_MAX_LENGTH} characters long.`);
    case 'answer_repeated':
      return msg('This answer is the same as another one: each answer must be different.');
    case 'answer_contains_user_id':
      return msg('The answer must not contain your user ID.');
    case 'answer_contains_name':
      return msg('The answer must not contain your name.');
    case 'answer_contains_question':
      return msg('The answer must not repeat words of the question.');
  }
}
