import { StageError, domainOf, isPermanent, jobIds, recrawlOf } from '@newsflow/contracts';
import type { Article, CleanJob, DedupeJob, FetchJob, RenderJob } from '@newsflow/contracts';
import { extractArticleStrict } from '@newsflow/extract';
import { articleKeyFor, defineStage, deleteRaw, getRaw, storeArticle } from '@newsflow/runtime';
import type { HandlerContext, StageDefinition, StageResult } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';

type CleanResult = StageResult<'clean'>;

export interface CleanOptions {
  /** JavaScript shells go to the render stage (RENDER_ENABLED, only with a renderer running); else they fail as js-shell. */
  render: boolean;
}

/**
 * clean stage: raw page → Article; pages that are not articles fail with their reason. `dedupe` is
 * read to tell a clean job whose article was already handed on from one whose page expired.
 */
export function createCleanStage(
  redis: RedisClient,
  dedupe: StageQueue<'dedupe'>,
  options: CleanOptions = { render: false },
): StageDefinition<'clean'> {
  const clean = async (job: CleanJob, { log }: HandlerContext): Promise<CleanResult> => {
    const raw = await getRaw(redis, job.rawKey);
    if (!raw) return recoverMissingRaw(job, dedupe, log);
    try {
      // The extractor's own generic signal (little text, an empty app root or mostly scripts), never a host.
      const article = extract(job, raw);
      if (options.render && !job.rendered && article.flags.jsShell) {
        log.info({ url: job.finalUrl }, 'JavaScript shell: handed to the renderer');
        return { next: { render: [renderJobOf(job)] }, onHandedOn: () => deleteRaw(redis, job.rawKey) };
      }
      const next = cleanPage(job, article, articleKeyFor(dedupe, job));
      await storeArticle(redis, next.articleKey!, article);
      log.info({ url: job.finalUrl, title: article.title, words: article.wordCount }, 'cleaned');
      return { next: { dedupe: [next] }, onHandedOn: () => deleteRaw(redis, job.rawKey) };
    } catch (error) {
      // Failed for good: the raw page is no longer needed. A transient failure keeps it for the retry (its TTL bounds it).
      if (error instanceof StageError && isPermanent(error.reason)) await deleteRaw(redis, job.rawKey);
      throw error;
    }
  };
  return defineStage('clean', { clean });
}

/** The dedupe job, naming the article it is stored under (`articleKey`, written before the job is added). */
function cleanPage(job: CleanJob, article: Article, articleKey: string): DedupeJob {
  rejectNonArticles(article);
  return {
    docId: job.docId,
    domain: domainOf(job.finalUrl),
    finalUrl: job.finalUrl,
    fetchedAt: job.fetchedAt,
    submittedAt: job.submittedAt,
    ...recrawlOf(job),
    articleKey,
  };
}

function renderJobOf(job: CleanJob): RenderJob {
  const { docId, url, finalUrl, fetchedAt, submittedAt, hints } = job;
  return { docId, url, finalUrl, fetchedAt, submittedAt, ...(hints ? { hints } : {}), ...recrawlOf(job) };
}

function extract(job: CleanJob, raw: Uint8Array): Article {
  try {
    return extractArticleStrict({
      html: raw,
      url: job.finalUrl,
      contentType: job.contentType,
      fetchedAt: new Date(job.fetchedAt),
      hints: job.hints,
    });
  } catch (error) {
    throw new StageError('extract-error', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * No raw page: either this job already handed its article on (its completion was lost, say to a
 * RedisClient outage) and there is nothing left to do, or the page expired before it was cleaned, and
 * the page is fetched again under an id tied to this clean job (so a replay asks only once).
 */
async function recoverMissingRaw(
  job: CleanJob,
  dedupe: StageQueue<'dedupe'>,
  log: HandlerContext['log'],
): Promise<CleanResult> {
  if (await dedupe.getJob(jobIds.dedupe(job))) return { skipped: 'already-handed-on' };
  const refetch: FetchJob = {
    url: job.url,
    fetchUrl: job.finalUrl,
    docId: job.docId,
    submittedAt: job.submittedAt,
    // The clean job and its fetch time: the re-fetch's id (jobIds.fetch) is tied to them.
    source: { kind: 'replay', ref: `${job.rawKey}@${job.fetchedAt}` },
    hints: job.hints,
    ...recrawlOf(job),
  };
  log.warn({ url: job.url, rawKey: job.rawKey }, 'raw page expired before cleaning: fetching it again');
  return { next: { fetch: [refetch] } };
}

/** Paywalled teasers are kept (flagged); blocked pages, JS shells and non-articles are not. */
function rejectNonArticles(article: Article): void {
  if (article.flags.blocked) throw new StageError('blocked-page', 'the server answered with a block or captcha page');
  if (article.flags.jsShell) throw new StageError('js-shell', 'the page is a JavaScript shell and needs rendering');
  if (article.flags.notArticle || article.body.trim() === '')
    throw new StageError('not-an-article', 'no article body found');
}
