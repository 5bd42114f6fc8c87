/**
 * What the API says for each error code, in both languages. The client shows its own
 * translations of the same codes; these serve every other caller and are the fallback. Plain
 * data and functions, nothing Node-only: the server and the service worker both import it.
 * Each entry must exist in English and French (test/server/messages.test.ts).
 */
import type { ErrorCode } from '../error-codes';
import type { Language } from '../languages';
import type { PasswordPolicy, PasswordRuleId } from '../password-policy';
import type { RefusalKind } from '../refusal-kinds';
import { refusalMessage } from './refusal-messages';

export interface MessageParams {
  helpDeskPhone: string;
  minutes?: number;
  /** For `password_policy`: the rules the new password broke… */
  failedRules?: readonly PasswordRuleId[];
  /** …and the policy they were judged under (lengths, history size). */
  policy?: PasswordPolicy;
  /** For a wrong secret close to the lock: tries left, and the lock's length in minutes. */
  attemptsLeft?: number;
  lockMinutes?: number;
  /** For `password_refused`: why the primary directory refused, and that system's name in the message's language. */
  refusal?: RefusalKind;
  primarySystem?: string;
}

type Message = (p: MessageParams) => string;

/** "1 minute", "15 minutes": the same word and rule in English and French for n ≥ 1. */
const minutes = (n = 15) => (n === 1 ? '1 minute' : `${n} minutes`);

/** What each password rule demands, as the end of "A new password must: …". */
export const passwordRequirements: Record<PasswordRuleId, Record<Language, (policy: PasswordPolicy) => string>> = {
  length: {
    en: (p) => `be ${p.minLength} to ${p.maxLength} characters long`,
    fr: (p) => `compter de ${p.minLength} à ${p.maxLength} caractères`,
  },
  'no-user-id': {
    en: () => 'not contain your user ID',
    fr: () => "ne pas contenir votre code d'utilisateur",
  },
  'no-name': {
    en: () => 'not contain your name',
    fr: () => 'ne pas contenir votre nom',
  },
  'not-common': {
    en: () => 'not be a common password, or one exposed in a data breach',
    fr: () => "ne pas être un mot de passe courant ni un mot de passe exposé lors d'une fuite de données",
  },
  'not-recent': {
    en: (p) => (p.historySize === 1 ? 'not be your current password' : `not be one of your last ${p.historySize} passwords`),
    fr: (p) =>
      p.historySize === 1 ? 'ne pas être votre mot de passe actuel' : `ne pas être l'un de vos ${p.historySize} derniers mots de passe`,
  },
  upper: { en: () => 'contain an uppercase letter', fr: () => 'contenir une lettre majuscule' },
  lower: { en: () => 'contain a lowercase letter', fr: () => 'contenir une lettre minuscule' },
  digit: { en: () => 'contain a digit', fr: () => 'contenir un chiffre' },
  symbol: { en: () => 'contain a symbol, such as ! or #', fr: () => 'contenir un symbole, comme ! ou #' },
};

function requirements(p: MessageParams, language: Language): string | null {
  const { failedRules, policy } = p;
  if (!failedRules?.length || !policy) return null;
  return failedRules.map((rule) => passwordRequirements[rule][language](policy)).join('; ');
}

/** "2 attempts left before this method is locked for 15 minutes.", after a wrong secret; '' when not close to the lock. */
export const lockWarning: Record<Language, (p: MessageParams) => string> = {
  en: ({ attemptsLeft: n, lockMinutes: m }) =>
    n ? ` ${n === 1 ? '1 attempt' : `${n} attempts`} left before this method is locked for ${minutes(m)}.` : '',
  fr: ({ attemptsLeft: n, lockMinutes: m }) =>
    n
      ? ` Il vous reste ${n === 1 ? '1 tentative' : `${n} tentatives`} avant que cette méthode soit verrouillée pendant ${minutes(m)}.`
      : '',
};

