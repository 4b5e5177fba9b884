import { after, before } from 'node:test';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';

/**
 * A real API (real Redis and Elasticsearch) for the CLI under test, started before the file's tests
 * and closed after them. Read `stack` and `env` inside tests: they are set once `before` has run.
 */
export function cliTestStack(): { readonly stack: TestStack; readonly env: Record<string, string> } {
  const state = {} as { stack: TestStack; env: Record<string, string> };
  before(async () => {
    state.stack = await startTestStack();
    state.env = { NEWSFLOW_API_URL: await state.stack.listen() };
  });
  after(() => state.stack.close());
  return state;
}
