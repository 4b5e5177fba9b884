import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunLedger } from '@newsflow/contracts';

/** What one runner of the hostile catalogue tried and what passed, for `newsflow verify --ledger`. */
export interface HostileLedger {
  /** Runs one case, counting it as passed only if it resolves. */
  track(name: string, run: () => Promise<void>): Promise<void>;
  /** Writes HOSTILE_LEDGER_DIR/hostile-<section>.json when that variable is set (a report is asked for). */
  write(): Promise<string | undefined>;
}

export function hostileLedger(section: string, env: NodeJS.ProcessEnv = process.env): HostileLedger {
  const startedAt = new Date().toISOString();
  const failedCases: string[] = [];
  let tried = 0;
  return {
    async track(name, run) {
      tried += 1;
      try {
        await run();
      } catch (error) {
        failedCases.push(`${section}: ${name}`);
        throw error;
      }
    },
    async write() {
      const dir = env.HOSTILE_LEDGER_DIR;
      if (!dir) return undefined;
      const ledger: RunLedger = {
        version: 1,
        suite: `hostile-${section}`,
        topology: 'single',
        startedAt,
        endedAt: new Date().toISOString(),
        urlsSubmitted: 0,
        urlsAccepted: 0,
        faults: [],
        hostile: { tried, passed: tried - failedCases.length, failedCases },
      };
      await mkdir(dir, { recursive: true });
      const file = join(dir, `hostile-${section}.json`);
      await writeFile(file, `${JSON.stringify(ledger, null, 2)}\n`);
      return file;
    },
  };
}