export const errorMessages: Record<ErrorCode, Record<Language, Message>> = {
  invalid_request: {
    en: () => 'The request is not valid. Check what you entered and try again.',
    fr: () => "La demande n'est pas valide. Vérifiez ce que vous avez saisi et réessayez.",
  },
  invalid_credentials: {
    en: (p) => `The user ID or password is incorrect.${lockWarning.en(p)}`,
    fr: (p) => `Le code d'utilisateur ou le mot de passe est incorrect.${lockWarning.fr(p)}`,
  },
  wrong_answers: {
    en: (p) => `One or more answers are incorrect.${lockWarning.en(p)}`,
    fr: (p) => `Une ou plusieurs réponses sont incorrectes.${lockWarning.fr(p)}`,
  },
  password_policy: {
    en: (p) => {
      const list = requirements(p, 'en');
      return list ? `This password cannot be used. A new password must: ${list}.` : 'This password cannot be used. Choose another one.';
    },
    fr: (p) => {
      const list = requirements(p, 'fr');
      return list
        ? `Ce mot de passe ne peut pas être utilisé. Un nouveau mot de passe doit\u00a0: ${list}.`
        : 'Ce mot de passe ne peut pas être utilisé. Choisissez-en un autre.';
    },
  },
  invalid_answers: {
    en: () => 'Your security questions were not saved: some of them do not follow the rules.',
    fr: () => "Vos questions de sécurité n'ont pas été enregistrées\u00a0: certaines ne respectent pas les règles.",
  },
  locked: {
    en: (p) =>
      `Too many failed attempts. This sign-in method is locked for ${minutes(p.minutes)} for this user ID. Try again later, or call the Help Desk at ${p.helpDeskPhone}.`,
    fr: (p) =>
      `Trop de tentatives infructueuses. Cette méthode d'ouverture de session est verrouillée pendant ${minutes(p.minutes)} pour ce code d'utilisateur. Réessayez plus tard ou communiquez avec le Service d'assistance au ${p.helpDeskPhone}.`,
  },
  rate_limited: {
    en: (p) =>
      `Too many failed attempts from this network. Try again in ${minutes(p.minutes)}, or call the Help Desk at ${p.helpDeskPhone}.`,
    fr: (p) =>
      `Trop de tentatives infructueuses à partir de ce réseau. Réessayez dans ${minutes(p.minutes)} ou communiquez avec le Service d'assistance au ${p.helpDeskPhone}.`,
  },
  unauthenticated: {
    en: () => 'Your session has ended. Sign in again.',
    fr: () => 'Votre session a pris fin. Ouvrez une nouvelle session.',
  },
  restricted_session: {
    en: () => 'Finish the step you were sent to first: set your new password, or enrol your security questions.',
    fr: () => "Terminez d'abord l'étape demandée\u00a0: définissez votre nouveau mot de passe ou inscrivez vos questions de sécurité.",
  },
  reauthentication_required: {
    en: () => 'To change how you prove who you are, enter your password again.',
    fr: () => 'Pour changer la façon dont vous prouvez votre identité, entrez de nouveau votre mot de passe.',
  },
  forbidden: {
    en: () => 'You do not have access to this.',
    fr: () => "Vous n'avez pas accès à cette fonction.",
  },
  forbidden_origin: {
    en: () => 'This request did not come from the Self-service password page, so it was refused.',
    fr: () => 'Cette demande ne provient pas de la page Mot de passe en libre-service; elle a donc été refusée.',
  },
  device_unknown: {
    en: () => 'This device is not enrolled, or it was removed. Add it again from My Profile.',
    fr: () => "Cet appareil n'est pas inscrit ou il a été retiré. Ajoutez-le de nouveau à partir de Mon Profil.",
  },
  invalid_code: {
    en: () => 'This code is not right, or it was already used. Enter the code the app shows now.',
    fr: () => "Ce code n'est pas le bon ou il a déjà servi. Entrez le code que l'application affiche maintenant.",
  },
  passkey_not_verified: {
    en: () => 'The passkey could not be verified. Start again.',
    fr: () => "La clé d'accès n'a pas pu être vérifiée. Recommencez.",
  },
  enrolment_link_unknown: {
    en: () =>
      'This link to add a phone is not valid. On your computer, open My Profile, then Mobile devices, and choose "Add a phone" for a new code.',
    fr: () =>
      "Ce lien pour ajouter un téléphone n'est pas valide. Sur votre ordinateur, ouvrez Mon Profil, puis Appareils mobiles, et choisissez «\u00a0Ajouter un téléphone\u00a0» pour obtenir un nouveau code.",
  },
  enrolment_link_used: {
    en: () => 'This link to add a phone was already used. Each code adds one phone: ask for a new code on your computer.',
    fr: () =>
      'Ce lien pour ajouter un téléphone a déjà servi. Chaque code ajoute un seul téléphone\u00a0: demandez un nouveau code sur votre ordinateur.',
  },
  enrolment_link_expired: {
    en: () => 'This link to add a phone has expired: a code is valid for 5 minutes. Ask for a new code on your computer.',
    fr: () =>
      'Ce lien pour ajouter un téléphone a expiré\u00a0: un code est valide 5\u00a0minutes. Demandez un nouveau code sur votre ordinateur.',
  },
  enrolment_link_replaced: {
    en: () => 'This link to add a phone was replaced by a newer code. Scan the code now shown on your computer.',
    fr: () =>
      'Ce lien pour ajouter un téléphone a été remplacé par un code plus récent. Balayez le code affiché maintenant sur votre ordinateur.',
  },
  approval_limit: {
    en: (p) =>
      `Too many sign-in requests were sent to this phone. Try again in ${minutes(p.minutes)}, or call the Help Desk at ${p.helpDeskPhone}.`,
    fr: (p) =>
      `Trop de demandes de connexion ont été envoyées à ce téléphone. Réessayez dans ${minutes(p.minutes)} ou communiquez avec le Service d'assistance au ${p.helpDeskPhone}.`,
  },
  password_refused: {
    en: (p) => refusalMessage(p.refusal ?? 'refused', 'en', p.primarySystem || 'The directory'),
    fr: (p) => refusalMessage(p.refusal ?? 'refused', 'fr', p.primarySystem || "L'annuaire"),
  },
  directory_unavailable: {
    en: (p) =>
      `${p.primarySystem || 'The directory'} cannot be reached right now, so passwords cannot be checked or changed. Try again in a few minutes, or call the Help Desk at ${p.helpDeskPhone}.`,
    fr: (p) =>
      `${p.primarySystem || "L'annuaire"} est injoignable pour l'instant\u00a0: les mots de passe ne peuvent être ni vérifiés ni changés. Réessayez dans quelques minutes ou communiquez avec le Service d'assistance au ${p.helpDeskPhone}.`,
  },
  attach_locked: {
    en: (p) =>
      `Too many accounts could not be attached with the user ID and password given. Try again in ${minutes(p.minutes)}, or call the Help Desk at ${p.helpDeskPhone}.`,
    fr: (p) =>
      `Trop de comptes n'ont pas pu être joints avec l'identifiant et le mot de passe donnés. Réessayez dans ${minutes(p.minutes)} ou communiquez avec le Service d'assistance au ${p.helpDeskPhone}.`,
  },
  sync_not_failed: {
    en: () => 'This account needs no new try: its password is being sent, or it already has it.',
    fr: () => "Ce compte n'a pas besoin d'un nouvel essai\u00a0: son mot de passe est en cours d'envoi, ou il l'a déjà.",
  },
  approval_closed: {
    en: () => 'This sign-in request is no longer waiting: it expired, was replaced or was already answered.',
    fr: () => "Cette demande de connexion n'est plus en attente\u00a0: elle a expiré, a été remplacée ou a déjà reçu une réponse.",
  },
  approval_not_ready: {
    en: () => 'This sign-in has not been approved on the phone.',
    fr: () => "Cette connexion n'a pas été approuvée sur le téléphone.",
  },
  wrong_number: {
    en: () => 'That is not the number shown on the other screen. Check it and try again.',
    fr: () => "Ce n'est pas le numéro affiché sur l'autre écran. Vérifiez-le et réessayez.",
  },
  too_many_wrong_numbers: {
    en: () => 'The wrong number was entered three times, so this sign-in request was denied.',
    fr: () => 'Un mauvais numéro a été entré trois fois; cette demande de connexion a donc été refusée.',
  },
  payload_too_large: {
    en: () => 'The request is too large.',
    fr: () => 'La demande est trop volumineuse.',
  },
  not_found: {
    en: () => 'There is nothing at this address.',
    fr: () => "Il n'y a rien à cette adresse.",
  },
  internal: {
    en: (p) => `Something went wrong on our side. Try again, or call the Help Desk at ${p.helpDeskPhone}.`,
    fr: (p) => `Un problème est survenu de notre côté. Réessayez ou communiquez avec le Service d'assistance au ${p.helpDeskPhone}.`,
  },
};

export function errorMessage(code: ErrorCode, language: Language, params: MessageParams): string {
  return errorMessages[code][language](params);
}
