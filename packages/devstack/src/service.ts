// Shapes shared by the providers (env, testcontainers, native).
export type Purpose = 'test' | 'main';
export type Provenance = 'env' | 'testcontainers' | 'native';
export type Log = (line: string) => void;

export interface ProviderOptions {
  purpose: Purpose;
  log: Log;
  /**
   * Native Elasticsearch only: add the language analyzers (`german`, `english`, …) the official
   * image has and the integration-test zip lacks (see elasticsearch-language-plugin.ts).
   */
  languageAnalyzers?: boolean;
}

export interface RunningService {
  url: string;
  provenance: Provenance;
  /** stops only what was started by this call; a no-op for reused or external services */
  stop(): Promise<void>;
}

export interface NativeService extends RunningService {
  /** process group id of the service (undefined when an earlier run's instance was reused) */
  pid: number | undefined;
  port: number;
}

export function isAddressInUse(error: unknown): boolean {
  return /address already in use|BindException|EADDRINUSE/i.test(String(error));
}
