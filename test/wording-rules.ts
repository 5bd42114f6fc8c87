/**
 * House rules for the words the product shows, checked over the client's catalogue
 * (test/check-translations.ts) and the server's (test/server/messages.test.ts).
 *
 * English is Canadian: -ize (recognize, authorize, organize), -our and -re. French follows the
 * Canadian typography the texts already use: a no-break space before the colon and inside « »,
 * none before ; ? !, and « » rather than "…" around a quoted label.
 */

/** Stems Canadian English spells with -ize where British English uses -ise. */
const IZE_STEMS = [
  'apolog',
  'author',
  'categor',
  'custom',
  'emphas',
  'final',
  'initial',
  'maxim',
  'minim',
  'normal',
  'optim',
  'organ',
  'personal',
  'prior',
  'real',
  'recogn',
  'summar',
  'synchron',
  'util',
];
const BRITISH_ISE = new RegExp(`\\b(?:${IZE_STEMS.join('|')})is(?:e|ed|es|ing|ation|ations)\\b`, 'gi');

/** The British -ise spellings in an English text ("recognise", "organisation"). */
export function britishSpellings(english: string): string[] {
  return english.match(BRITISH_ISE) ?? [];
}

const NO_BREAK = '[\\u00a0\\u202f]';

/** Names of buttons and links that a sentence quotes: « Mot de passe oublié? » */
const QUOTED_LABELS = ['Mot de passe oublié?'];

/** What breaks French typography in a text, each as a short explanation. */
export function frenchTypographyProblems(french: string): string[] {
  const problems: string[] = [];
  if (french.includes('"')) problems.push('"…" instead of « … »');
  if (new RegExp(`(?<!${NO_BREAK}):`).test(french.replace(/https?:|\d:\d/g, ''))) problems.push('no no-break space before ":"');
  if (new RegExp(`«(?!${NO_BREAK})|(?<!${NO_BREAK})»`).test(french)) problems.push('no no-break space inside « »');
  // "comme ! ou #" names the symbol: only a mark that ends a sentence counts.
  if (/\s;|\s[?!](?=$|\s+\p{Lu})/u.test(french)) problems.push('a space before ; ? or ! (Canadian French puts none)');
  for (const label of QUOTED_LABELS) {
    if (french !== label && new RegExp(`(?<!«${NO_BREAK})${label.replace(/[?.]/g, '\\$&')}`).test(french)) {
      problems.push(`the label ${label} is not between « »`);
    }
  }
  return problems;
}
