// Month names and common abbreviations in the languages the cleaner reads dates in (en, de, fr,
// es, it, nl, pt, pl, sv, da/no), folded to lowercase ASCII (diacritics dropped) for lookup.
// No word maps to two different months, so one table serves every language.
const NAMES: ReadonlyArray<readonly string[]> = [
  [
    'january',
    'jan',
    'januar',
    'janner',
    'janvier',
    'janv',
    'enero',
    'ene',
    'gennaio',
    'gen',
    'januari',
    'janeiro',
    'stycznia',
    'styczen',
    'sty',
  ],
  [
    'february',
    'feb',
    'februar',
    'feber',
    'fevrier',
    'fevr',
    'fev',
    'febrero',
    'febbraio',
    'februari',
    'fevereiro',
    'lutego',
    'luty',
    'lut',
  ],
  ['march', 'mar', 'marz', 'maerz', 'mrz', 'mars', 'marzo', 'maart', 'mrt', 'marco', 'marca', 'marzec', 'mars'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'kwiecien', 'kwi'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'mei', 'maio', 'maja', 'maj'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwca', 'czerwiec', 'cze'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho', 'lipca', 'lipiec', 'lip'],
  ['august', 'aug', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia', 'sierpien', 'sie'],
  [
    'september',
    'sep',
    'sept',
    'septembre',
    'septiembre',
    'setiembre',
    'settembre',
    'set',
    'setembro',
    'wrzesnia',
    'wrzesien',
    'wrz',
  ],
  [
    'october',
    'oct',
    'oktober',
    'okt',
    'octobre',
    'octubre',
    'ottobre',
    'ott',
    'outubro',
    'out',
    'pazdziernika',
    'pazdziernik',
    'paz',
  ],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad', 'lis'],
  [
    'december',
    'dec',
    'dezember',
    'dez',
    'decembre',
    'diciembre',
    'dic',
    'dicembre',
    'desember',
    'dezembro',
    'grudnia',
    'grudzien',
    'gru',
  ],
];

const MONTH_BY_NAME = new Map<string, number>(NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));

export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').toLowerCase().replace(/\.$/, '');
}

/** Month number (1-12) of a month name or abbreviation in any of the languages above. */
export function monthOf(word: string): number | undefined {
  return MONTH_BY_NAME.get(foldWord(word));
}
