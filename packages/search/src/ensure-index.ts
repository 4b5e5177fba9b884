import type { Client } from '@elastic/elasticsearch';
import { DEFAULT_INDEX_LAYOUT, replicaSettings } from './index-layout.ts';
import type { IndexLayout } from './index-layout.ts';
import type { IndexNames } from './index-names.ts';
import { probeAnalysisSupport } from './analysis-probe.ts';
import { droppedSubfieldsError } from './mapping-drift.ts';
import { loadTemplate, withClusterAnalysis } from './template.ts';
import type { ArticlesTemplate } from './template.ts';

/** The shipped template for these names with the analysis this cluster supports (nothing is written). */
export async function resolveArticlesTemplate(
  client: Client,
  names: IndexNames,
  layout: IndexLayout = DEFAULT_INDEX_LAYOUT,
): Promise<ArticlesTemplate> {
  const shipped = loadTemplate(names, layout);
  return withClusterAnalysis(shipped, await probeAnalysisSupport(client, shipped.template.settings.analysis));
}

/** Puts the shipped template, with the analysis this cluster supports, and returns it. */
export async function putArticlesTemplate(
  client: Client,
  names: IndexNames,
  layout: IndexLayout = DEFAULT_INDEX_LAYOUT,
): Promise<ArticlesTemplate> {
  const template = await resolveArticlesTemplate(client, names, layout);
  await client.indices.putIndexTemplate({ name: names.templateName, ...template } as Parameters<
    Client['indices']['putIndexTemplate']
  >[0]);
  return template;
}

/**
 * Puts the index template, then creates `<prefix>-v<template version>` with both aliases if no
 * index has them yet. On an existing index, fields added to the template since are added to its
 * mapping in place (additive changes need no reindex); a change that can't be applied in place,
 * or subfields the template dropped (v4 dropped v3's `body.de`, …), is reported in `mappingError`
 * and needs `reindex`. The layout's replicas are applied to an existing
 * index too (they are dynamic); its shard count only changes with a reindex.
 */
export async function ensureArticlesIndex(
  client: Client,
  names: IndexNames,
  layout: IndexLayout = DEFAULT_INDEX_LAYOUT,
): Promise<string> {
  return (await ensureArticlesIndexWithStatus(client, names, layout)).index;
}

export async function ensureArticlesIndexWithStatus(
  client: Client,
  names: IndexNames,
  layout: IndexLayout = DEFAULT_INDEX_LAYOUT,
): Promise<{ index: string; mappingError?: string }> {
  const template = await putArticlesTemplate(client, names, layout);
  if (await client.indices.existsAlias({ name: names.writeAlias })) {
    const index = await currentWriteIndex(client, names);
    await client.indices.putSettings({ index, settings: { index: replicaSettings(layout) } });
    try {
      await client.indices.putMapping({ index, ...(template.template.mappings as object) });
    } catch (error) {
      return { index, mappingError: error instanceof Error ? error.message : String(error) };
    }
    const mappingError = await liveMappingDrift(client, index, template);
    return mappingError ? { index, mappingError } : { index };
  }
  const index = names.versioned(template.version);
  try {
    await client.indices.create({
      index,
      aliases: { [names.readAlias]: {}, [names.writeAlias]: { is_write_index: true } },
    });
  } catch (error) {
    // Another process created it first: that's the same outcome.
    if (!String(error).includes('resource_already_exists_exception')) throw error;
  }
  return { index };
}

/** What put-mapping accepted but could not apply (subfields a template version dropped), if anything. */
async function liveMappingDrift(
  client: Client,
  index: string,
  template: ArticlesTemplate,
): Promise<string | undefined> {
  const live = (await client.indices.getMapping({ index }))[index]?.mappings.properties ?? {};
  const wanted = (template.template.mappings as { properties: Record<string, object> }).properties;
  return droppedSubfieldsError(live as Record<string, object>, wanted);
}

export async function currentWriteIndex(client: Client, names: IndexNames): Promise<string> {
  const aliases = await client.indices.getAlias({ name: names.writeAlias });
  const index = Object.keys(aliases)[0];
  if (!index) throw new Error(`alias ${names.writeAlias} points nowhere`);
  return index;
}
