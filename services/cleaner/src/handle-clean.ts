import { InvalidUrlError, StageError, domainOf, jobIdFor } from '@newsflow/contracts';
import type { Article, CleanJob } from '@newsflow/contracts';
import { extractArticle } from '@newsflow/extract';
import { deleteRaw, enqueue, getRaw, recordAlias } from '@newsflow/runtime';
import type { StageContext } from '@newsflow/runtime';
import type { Redis } from 'ioredis';

/** clean stage: raw page → Article; pages that are not articles fail with their reason. */
export function createCleanHandler(redis: Redis, queuePrefix: string) {
  return async (job: CleanJob, { queues, log }: StageContext): Promise<void> => {
    const raw = await getRaw(redis, job.rawKey);
    if (!raw) {
      // A replay of a job that already handed its article on (its completion was lost, say to a Redis
      // outage): the raw page is gone because the work is done, so there is nothing left to do.
      if (await queues.dedupe.getJob(jobIdFor('dedupe', job.docId))) return;
      throw new StageError('raw-missing', `raw page ${job.rawKey} expired or was removed; replay the fetch`);
    }
    const article = extractArticle({
      html: raw,
      url: job.finalUrl,
      contentType: job.contentType,
      fetchedAt: new Date(job.fetchedAt),
      hints: job.hints,
    });
    rejectNonArticles(article);
    await rememberCanonical(redis, queuePrefix, article, job.docId);
    await enqueue(queues.dedupe, job.docId, {
      docId: job.docId,
      domain: domainOf(job.finalUrl),
      finalUrl: job.finalUrl,
      fetchedAt: job.fetchedAt,
      submittedAt: job.submittedAt,
      article,
    });
    await deleteRaw(redis, job.rawKey);
    log.info({ url: job.finalUrl, title: article.title, words: article.wordCount }, 'cleaned');
  };
}

/** Paywalled teasers are kept (flagged); blocked pages, JS shells and non-articles are not. */
function rejectNonArticles(article: Article): void {
  if (article.flags.blocked) throw new StageError('blocked-page', 'the server answered with a block or captcha page');
  if (article.flags.jsShell) throw new StageError('js-shell', 'the page is a JavaScript shell and needs rendering');
  if (article.flags.notArticle || article.body.trim() === '') throw new StageError('not-an-article', 'no article body found');
}

/** A later submission of the page's canonical URL is then recognised as this same document. */
async function rememberCanonical(redis: Redis, queuePrefix: string, article: Article, docId: string): Promise<void> {
  if (!article.canonicalUrl) return;
  try {
    await recordAlias(redis, queuePrefix, article.canonicalUrl, docId);
  } catch (error) {
    // A canonical link is the page's claim, not ours to fail on: an unusable one is simply not recorded.
    if (!(error instanceof InvalidUrlError)) throw error;
  }
}
