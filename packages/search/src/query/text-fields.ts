import { LANGUAGE_FIELD_OF } from '@newsflow/contracts';
import { shippedTemplate } from '../template.ts';

/** The full-text fields searched, with their weight: a title match counts most. */
const WEIGHTS = { title: 3, subtitle: 2, body: 1 } as const;
type TextField = keyof typeof WEIGHTS;

interface FieldMapping {
  type?: string;
  properties?: Record<string, FieldMapping>;
}

/**
 * The language fields of a text field in the shipped mapping (`body_lang.de`, `body_lang.fr`, …:
 * one per language analyzer), so queries follow the template when a language is added. Each
 * article fills only its own language's; every cluster has them all, only their analyzers differ.
 */
export function languageFields(field: TextField): string[] {
  const properties = (shippedTemplate().template.mappings as { properties: Record<string, FieldMapping> }).properties;
  const holder = LANGUAGE_FIELD_OF[field];
  const codes = Object.entries(properties[holder]?.properties ?? {});
  return codes.filter(([, mapping]) => mapping.type === 'text').map(([code]) => `${holder}.${code}`);
}

/** Every field a query searches: the language-neutral field and each language field, weighted. */
export function searchFields(): string[] {
  return (Object.keys(WEIGHTS) as TextField[]).flatMap((field) => {
    const boost = WEIGHTS[field] === 1 ? '' : `^${WEIGHTS[field]}`;
    return [field, ...languageFields(field)].map((name) => `${name}${boost}`);
  });
}

/**
 * For the highlighter: the fields whose matches mark the main field's text. A German query may only
 * match `body_lang.de` (through stemming); the copy there is the same string as `body`, so its
 * matches are shown on `body`, the text returned.
 */
export function matchedFields(field: TextField): string[] {
  return [field, ...languageFields(field)];
}
