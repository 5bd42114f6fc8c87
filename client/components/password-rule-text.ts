/**
 * The password rules in the page's words: as checklist items, and as the error a refused
 * password shows. Called from render() so that a language switch re-words what is on screen.
 */
import { msg, str } from '@lit/localize';
import type { PasswordPolicy, PasswordRuleId } from '../../shared/password-policy';

/** A checklist item, read after "Requirements for your new password". */
export function ruleLabel(rule: PasswordRuleId, policy: PasswordPolicy): string {
  switch (rule) {
    case 'length':
      return msg(str`Has ${policy.minLength} to ${policy.maxLength} characters`);
    case 'no-user-id':
      return msg('Does not contain your user ID');
    case 'no-name':
      return msg('Does not contain your name');
    case 'not-common':
      return msg('Is not a common password, or one exposed in a data breach');
    case 'not-recent':
      return policy.historySize === 1
        ? msg('Is not your current password')
        : msg(str`Is not one of your last ${policy.historySize} passwords`);
    case 'upper':
      return msg('Contains an uppercase letter');
    case 'lower':
      return msg('Contains a lowercase letter');
    case 'digit':
      return msg('Contains a digit');
    case 'symbol':
      return msg('Contains a symbol, such as ! or #');
  }
}

/** What the error summary says when the server refused a new password for this rule. */
export function ruleProblem(rule: PasswordRuleId, policy: PasswordPolicy): string {
  switch (rule) {
    case 'length':
      return msg(str`Your new password must have ${policy.minLength} to ${policy.maxLength} characters.`);
    case 'no-user-id':
      return msg('Your new password must not contain your user ID.');
    case 'no-name':
      return msg('Your new password must not contain your name.');
    case 'not-common':
      return msg('Your new password is a common password, or one exposed in a data breach. Choose another one.');
    case 'not-recent':
      return policy.historySize === 1
        ? msg('Your new password must be different from your current password.')
        : msg(str`Your new password must not be one of your last ${policy.historySize} passwords.`);
    case 'upper':
      return msg('Your new password must contain an uppercase letter.');
    case 'lower':
      return msg('Your new password must contain a lowercase letter.');
    case 'digit':
      return msg('Your new password must contain a digit.');
    case 'symbol':
      return msg('Your new password must contain a symbol, such as ! or #.');
  }
}
