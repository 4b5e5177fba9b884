import { normaliseLine, tokenize } from './normalise.ts';

// Function words carry no event identity; everything else is weighed by rarity (IDF) anyway, so
// this list only needs the frequent ones.
const STOPWORDS = new Set(
  (
    'the a an and or of to in on at for with by from as is was were are be been has have had it its this that these ' +
    'those he she they his her their i we you not but said says say will would could after before over about into ' +
    'than then there which who whom what when where also more most one two new up out if no so all can may just ' +
    'year years mr mrs ms told'
  ).split(' '),
);

/**
 * Term frequencies of an article for story matching. Names count double: a capitalised word that
 * does not start a sentence is most likely an entity (person, place, organisation), and entities
 * are what tell two earthquakes or two trials of the same kind apart.
 */
export function storyTerms(title: string, body: string): Map<string, number> {
  const text = `${title}\n${body}`;
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<![.!?]\s|^)\b(\p{Lu}\p{Ll}{2,})/gmu)) names.add(match[1]!.toLowerCase());
  const tf = new Map<string, number>();
  for (const token of tokenize(normaliseLine(text))) {
    if (STOPWORDS.has(token) || (token.length < 3 && !/\d/.test(token))) continue;
    tf.set(token, (tf.get(token) ?? 0) + (names.has(token) ? 2 : 1));
  }
  return tf;
}
