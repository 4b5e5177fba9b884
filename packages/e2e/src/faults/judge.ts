// What a fault run must end with, from the pipeline's own state: every URL indexed exactly once or
// failed with a reason (lost 0, duplicated 0, nothing pending), no job left active, and no process
// that died without the schedule killing it.
import { accountCounts } from '@newsflow/api';
import type { RunAccount } from '@newsflow/api';
import type { AccountCounts } from '@newsflow/contracts';

export interface FaultVerdict extends AccountCounts {
  urls: number;
  active: Record<string, number>;
  crashes: string[];
  /** what broke the promise, in words; empty when the run passed */
  problems: string[];
}

export function judge(account: RunAccount, active: Record<string, number>, crashes: string[]): FaultVerdict {
  const problems: string[] = [];
  if (account.lost.length > 0) problems.push(`lost ${account.lost.length}: ${account.lost.slice(0, 5).join(', ')}`);
  if (account.duplicated > 0) problems.push(`duplicated ${account.duplicated}`);
  if (account.pending.length > 0) problems.push(`still pending after the drain: ${account.pending.length}`);
  const stuck = Object.entries(active).filter(([, count]) => count > 0);
  if (stuck.length > 0) problems.push(`jobs left active: ${JSON.stringify(Object.fromEntries(stuck))}`);
  if (crashes.length > 0) problems.push(`processes that died unasked: ${crashes.join('; ')}`);
  return {
    urls: account.total,
    ...accountCounts(account),
    active,
    crashes,
    problems,
  };
}
