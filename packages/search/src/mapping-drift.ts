// Mapping changes that put-mapping accepts but cannot apply: Elasticsearch merges a template's
// mapping into a live index by adding, never removing, so multi-fields the template dropped stay
// on the live index (and are still analysed for every document written) until a reindex.

interface FieldMapping {
  fields?: Record<string, unknown>;
}

type Properties = Record<string, FieldMapping | undefined>;

/** The multi-fields (`body.de`, …) the live index has and the template no longer does. */
export function droppedSubfields(live: Properties, template: Properties): string[] {
  return Object.entries(live).flatMap(([field, mapping]) => {
    const wanted = new Set(Object.keys(template[field]?.fields ?? {}));
    return Object.keys(mapping?.fields ?? {})
      .filter((name) => !wanted.has(name))
      .map((name) => `${field}.${name}`);
  });
}

/** The `mappingError` for a live index that still has dropped multi-fields, or none. */
export function droppedSubfieldsError(live: Properties, template: Properties): string | undefined {
  const dropped = droppedSubfields(live, template);
  if (dropped.length === 0) return undefined;
  const shown = dropped.slice(0, 4).join(', ') + (dropped.length > 4 ? `, … (${dropped.length})` : '');
  return `the live index still has subfields the template dropped (${shown}): they are analysed on every write, and documents written before lack the fields that replace them, until a reindex`;
}
