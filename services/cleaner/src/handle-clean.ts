import { InvalidUrlError, StageError, domainOf, identityOf, isPermanent, jobIdFor } from '@newsflow/contracts';
import type { Article, CleanJob } from '@newsflow/contracts';
import { extractArticleStrict } from '@newsflow/extract';
import { deleteRaw, enqueue, getRaw, recordAlias } from '@newsflow/runtime';
import type { StageContext } from '@newsflow/runtime';
import type { Redis } from 'ioredis';

/** clean stage: raw page → Article; pages that are not articles fail with their reason. */
export function createCleanHandler(redis: Redis, queuePrefix: string) {
  return async (job: CleanJob, context: StageContext): Promise<void> => {
    const raw = await getRaw(redis, job.rawKey);
    if (!raw) return recoverMissingRaw(job, context);
    try {
      await cleanPage(job, raw, context, redis, queuePrefix);
    } catch (error) {
      // Failed for good: the raw page is no longer needed. A transient failure keeps it for the retry (its TTL bounds it).
      if (error instanceof StageError && isPermanent(error.reason)) await deleteRaw(redis, job.rawKey);
      throw error;
    }
    await deleteRaw(redis, job.rawKey);
  };
}

async function cleanPage(
  job: CleanJob,
  raw: Uint8Array,
  { queues, log }: StageContext,
  redis: Redis,
  queuePrefix: string,
): Promise<void> {
  const article = extract(job, raw);
  rejectNonArticles(article);
  await rememberCanonical(redis, queuePrefix, article, job);
  await enqueue(queues.dedupe, job.docId, {
    docId: job.docId,
    domain: domainOf(job.finalUrl),
    finalUrl: job.finalUrl,
    fetchedAt: job.fetchedAt,
    submittedAt: job.submittedAt,
    article,
  });
  log.info({ url: job.finalUrl, title: article.title, words: article.wordCount }, 'cleaned');
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
 * Redis outage) and there is nothing left to do, or the page expired before it was cleaned, and
 * the page is fetched again under an id tied to this clean job (so a replay asks only once).
 */
async function recoverMissingRaw(job: CleanJob, { queues, log }: StageContext): Promise<void> {
  if (await queues.dedupe.getJob(jobIdFor('dedupe', job.docId))) return;
  const payload = {
    url: job.url,
    fetchUrl: job.finalUrl,
    docId: job.docId,
    submittedAt: job.submittedAt,
    source: { kind: 'replay' as const, ref: job.rawKey },
    hints: job.hints,
  };
  await enqueue(queues.fetch, job.docId, payload, `-refetch-${Date.parse(job.fetchedAt)}`);
  log.warn({ url: job.url, rawKey: job.rawKey }, 'raw page expired before cleaning: fetching it again');
}

/** Paywalled teasers are kept (flagged); blocked pages, JS shells and non-articles are not. */
function rejectNonArticles(article: Article): void {
  if (article.flags.blocked) throw new StageError('blocked-page', 'the server answered with a block or captcha page');
  if (article.flags.jsShell) throw new StageError('js-shell', 'the page is a JavaScript shell and needs rendering');
  if (article.flags.notArticle || article.body.trim() === '')
    throw new StageError('not-an-article', 'no article body found');
}

/**
 * A later submission of the page's canonical URL is then recognised as this same document. Only
 * a canonical on the page's own host counts: syndication partners point theirs at the original,
 * which must still be fetched as a document of its own.
 */
async function rememberCanonical(redis: Redis, queuePrefix: string, article: Article, job: CleanJob): Promise<void> {
  if (!article.canonicalUrl) return;
  try {
    if (new URL(identityOf(article.canonicalUrl).url).host !== new URL(job.finalUrl).host) return;
    await recordAlias(redis, queuePrefix, article.canonicalUrl, job.docId);
  } catch (error) {
    // A canonical link is the page's claim, not ours to fail on: an unusable one is simply not recorded.
    if (!(error instanceof InvalidUrlError)) throw error;
  }
}
