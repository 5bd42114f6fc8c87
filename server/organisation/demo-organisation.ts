import type { OrganisationResponse } from '../../shared/api-schemas';
import { DEMO_EMPLOYEE_ID_PATTERN } from '../../shared/user-id';

/**
 * The demo organisation's texts, worded as in the employer's guide to its current tool
 * (PRODUCT.md's source document). Production replaces them through configuration.
 */
export const demoOrganisation: OrganisationResponse = {
  name: { en: 'Canada Post', fr: 'Postes Canada' },
  helpDeskPhone: '1-877-411-8585',
  primarySystem: { en: 'Intrapost', fr: 'Intraposte' },
  // The demo's user IDs are digits only (100001): phones show the numeric keypad.
  userIdInputMode: 'numeric',
  employeeIdPattern: DEMO_EMPLOYEE_ID_PATTERN,
  notice: {
    en:
      'The use of "Employee Self Serve" is granted by Canada Post Corporation to employees as authorized users to review, update or change their own employee personal records. ' +
      'Access to "Employee Self Serve" is available solely to authorized users. ' +
      'Authorized users have a responsibility to protect their User ID and password and to immediately notify the Canada Post Help Desk (1-877-411-8585) if there are any indications that their access or personal information has been compromised. ' +
      'Any inappropriate use of this system is strictly prohibited and shall result in revocation of authorized access and criminal, civil and/or disciplinary sanctions.',
    fr:
      "L'utilisation du «\u00a0Libre-service pour les employés\u00a0» est accordée par la Société canadienne des postes aux employés pour qu'ils puissent réviser, mettre à jour et modifier leurs dossiers personnels. " +
      "L'accès au Libre-service pour les employés n'est offert qu'aux utilisateurs autorisés. " +
      "Ces derniers sont tenus de protéger leur code d'utilisateur et leur mot de passe, et ils doivent aviser immédiatement le Service d'assistance de Postes Canada (1-877-411-8585) s'ils estiment que leur accès ou leurs renseignements personnels ont été compromis. " +
      "L'utilisation inappropriée du système est strictement interdite, et peut entraîner la révocation des privilèges d'accès ainsi que des mesures criminelles, civiles ou disciplinaires.",
  },
};
