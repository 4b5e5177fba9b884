import { EnvSchema } from './env-schema.ts';
import type { Env } from './env-schema.ts';

export type Config = Readonly<Env>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Pure: parses an environment into a frozen config, or throws ConfigError naming every bad variable. */
export function resolveConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  if (parsed.data.REDIS_CLUSTER_NODES.length > 0 && parsed.data.REDIS_SENTINELS.length > 0) {
    throw new ConfigError(
      'invalid configuration:\n  REDIS_CLUSTER_NODES and REDIS_SENTINELS: set one of them, not both',
    );
  }
  // Render jobs for those hosts would wait forever: without RENDER_ENABLED no renderer runs.
  if (parsed.data.RENDER_HOSTS.length > 0 && !parsed.data.RENDER_ENABLED) {
    throw new ConfigError(
      'invalid configuration:\n  RENDER_HOSTS: needs RENDER_ENABLED=true (the renderer runs only then)',
    );
  }
  return Object.freeze(parsed.data);
}

let cached: Config | undefined;

/** The process's config, parsed once from process.env. */
export function loadConfig(): Config {
  cached ??= resolveConfig(process.env);
  return cached;
}
