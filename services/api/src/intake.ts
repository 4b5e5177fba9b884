import { InvalidUrlError, identityOf, requestUrlOf } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';

export interface Rejection {
  input: string;
  error: string;
}

export interface IntakePlan {
  accepted: FetchJob[];
  rejected: Rejection[];
}

/**
 * Longest URL accepted, whatever the body form (JSON list, {"urls"}, text lines): checked here in
 * the one place every form reaches, since schema limits can be side-stepped (Ajv's type coercion
 * turns a one-element list into a plain string, and text bodies have no per-line schema).
 */
export const MAX_URL_LENGTH = 8192;

/** Pure: turns submitted strings into fetch jobs (normalised, de-duplicated) and named rejections. */
export function planIntake(inputs: readonly string[], source: FetchJob['source'], now = new Date()): IntakePlan {
  const accepted = new Map<string, FetchJob>();
  const rejected: Rejection[] = [];
  for (const input of inputs) {
    try {
      if (input.length > MAX_URL_LENGTH)
        throw new InvalidUrlError(`URL longer than ${MAX_URL_LENGTH} characters (${input.length})`);
      // WHATWG URL parsing silently drops tabs and newlines, which would glue two URLs into one.
      if (/\s/.test(input.trim()))
        throw new InvalidUrlError(`URL contains whitespace: ${JSON.stringify(input.slice(0, 200))}`);
      const { url, docId } = identityOf(input);
      const fetchUrl = requestUrlOf(input, url);
      accepted.set(docId, { url, docId, ...(fetchUrl ? { fetchUrl } : {}), submittedAt: now.toISOString(), source });
    } catch (error) {
      if (!(error instanceof InvalidUrlError)) throw error;
      rejected.push({ input: input.slice(0, 500), error: error.message });
    }
  }
  return { accepted: [...accepted.values()], rejected };
}
