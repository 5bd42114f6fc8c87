// The texts live in shared/messages/; the server's callers keep this path.
export { answerRuleMessages, invalidAnswersMessage, type RuleParams } from '../../shared/messages/answer-rule-messages';
