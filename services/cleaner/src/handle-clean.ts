import { StageError, domainOf } from '@newsflow/contracts';
import type { Article, CleanJob } from '@newsflow/contracts';
import { extractArticle } from '@newsflow/extract';
import { deleteRaw, enqueue, getRaw } from '@newsflow/runtime';
import type { StageContext } from '@newsflow/runtime';
import type { Redis } from 'ioredis';

/** clean stage: raw page → Article; pages that are not articles fail with their reason. */
export function createCleanHandler(redis: Redis) {
  return async (job: CleanJob, { queues, log }: StageContext): Promise<void> => {
    const raw = await getRaw(redis, job.rawKey);
    if (!raw) throw new StageError('raw-missing', `raw page ${job.rawKey} expired or was removed; replay the fetch`);
    const article = extractArticle({
      html: raw,
      url: job.finalUrl,
      contentType: job.contentType,
      fetchedAt: new Date(job.fetchedAt),
      hints: job.hints,
    });
    rejectNonArticles(article);
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
