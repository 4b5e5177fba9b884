import type { Client } from '@elastic/elasticsearch';
import type { IndexNames } from './index-names.ts';
import { loadTemplate, withFallbackAnalysis } from './template.ts';

/** True when the cluster offers the `english` analyzer (the analysis-common module). */
export async function hasEnglishAnalyzer(client: Client): Promise<boolean> {
  try {
    await client.indices.analyze({ analyzer: 'english', text: 'running' });
    return true;
  } catch {
    return false;
  }
}

/** Puts the index template, then creates `<prefix>-v<template version>` with both aliases if no index has them yet. */
export async function ensureArticlesIndex(client: Client, names: IndexNames): Promise<string> {
  const shipped = loadTemplate(names);
  const template = (await hasEnglishAnalyzer(client)) ? shipped : withFallbackAnalysis(shipped);
  await client.indices.putIndexTemplate({ name: names.templateName, ...template } as Parameters<Client['indices']['putIndexTemplate']>[0]);
  if (await client.indices.existsAlias({ name: names.writeAlias })) return currentWriteIndex(client, names);
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
  return index;
}

export async function currentWriteIndex(client: Client, names: IndexNames): Promise<string> {
  const aliases = await client.indices.getAlias({ name: names.writeAlias });
  const index = Object.keys(aliases)[0];
  if (!index) throw new Error(`alias ${names.writeAlias} points nowhere`);
  return index;
}
