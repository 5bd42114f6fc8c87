/**
 * The questions employees choose from, each in English and French. This is the default; an
 * organisation replaces it with SESAME_QUESTIONS_FILE (see server/config.ts). Ids are stored
 * with each enrolment, so a question keeps its id for as long as anyone may have chosen it.
 *
 * The questions ask about things that do not change, that the employee remembers without
 * effort, and that are hard to find in a public profile (no mother's maiden name, no birth
 * date, no current favourite).
 */
import type { Bilingual } from '../../../shared/languages';

export interface CatalogueQuestion extends Bilingual {
  id: string;
}

export const defaultQuestionCatalogue: CatalogueQuestion[] = [
  {
    id: 'first-pet',
    en: 'What was the name of your first pet?',
    fr: 'Quel était le nom de votre premier animal de compagnie?',
  },
  {
    id: 'childhood-friend',
    en: 'What was the first name of your best friend in childhood?',
    fr: "Quel était le prénom de votre meilleur ami ou meilleure amie d'enfance?",
  },
  {
    id: 'first-teacher',
    en: 'What was the last name of your first-grade teacher?',
    fr: 'Quel était le nom de famille de votre enseignant ou enseignante de première année?',
  },
  {
    id: 'parents-met',
    en: 'In what city or town did your parents meet?',
    fr: 'Dans quelle ville ou quel village vos parents se sont-ils rencontrés?',
  },
  {
    id: 'first-employer',
    en: 'What was the name of your first employer?',
    fr: 'Quel était le nom de votre premier employeur?',
  },
  {
    id: 'childhood-street',
    en: 'On what street did you live when you were ten years old?',
    fr: "Sur quelle rue habitiez-vous à l'âge de dix ans?",
  },
  {
    id: 'first-car',
    en: 'What was the make and model of your first car?',
    fr: 'Quels étaient la marque et le modèle de votre première voiture?',
  },
  {
    id: 'first-concert',
    en: 'Who performed at the first concert you attended?',
    fr: 'Qui était sur scène au premier spectacle auquel vous avez assisté?',
  },
  {
    id: 'oldest-cousin',
    en: 'What is the first name of your oldest cousin?',
    fr: 'Quel est le prénom de votre cousin ou cousine le plus âgé?',
  },
  {
    id: 'childhood-hero',
    en: 'Who was your hero when you were a child?',
    fr: 'Qui était votre héros ou votre héroïne quand vous étiez enfant?',
  },
  {
    id: 'stuffed-animal',
    en: 'What was the name of your first stuffed animal?',
    fr: 'Quel était le nom de votre premier animal en peluche?',
  },
  {
    id: 'elementary-school',
    en: 'What was the name of your elementary school?',
    fr: 'Quel était le nom de votre école primaire?',
  },
  {
    id: 'first-album',
    en: 'What was the first album you bought?',
    fr: 'Quel est le premier album que vous avez acheté?',
  },
  {
    id: 'dream-job',
    en: 'What job did you dream of doing when you were a child?',
    fr: "Quel métier rêviez-vous d'exercer quand vous étiez enfant?",
  },
  {
    id: 'first-team',
    en: 'What was the name of the first sports team you played on?',
    fr: 'Quel était le nom de la première équipe sportive dont vous avez fait partie?',
  },
];
