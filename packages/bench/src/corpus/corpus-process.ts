// The corpus site in a process of its own (forked with IPC), so its CPU is measured apart from
// the benchmark's and the pages it renders never compete with the measuring loop's timers.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startCorpusSite } from './corpus-site.ts';
import type { CorpusOptions } from './corpus-site.ts';

export interface CorpusProcess extends Ready {
  pid: number;
  stop(): Promise<void>;
}

interface Ready {
  urls: string[];
  hosts: string[];
  /** real pages served as fetched, story groups with syndicated copies, and copies in all */
  realPages: number;
  syndicatedGroups: number;
  copies: number;
}

export async function startCorpusProcess(options: CorpusOptions): Promise<CorpusProcess> {
  const child = fork(import.meta.filename, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => [undefined])])) as [
    Ready | undefined,
  ];
  if (!ready) throw new Error('corpus site process exited before it was ready');
  return { ...ready, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send('stop');
  await exited;
}

async function serve(options: CorpusOptions): Promise<void> {
  const site = await startCorpusSite(options);
  const { plan } = site;
  const realPages = plan.entries.filter((entry) => entry.kind === 'real').length;
  const stats = { realPages, syndicatedGroups: plan.syndicatedGroups, copies: plan.copies };
  process.send?.({ urls: site.urls, hosts: site.hosts, ...stats } satisfies Ready);
  process.on('message', () => void site.stop().then(() => process.exit(0)));
  process.on('disconnect', () => void site.stop().then(() => process.exit(0)));
}

if (process.argv[1] === import.meta.filename && process.send)
  await serve(JSON.parse(process.argv[2] ?? '{}') as CorpusOptions);
