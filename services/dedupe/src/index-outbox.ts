import { batchJobIdFor } from '@newsflow/contracts';
import type { ArticleDocument, IndexJob } from '@newsflow/contracts';

/** The one call the outbox makes on the index queue (a BullMQ Queue, or a stand-in in tests). */
export interface IndexQueueLike {
  add(name: string, data: IndexJob, opts: { jobId: string }): Promise<unknown>;
}

export interface OutboxLimits {
  /** Documents per index job: a full batch is sent at once. */
  maxDocs: number;
  /** Longest a document waits for others before its batch is sent anyway. */
  flushMs: number;
}

export interface IndexOutbox {
  /** Resolves once an index job carrying this document is in the queue; rejects if adding it failed. */
  submit(document: ArticleDocument): Promise<void>;
  /** Sends what is pending now and waits for it. */
  flush(): Promise<void>;
}

interface Waiter {
  document: ArticleDocument;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Coalesces the documents decided by concurrent dedupe jobs into one upsert job per flush (by count
 * or age), added with one `queue.add`: BullMQ's cost per job, not Elasticsearch, limited the indexer
 * at one job per document. Each dedupe job awaits the flush carrying its document, so a crash before
 * the flush leaves that job uncompleted and BullMQ runs it again (assignment is idempotent); a
 * document sent twice in two batches is harmless (external versioning by fetchedAt).
 */
export function createIndexOutbox(queue: IndexQueueLike, limits: OutboxLimits): IndexOutbox {
  let pending: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;

  const send = async (batch: Waiter[]): Promise<void> => {
    const documents = batch.map((waiter) => waiter.document);
    // The id names the set of documents: a replayed identical batch is a no-op.
    const jobId = batchJobIdFor('index', documents.map((document) => document.docId));
    try {
      await queue.add('index', { kind: 'upsert', documents }, { jobId });
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  };

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length > 0) await send(batch);
  };

  const submit = (document: ArticleDocument): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      pending.push({ document, resolve, reject });
      if (pending.length >= limits.maxDocs) void flush();
      else timer ??= setTimeout(() => void flush(), limits.flushMs);
    });

  return { submit, flush };
}
