/**
 * Where the accepted URLs of a run ended, as every report of it counts them: `GET /api/verify`
 * (and so `newsflow verify`) and the fault suite's verdict. One shape, so the two never drift.
 */
export interface AccountCounts {
  indexed: number;
  /** by "queue/reason code" */
  failed: Record<string, number>;
  /** completed by a stage that handed nothing on, by "after queue" */
  skipped: Record<string, number>;
  /** not ended yet */
  pending: number;
  /** ended nowhere */
  lost: number;
  /** extra copies in the index */
  duplicated: number;
}
