// What the backlog gate has let in that its reading cannot see yet. A reading is shared for a
// second and the jobs of an admitted request land in Redis some milliseconds after the verdict,
// so without this ledger every request in that second is judged on the same figure: producers
// told to come back after the same Retry-After return together and all get in, pushing Redis
// past the bound they were refused for. The gate adds what the ledger holds to each reading.

export interface Admission {
  /** Says the admitted jobs are in Redis (or were never added): readings started later see them. */
  settle(): void;
}

export interface AdmissionLedger {
  /** Records `jobs` as admitted now; the caller settles it once its request has been answered. */
  admit(jobs: number): Admission;
  /** Jobs a reading started at `readingStartedAt` may not count: unsettled, or settled after it began. */
  unseenBy(readingStartedAt: number): number;
}

interface Entry {
  jobs: number;
  admittedAt: number;
  settledAt: number | undefined;
}

/**
 * `maxAgeMs` forgets an admission whatever happened to it (a request aborted before its answer
 * never settles); it must outlast a request's run and a reading's cache time.
 */
export function createAdmissionLedger(maxAgeMs: number, now: () => number = Date.now): AdmissionLedger {
  let entries: Entry[] = [];
  const forgetOld = (at: number) => {
    entries = entries.filter((entry) => at - (entry.settledAt ?? entry.admittedAt) < maxAgeMs);
  };
  return {
    admit(jobs) {
      const entry: Entry = { jobs, admittedAt: now(), settledAt: undefined };
      entries.push(entry);
      return { settle: () => void (entry.settledAt ??= now()) };
    },
    unseenBy(readingStartedAt) {
      forgetOld(now());
      return entries
        .filter((entry) => entry.settledAt === undefined || entry.settledAt >= readingStartedAt)
        .reduce((sum, entry) => sum + entry.jobs, 0);
    },
  };
}
