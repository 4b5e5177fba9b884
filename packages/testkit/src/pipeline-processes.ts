import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { waitFor } from './wait-for.ts';

const REPO_ROOT = join(import.meta.dirname, '../../..');
export const PIPELINE_SERVICES = ['fetcher', 'cleaner', 'dedupe', 'indexer', 'api'] as const;
/** Runs beside them when RENDER_ENABLED: the cleaner then sends JavaScript shells to its queue. */
export const RENDER_SERVICE = 'renderer';
export type PipelineService = (typeof PIPELINE_SERVICES)[number] | typeof RENDER_SERVICE;

/** The processes a pipeline with this environment needs: the renderer only when the cleaner routes to it. */
export function pipelineServicesFor(env: Record<string, string | undefined>): PipelineService[] {
  const render = ['true', '1', 'yes'].includes(env.RENDER_ENABLED ?? '');
  return render ? [...PIPELINE_SERVICES, RENDER_SERVICE] : [...PIPELINE_SERVICES];
}

export interface RunningPipeline {
  apiUrl: string;
  processes: Map<PipelineService, ChildProcess>;
  stop(): Promise<void>;
}

export interface PipelineOptions {
  env: Record<string, string>;
  services?: readonly PipelineService[];
  /** Where each process's output goes: 'inherit' for the demo, a prefixing sink for tests. */
  output?: 'inherit' | 'ignore' | ((service: PipelineService, line: string) => void);
}

/** Starts every stage as its own Node process, as in production, and waits for the API to answer. */
export async function spawnPipeline(options: PipelineOptions): Promise<RunningPipeline> {
  const apiPort = options.env.API_PORT ?? String(await freePort());
  const env = { ...process.env, ...options.env, API_PORT: apiPort };
  const processes = new Map<PipelineService, ChildProcess>();
  for (const service of options.services ?? pipelineServicesFor(env))
    processes.set(service, spawnService(service, env, options.output ?? 'ignore'));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const stop = (): Promise<void> => stopProcesses([...processes.values()]);
  if (processes.has('api')) {
    await waitFor(
      'the API to answer /healthz',
      async () => ((await fetch(`${apiUrl}/healthz`)).ok ? true : undefined),
      60_000,
    ).catch(async (error: unknown) => {
      await stop();
      throw error;
    });
  }
  return { apiUrl, processes, stop };
}

/** Starts one stage as a real process (`node services/<service>/src/main.ts`), configured by env only. */
export function spawnService(
  service: PipelineService,
  env: NodeJS.ProcessEnv,
  output: NonNullable<PipelineOptions['output']> = 'ignore',
  /** the checkout whose services run (another worktree for a before/after benchmark) */
  root = REPO_ROOT,
): ChildProcess {
  const main = join(root, 'services', service, 'src/main.ts');
  const stdio = typeof output === 'function' ? 'pipe' : output;
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', stdio, stdio] });
  if (typeof output === 'function') {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) =>
        chunk
          .split('\n')
          .filter(Boolean)
          .forEach((line) => output(service, line)),
      );
    }
  }
  return child;
}

/** SIGTERM lets workers finish in-flight jobs; SIGKILL after 10 s so a stuck process never hangs a test. */
export async function stopProcesses(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
