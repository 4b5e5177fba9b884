import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; credentials are redacted wherever they appear in a logged object. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: ['*.authorization', '*.password', '*.token', 'API_TOKEN', 'API_BASIC_AUTH', 'headers.authorization'],
  });
}
