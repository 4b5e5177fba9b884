// An article as the story assigner sees it: term counts (words and adjacent word pairs), the
// terms of its title and lead, and what it mentions.
import { normalizeLine, tokenize } from '../normalize.ts';
import { mentionsOf, mentionText, namesOf } from './text-signals.ts';

export interface StoryArticle {
  docId: string;
  title: string;
  body: string;
  /** ISO 8601; articles further apart than the time window never share a story. */
  publishedAt?: string;
  /** Its copy cluster, and the articles whose clusters its arrival merged (see StoryCommit). */
  cluster?: string;
  clusterMergedFrom?: string[];
}

export interface StoryProfile {
  docId: string;
  /** Milliseconds since the epoch, or null when the article has no date. */
  time: number | null;
  /** Term counts over title and body: words and adjacent pairs ("tax cut"). */
  terms: Map<string, number>;
  /** Term counts of the title and first paragraph: what the article says it is about. */
  lead: Map<string, number>;
  names: string[];
  /** Names in the title and first paragraph: the event's protagonists and place. */
  leadNames: string[];
  places: string[];
  numbers: string[];
  dates: string[];
}

// Function words carry no event identity. Everything else is weighed by rarity (IDF) anyway, so
// this list only needs the frequent ones.
const STOPWORDS = new Set(
  (
    'the a an and or of to in on at for with by from as is was were are be been has have had it its this that these ' +
    'those he she they his her their i we you not but said says say will would could after before over about into ' +
    'than then there which who whom what when where also more most up out if no so all can may just mr mrs ms told ' +
    'him them our us do did does s t being other some such only any very'
  ).split(' '),
);

const tokensOf = (text: string) => tokenize(normalizeLine(text));

function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  let previous: string | undefined;
  for (const token of tokens) {
    const content = !STOPWORDS.has(token) && (token.length > 1 || /\d/.test(token));
    if (!content) {
      previous = undefined;
      continue;
    }
    counts.set(token, (counts.get(token) ?? 0) + 1);
    if (previous !== undefined) {
      const pair = `${previous} ${token}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    previous = token;
  }
  return counts;
}

function leadOf(title: string, body: string): string {
  const first = body.split(/\n\s*\n/).find((paragraph) => paragraph.trim() !== '') ?? '';
  return `${title}\n${first}`;
}

function timeOf(publishedAt: string | undefined): number | null {
  const time = publishedAt === undefined ? NaN : Date.parse(publishedAt);
  return Number.isNaN(time) ? null : time;
}

export function profileOf(article: StoryArticle): StoryProfile {
  // The whole text is tokenised once, for its terms and for its numbers and dates.
  const tokens = tokensOf(mentionText(article.title, article.body));
  const mentions = mentionsOf(article.title, article.body, tokens);
  const lead = leadOf(article.title, article.body);
  return {
    docId: article.docId,
    time: timeOf(article.publishedAt),
    terms: countTerms(tokens),
    lead: countTerms(tokensOf(lead)),
    names: [...mentions.names],
    leadNames: [...namesOf('', lead)],
    places: [...mentions.places],
    numbers: [...mentions.numbers],
    dates: [...mentions.dates],
  };
}
