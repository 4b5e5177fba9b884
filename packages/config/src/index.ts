export { EnvSchema } from './env-schema.ts';
export type { Env, HostPort } from './env-schema.ts';
export { resolveConfig, loadConfig, ConfigError } from './resolve.ts';
export type { Config } from './resolve.ts';
export { createLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export { renderEnvExample } from './env-example.ts';
export { parseRecrawlSchedule } from './recrawl-schedule.ts';
