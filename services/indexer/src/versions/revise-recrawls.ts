import { StageError, articleVersionId } from '@newsflow/contracts';
import type { ArticleVersion, EsArticle, EsSource, UpsertRef } from '@newsflow/contracts';
import { ensureHistoryIndex } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { EsGuard } from '../es-guard.ts';
import { diffArticles } from './article-diff.ts';

export interface VersionDeps {
  client: Client;
  names: IndexNames;
  guard: EsGuard;
  /** RECRAWL_MIN_CHANGED_WORDS. */
  minChangedWords: number;
}

export interface Revised {
  refs: UpsertRef[];
  lines: Array<Buffer | string>;
  /** Re-crawls that changed nothing material (or are older than what is indexed): not written. */
  unchanged: number;
  /** Re-crawls written as a new version, the old one kept in the history index. */
  versioned: number;
}

/** The fields of the indexed document a new version needs: the text it is compared with and the ids it keeps. */
const CURRENT_FIELDS = [
  'url',
  'title',
  'subtitle',
  'body',
  'wordCount',
  'fetchedAt',
  'version',
  'changes',
  'clusterId',
  'storyId',
  'storyKey',
  'mergeSeq',
  'storyMergeSeq',
];
type Current = Pick<EsArticle, 'url' | 'title' | 'subtitle' | 'body' | 'wordCount' | 'fetchedAt'> &
  Partial<Pick<EsArticle, 'version' | 'changes' | 'clusterId' | 'storyId' | 'storyKey' | 'mergeSeq' | 'storyMergeSeq'>>;

/**
 * Re-crawled documents are compared with what is indexed before anything is written (one mget for
 * the job): a change under the threshold is dropped, a material one becomes version n+1 and version
 * n goes to the history index first. Replays are safe: until the new version is acknowledged the
 * same version n is read (and rewritten under the same history _id); after, the replay reads the
 * new version itself, finds no change and writes nothing. The new version keeps the cluster and
 * story of the indexed one (they reflect every merge applied since; dedupe may have forgotten the
 * document once its window passed).
 */
export async function reviseRecrawls(deps: VersionDeps, refs: UpsertRef[], lines: Buffer[]): Promise<Revised> {
  const recrawled = refs.flatMap((ref, i) => (ref.recrawl === undefined ? [] : [i]));
  if (recrawled.length === 0) return { refs, lines, unchanged: 0, versioned: 0 };
  const current = await readCurrent(
    deps,
    recrawled.map((i) => refs[i]!.docId),
  );
  const drop = new Set<number>();
  const revisedLines: Array<Buffer | string> = [...lines];
  const history: ArticleVersion[] = [];
  for (const i of recrawled) {
    const before = current.get(refs[i]!.docId);
    if (!before) continue; // not indexed (deleted?): written as it is, as a first version
    const after = JSON.parse(lines[i]!.toString()) as EsSource;
    const next = nextVersion(before, after, deps.minChangedWords);
    if (!next) drop.add(i);
    else {
      history.push(next.previous);
      revisedLines[i] = JSON.stringify(next.source);
    }
  }
  await writeHistory(deps, history);
  const kept = refs.flatMap((_, i) => (drop.has(i) ? [] : [i]));
  return {
    refs: kept.map((i) => refs[i]!),
    lines: kept.map((i) => revisedLines[i]!),
    unchanged: drop.size,
    versioned: history.length,
  };
}

function nextVersion(
  before: Current,
  after: EsSource,
  minChangedWords: number,
): { source: EsSource; previous: ArticleVersion } | undefined {
  if (Date.parse(after.fetchedAt) <= Date.parse(before.fetchedAt)) return undefined;
  const { material, ...changes } = diffArticles(before, after, minChangedWords);
  if (!material) return undefined;
  const version = before.version ?? 1;
  const previous: ArticleVersion = {
    docId: after.docId,
    version,
    url: before.url,
    title: before.title,
    ...(before.subtitle === undefined ? {} : { subtitle: before.subtitle }),
    body: before.body,
    wordCount: before.wordCount,
    fetchedAt: before.fetchedAt,
    replacedAt: after.fetchedAt,
    ...(before.changes ? { changes: before.changes } : {}),
  };
  const kept = keptIds(before);
  const source: EsSource = { ...after, ...kept, version: version + 1, updatedAt: after.fetchedAt, changes };
  return { source, previous };
}

/** Cluster and story (and the merge counters that go with them) stay those of the indexed document. */
function keptIds(before: Current): Partial<EsSource> {
  const kept: Partial<EsSource> = {};
  if (before.clusterId !== undefined) kept.clusterId = before.clusterId;
  if (before.storyId !== undefined) kept.storyId = before.storyId;
  if (before.storyKey !== undefined) kept.storyKey = before.storyKey;
  if (before.mergeSeq !== undefined) kept.mergeSeq = before.mergeSeq;
  if (before.storyMergeSeq !== undefined) kept.storyMergeSeq = before.storyMergeSeq;
  return kept;
}

async function readCurrent(deps: VersionDeps, ids: string[]): Promise<Map<string, Current>> {
  const response = await deps.guard.run(() =>
    deps.client.mget<Current>({ index: deps.names.writeAlias, ids, _source_includes: CURRENT_FIELDS }),
  );
  const found = new Map<string, Current>();
  for (const doc of response.docs) if ('found' in doc && doc.found && doc._source) found.set(doc._id, doc._source);
  return found;
}

/** The versions being replaced, written before their successors: a crash in between loses nothing. */
async function writeHistory(deps: VersionDeps, versions: ArticleVersion[]): Promise<void> {
  if (versions.length === 0) return;
  await historyReady(deps);
  const operations = versions.flatMap((entry) => [
    { index: { _index: deps.names.history, _id: articleVersionId(entry.docId, entry.version) } },
    entry,
  ]);
  const response = await deps.guard.run(() => deps.client.bulk({ operations }));
  if (!response.errors) return;
  const failed = response.items.map((item) => item.index).find((result) => result?.error);
  const status = failed?.status ?? 500;
  const reason = status === 429 || status >= 500 ? 'es-unavailable' : 'es-rejected';
  throw new StageError(reason, `history index refused a version: ${JSON.stringify(failed?.error).slice(0, 300)}`);
}

const ensured = new WeakMap<Client, Map<string, Promise<void>>>();

/**
 * The history index is made on the first version a process writes (Elasticsearch would otherwise
 * create it with a guessed mapping); a failed attempt is forgotten, so the next job tries again.
 */
function historyReady(deps: VersionDeps): Promise<void> {
  const byName = ensured.get(deps.client) ?? new Map<string, Promise<void>>();
  ensured.set(deps.client, byName);
  let ready = byName.get(deps.names.history);
  if (!ready) {
    ready = deps.guard.run(() => ensureHistoryIndex(deps.client, deps.names));
    ready.catch(() => byName.delete(deps.names.history));
    byName.set(deps.names.history, ready);
  }
  return ready;
}
