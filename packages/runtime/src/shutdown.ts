import type { Logger } from '@newsflow/config';

/**
 * Closes everything on SIGINT/SIGTERM so in-flight jobs finish (or go back to the queue) instead of
 * being stalled until their lock expires. A second signal exits at once.
 */
export function closeOnSignals(log: Logger, ...closers: Array<() => Promise<void>>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, 'shutting down');
    Promise.all(closers.map((close) => close()))
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
