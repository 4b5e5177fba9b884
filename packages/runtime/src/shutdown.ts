import type { Logger } from '@newsflow/config';

/**
 * Closes everything on SIGINT/SIGTERM so in-flight jobs finish (or go back to the queue) instead of
 * being stalled until their lock expires. A second signal exits at once. Closers run one after
 * another, in the order given: the worker first (it waits for in-flight jobs), then the connections
 * those jobs still use.
 */
export function closeOnSignals(log: Logger, ...closers: Array<() => Promise<void>>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, 'shutting down');
    closeInOrder(closers)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

async function closeInOrder(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers) await close();
}
