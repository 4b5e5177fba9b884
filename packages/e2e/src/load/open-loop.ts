// An open-loop producer: a batch of URLs every second at a fixed rate, sent without waiting for the
// previous answer (arrivals do not slow down when the pipeline does). A 503 batch is kept and sent
// again after its Retry-After, as a well-behaved producer must; nothing is dropped. Anything else
// than 202 or 503 is counted as an error and fails the run.
import { setTimeout as sleep } from 'node:timers/promises';
import { postPolitely } from '../multi-process-run.ts';
import type { IntakeAnswer } from '../multi-process-run.ts';

export interface IntakeTally {
  /** POSTs answered 202, and the URLs they carried */
  acceptedPosts: number;
  acceptedUrls: number;
  /** POSTs answered 503 (each with Retry-After, retried later) */
  refusedPosts: number;
  refusedWithoutRetryAfter: number;
  /** URLs still refused after the give-up time: kept by the producer, never accepted */
  heldBackUrls: number;
  /** any other answer: a broken promise */
  errors: string[];
  /** the longest a POST took to be answered, in ms */
  slowestMs: number;
}

export interface OpenLoopRun {
  tally: IntakeTally;
  docIds: string[];
  /** resolves once every URL handed out has been accepted (after all its retries) */
  settled: Promise<void>;
}

/** Counts one intake answer in the tally (the final answer's outcome is counted by the caller). */
function tallyAnswer(tally: IntakeTally, answer: IntakeAnswer, elapsedMs: number): void {
  tally.slowestMs = Math.max(tally.slowestMs, elapsedMs);
  if (answer.status !== 503) return;
  tally.refusedPosts++;
  if (answer.retryAfterSeconds === null) tally.refusedWithoutRetryAfter++;
}

async function sendUntilAccepted(apiUrl: string, urls: readonly string[], run: OpenLoopRun, giveUpMs: number) {
  const onAnswer = (answer: IntakeAnswer, elapsedMs: number) => tallyAnswer(run.tally, answer, elapsedMs);
  const answer = await postPolitely(apiUrl, urls, giveUpMs, onAnswer).catch((error: unknown): IntakeAnswer => ({
    status: 0,
    docIds: [],
    retryAfterSeconds: null,
    text: String(error),
  }));
  if (answer.status === 202) {
    run.tally.acceptedPosts++;
    run.tally.acceptedUrls += urls.length;
    run.docIds.push(...answer.docIds);
  } else if (answer.status === 503) run.tally.heldBackUrls += urls.length;
  else run.tally.errors.push(`${answer.status}: ${answer.text.slice(0, 200)}`);
}

/**
 * Sends `urls` at `perSecond` from now on, one batch a second; returns at once. A batch refused
 * for longer than `giveUpMs` is held back (counted), so that a run whose intake never reopens ends.
 */
export function submitOpenLoop(
  apiUrl: string,
  urls: readonly string[],
  perSecond: number,
  giveUpMs: number,
): OpenLoopRun {
  const tally: IntakeTally = {
    acceptedPosts: 0,
    acceptedUrls: 0,
    refusedPosts: 0,
    refusedWithoutRetryAfter: 0,
    heldBackUrls: 0,
    errors: [],
    slowestMs: 0,
  };
  const run: OpenLoopRun = { tally, docIds: [], settled: Promise.resolve() };
  run.settled = (async () => {
    const sends: Promise<void>[] = [];
    const started = Date.now();
    for (let second = 0; second * perSecond < urls.length; second++) {
      const batch = urls.slice(Math.round(second * perSecond), Math.round((second + 1) * perSecond));
      if (batch.length > 0) sends.push(sendUntilAccepted(apiUrl, batch, run, giveUpMs));
      await sleep(Math.max(0, started + (second + 1) * 1_000 - Date.now()));
    }
    await Promise.all(sends);
  })();
  return run;
}
