import { StageError } from '@newsflow/contracts';
import { SsrfBlockedError } from './ssrf-guard.ts';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** undici's codes for a response that breaks HTTP (llhttp's own codes start with HPE_). */
const PROTOCOL_CODES = new Set(['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_INFO']);

const isProtocolFault = (cause: Error): boolean => {
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  return PROTOCOL_CODES.has(code) || code.startsWith('HPE_') || cause.name === 'HTTPParserError';
};

/**
 * Maps whatever undici, net, tls or zlib threw into a StageError with a reason code: SSRF refusals
 * are permanent, timeouts and resets transient. `deadline` is the request's overall timeout
 * signal, so an abort caused by it reads as a timeout rather than as a network error.
 */
export function toStageError(error: unknown, deadline?: AbortSignal): StageError {
  if (error instanceof StageError) return error;
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof StageError) return cause;
    if (cause instanceof SsrfBlockedError) return new StageError('ssrf-blocked', cause.message);
    const code = (cause as NodeJS.ErrnoException).code ?? '';
    if (TIMEOUT_CODES.has(code) || cause.name === 'TimeoutError')
      return new StageError('timeout', cause.message, { cause: error });
    if (isProtocolFault(cause)) return new StageError('protocol-error', `${code} ${cause.message}`, { cause: error });
  }
  if (deadline?.aborted) return new StageError('timeout', 'request exceeded its overall deadline', { cause: error });
  const message =
    error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name} ${error.message}` : String(error);
  return new StageError('network', message, { cause: error });
}
