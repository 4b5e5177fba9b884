// A node:test reporter that writes only the run's final counts as JSON, for run-tests.ts to read.
import type { TestEvent } from 'node:test/reporters';

export default async function* summaryReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    // Count leaf tests only; suites report the sum of their children.
    if (event.type === 'test:pass' && event.data.details.type !== 'suite') {
      if (event.data.skip !== undefined || event.data.todo !== undefined) skipped++;
      else passed++;
    }
    if (event.type === 'test:fail' && event.data.details.type !== 'suite') failed++;
  }
  yield JSON.stringify({ passed, failed, skipped });
}
