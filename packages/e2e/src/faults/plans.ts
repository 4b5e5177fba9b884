// The two sizes of the fault suite. Lock 10 s / stalled check 5 s (as the failover e2e runs): a
// frozen worker loses its lock after at most 15 s, so the freeze lasts 20 s.
import type { FaultRunOptions } from './run-faults.ts';

type Plan = Omit<FaultRunOptions, 'topology' | 'ledgerFile' | 'seed' | 'log'>;

const COMMON = { hosts: 24, perStage: 2, lockMs: 10_000, stalledMs: 5_000, freezeMs: 20_000 };

/** the must-have of issue 11: at least 5,000 URLs, 20 kills, Elasticsearch down for 60 s */
export const FULL_RUN: Plan = {
  ...COMMON,
  suite: 'faults-full',
  urls: 5_000,
  killRounds: 6,
  redisRestarts: 2,
  esDownMs: 60_000,
  esStatusMs: 15_000,
  drainTimeoutMs: 900_000,
};

/** run by ./scripts/test.sh (packages/e2e/test/faults.e2e.test.ts): the same faults, smaller and shorter */
export const CI_RUN: Plan = {
  ...COMMON,
  suite: 'faults-ci',
  urls: 400,
  killRounds: 2,
  redisRestarts: 1,
  esDownMs: 8_000,
  esStatusMs: 4_000,
  drainTimeoutMs: 180_000,
};
