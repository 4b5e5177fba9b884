// Each article's text is analysed in its own language once, in a field chosen when it is written
// (`body_lang.de` for a German article), beside the language-neutral `title`, `subtitle` and
// `body`. Analysing every text with every language analyzer (one subfield per language, template
// v3) cost Elasticsearch 6.4× the CPU per document; this costs one extra analysis per text.

/** Languages with an analyzer of their own in the articles template (`newsflow_<code>`). */
export const ANALYSED_LANGUAGES = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pt', 'pl'] as const;
export type AnalysedLanguage = (typeof ANALYSED_LANGUAGES)[number];

/** The text fields that get a copy in their language, and the object field that holds it. */
export const LANGUAGE_FIELD_OF = { title: 'title_lang', subtitle: 'subtitle_lang', body: 'body_lang' } as const;
type TextField = keyof typeof LANGUAGE_FIELD_OF;

/** The fields holding those copies: an index detail, left out of what is returned to readers. */
export const LANGUAGE_FIELDS = Object.values(LANGUAGE_FIELD_OF);

export type LanguageFields = Partial<
  Record<(typeof LANGUAGE_FIELD_OF)[TextField], Partial<Record<AnalysedLanguage, string>>>
>;

/**
 * The analysed language of a `language` tag: its primary subtag (`de-CH` → `de`, case ignored),
 * if the template has an analyzer for it; otherwise none, and the text is only in the neutral fields.
 */
export function analysedLanguageOf(tag: string | undefined): AnalysedLanguage | undefined {
  const primary = tag?.split(/[-_]/)[0]?.toLowerCase();
  return ANALYSED_LANGUAGES.find((code) => code === primary);
}

interface Text {
  title?: string | undefined;
  subtitle?: string | undefined;
  body?: string | undefined;
  language?: string | undefined;
}

/** The copies of a document's text in its language's fields: `{ body_lang: { de: body }, … }`. */
export function languageFieldsOf(text: Text): LanguageFields {
  const code = analysedLanguageOf(text.language);
  if (!code) return {};
  const fields: LanguageFields = {};
  for (const field of Object.keys(LANGUAGE_FIELD_OF) as TextField[]) {
    const value = text[field];
    if (value) fields[LANGUAGE_FIELD_OF[field]] = { [code]: value };
  }
  return fields;
}

/**
 * A stored source with its language fields recomputed from its own text and language: for
 * writers that copy stored documents (the reindex copy), so a document written before the fields
 * existed, or whose language changed, gets the right one. Any other language's copy is dropped.
 */
export function withLanguageFields<T extends Text>(source: T): Omit<T, keyof LanguageFields> & LanguageFields {
  const { title_lang: _title, subtitle_lang: _subtitle, body_lang: _body, ...rest } = source as T & LanguageFields;
  return { ...rest, ...languageFieldsOf(source) };
}
