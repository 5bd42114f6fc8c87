/**
 * A target system's refusal of a new password, said to the employee in words and naming the
 * system (the most common complaint about open-source portals is an opaque code). The
 * directory's own text goes to the log only (server/connectors/password-refusal.ts).
 */
import type { Language } from '../languages';
import type { RefusalKind } from '../refusal-kinds';

export const refusalMessages: Record<RefusalKind, Record<Language, (system: string) => string>> = {
  too_short: {
    en: (system) => `${system} refused the new password: it is too short for that system. Choose a longer one.`,
    fr: (system) => `${system} a refusé le nouveau mot de passe\u00a0: il est trop court pour ce système. Choisissez-en un plus long.`,
  },
  history: {
    en: (system) => `${system} refused the new password: you have used it there before. Choose one you have never used.`,
    fr: (system) =>
      `${system} a refusé le nouveau mot de passe\u00a0: vous l'y avez déjà utilisé. Choisissez-en un que vous n'avez jamais utilisé.`,
  },
  complexity: {
    en: (system) =>
      `${system} refused the new password: it does not meet that system's rules (length, or the kinds of characters it requires). Choose a longer one that mixes letters, digits and symbols.`,
    fr: (system) =>
      `${system} a refusé le nouveau mot de passe\u00a0: il ne respecte pas les règles de ce système (longueur, ou types de caractères exigés). Choisissez-en un plus long qui mêle lettres, chiffres et symboles.`,
  },
  too_recent: {
    en: (system) => `${system} refused the new password: its password was changed too recently. Try again tomorrow, or call the Help Desk.`,
    fr: (system) =>
      `${system} a refusé le nouveau mot de passe\u00a0: son mot de passe a été changé trop récemment. Réessayez demain ou communiquez avec le Service d'assistance.`,
  },
  account_disabled: {
    en: (system) => `Your account on ${system} is disabled, so its password cannot be changed. Call the Help Desk.`,
    fr: (system) =>
      `Votre compte sur ${system} est désactivé\u00a0: son mot de passe ne peut pas être changé. Communiquez avec le Service d'assistance.`,
  },
  account_locked: {
    en: (system) => `Your account on ${system} is locked, so its password cannot be changed now. Try again later, or call the Help Desk.`,
    fr: (system) =>
      `Votre compte sur ${system} est verrouillé\u00a0: son mot de passe ne peut pas être changé pour l'instant. Réessayez plus tard ou communiquez avec le Service d'assistance.`,
  },
  refused: {
    en: (system) => `${system} refused the new password without saying why. Call the Help Desk.`,
    fr: (system) => `${system} a refusé le nouveau mot de passe sans en donner la raison. Communiquez avec le Service d'assistance.`,
  },
};

export function refusalMessage(kind: RefusalKind, language: Language, system: string): string {
  return refusalMessages[kind][language](system);
}
