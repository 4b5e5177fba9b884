import { shippedTemplate } from '../template.ts';

/** The full-text fields searched, with their weight: a title match counts most. */
const WEIGHTS = { title: 3, subtitle: 2, body: 1 } as const;
type TextField = keyof typeof WEIGHTS;

interface FieldMapping {
  type?: string;
  fields?: Record<string, FieldMapping>;
}

/**
 * The text subfields of a field in the shipped mapping (`body.de`, `body.fr`, …: one per language
 * analyzer), so queries follow the template when a language is added. Keyword subfields such as
 * `title.exact` are left out. Every cluster has them all: only their analyzers differ.
 */
export function languageSubfields(field: TextField): string[] {
  const properties = (shippedTemplate().template.mappings as { properties: Record<string, FieldMapping> }).properties;
  const subfields = Object.entries(properties[field]?.fields ?? {});
  return subfields.filter(([, mapping]) => mapping.type === 'text').map(([name]) => `${field}.${name}`);
}

/** Every field a query searches: the language-neutral field and each language subfield, weighted. */
export function searchFields(): string[] {
  return (Object.keys(WEIGHTS) as TextField[]).flatMap((field) => {
    const boost = WEIGHTS[field] === 1 ? '' : `^${WEIGHTS[field]}`;
    return [field, ...languageSubfields(field)].map((name) => `${name}${boost}`);
  });
}

/**
 * For the highlighter: the fields whose matches mark the main field's text. A German query may only
 * match `body.de` (through stemming); its matches are still shown on `body`, the stored text.
 */
export function matchedFields(field: TextField): string[] {
  return [field, ...languageSubfields(field)];
}
