// The article's language with where it came from: the markup (<html lang>, JSON-LD inLanguage,
// og:locale, Content-Language) unless the text itself clearly says otherwise, since templates
// often keep a site-wide or default "en"; detected from the text when the markup is silent.
import type { MetadataSource } from '@newsflow/contracts';
import { detectLanguage } from '../text/detect-language.ts';
import { firstMeta, type HeadTags } from './head-tags.ts';
import { ldString, type LdObject } from './json-ld.ts';
import { normalizeLang } from './pick-extras.ts';

export interface Language {
  language: string | undefined;
  source: MetadataSource | undefined;
}

/** Less text than this is too little to overrule the markup. */
const MIN_TEXT_TO_OVERRULE = 200;

export function pickLanguage(tags: HeadTags, article: LdObject | undefined, text: string): Language {
  const fromLd = ldString(article?.inLanguage);
  const markup = normalizeLang(
    tags.lang ?? fromLd ?? firstMeta(tags, 'og:locale', 'content-language', 'language', 'dc.language'),
  );
  const detected = detectLanguage(text);
  if (markup && (!detected || primary(markup) === detected || text.length < MIN_TEXT_TO_OVERRULE))
    return { language: markup, source: tags.lang || !fromLd ? 'meta' : 'json-ld' };
  return detected ? { language: detected, source: 'text' } : { language: undefined, source: undefined };
}

function primary(tag: string): string {
  return tag.split('-')[0]!;
}
