// The set-up of an end-to-end file: a site of test pages on loopback and the whole pipeline as
// processes under a prefix of the file's own; what they leave in Redis and Elasticsearch goes after.
import { after, before } from 'node:test';
import { createEsClient, indexNames } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import { removeTestData, spawnTestPipeline, uniquePrefix, TEST_ELASTICSEARCH_URL } from '@newsflow/testkit';
import type { RunningPipeline } from '@newsflow/testkit';

export interface SitePipeline<S> {
  prefix: string;
  names: IndexNames;
  es: Client;
  /** Started in before(): read them inside a test. */
  readonly site: S;
  readonly pipeline: RunningPipeline;
}

/** Registers before() to start the site, then the pipeline with `envFor(site)`; after() stops both and clears up. */
export function useSitePipeline<S extends { close(): Promise<void> }>(
  name: string,
  startSite: () => Promise<S>,
  envFor: (site: S) => Record<string, string> = () => ({}),
): SitePipeline<S> {
  const prefix = uniquePrefix(name);
  const names = indexNames(prefix);
  const es = createEsClient(TEST_ELASTICSEARCH_URL);
  let site: S | undefined;
  let pipeline: RunningPipeline | undefined;
  before(async () => {
    site = await startSite();
    pipeline = await spawnTestPipeline(prefix, envFor(site));
  });
  after(async () => {
    await pipeline?.stop();
    await site?.close();
    await removeTestData(es, prefix, names.templateName);
    await es.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} starts in before(): read it inside a test`);
    return value;
  };
  return {
    prefix,
    names,
    es,
    get site() {
      return started(site, 'site');
    },
    get pipeline() {
      return started(pipeline, 'pipeline');
    },
  };
}
