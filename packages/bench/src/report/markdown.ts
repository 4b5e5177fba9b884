import { cpuMsPerItem } from '../measure/phase.ts';
import type { ProcUsage } from '../measure/proc-stats.ts';
import { headline, headlineTable, kib } from './headline.ts';
import type { BenchReport } from './report-types.ts';

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function usageTable(usage: readonly ProcUsage[], items: number): string {
  return table(
    ['process', 'CPU s', 'CPU ms per page', 'peak RSS'],
    usage.map((u) => [
      u.name,
      u.cpuSeconds.toFixed(1),
      ((u.cpuSeconds * 1000) / Math.max(1, items)).toFixed(2),
      mib(u.peakRssBytes),
    ]),
  );
}

function settingsSection(report: BenchReport, command: string): string {
  const { options, machine, corpus } = report;
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' / ');
  return `# Pipeline benchmark

Printed by \`${command}\`, ${report.startedAt} → ${report.finishedAt}. Node ${machine.node}, ${machine.cpus} cores, load average (1/5/15 min) ${load(machine.loadBefore)} before and ${load(machine.loadAfter)} after: the machine is shared, so rates swing with other people's work; ratios measured in the same run are what to read.

- Corpus: ${corpus.urls} distinct URLs over ${corpus.hosts} host names (loopback 127.0.1.1…), ${corpus.realPages} real pages served as fetched (the 181 benchmark and 487 multilingual pages), ${corpus.syndicatedGroups} stories with syndicated copies (${corpus.copies} copies: same text under another host's chrome, paragraphs swapped, tail trimmed), the rest distinct texts.
- Politeness on: per-host delay **${options.hostDelayMs} ms**, 1 request per host at a time (FETCH_HOST_DELAY_MS / FETCH_HOST_CONCURRENCY; Crawlee gets the same delay), fetch concurrency ${options.concurrency} per process (Crawlee: min = max concurrency ${options.concurrency}).
- Rates are steady-state: URLs done between 10% and 90% of the run over that time.
${slicesLine(corpus.slices)}`;
}

function slicesLine(slices: BenchReport['corpus']['slices']): string {
  if (!slices) return '';
  return `- Each phase on its own slice of the corpus: ${slices.a} URLs for the stages alone, the 1-process pipeline, the queue floor and Crawlee (the same inputs), the next ${slices.b} for the 2-process pipeline, the rest (${slices.rest}) for the latency run (\`--slice\`; 0 = all URLs in every phase).`;
}

function aloneSection(report: BenchReport): string {
  const rows = report.alone.stages.map((s) => [
    s.stage,
    s.inputs,
    s.outputs,
    s.failed,
    s.pagesPerSecond.toFixed(1),
    cpuMsPerItem(
      s.usage,
      s.inputs,
      s.stage === 'fetch' ? 'fetcher' : s.stage === 'clean' ? 'cleaner' : s.stage === 'index' ? 'indexer' : 'dedupe',
    ).toFixed(2),
    cpuMsPerItem(s.usage, s.inputs, 'redis').toFixed(2),
    cpuMsPerItem(s.usage, s.inputs, 'elasticsearch').toFixed(2),
    s.redisCommands ? topCommands(s.redisCommands, 4) : '',
  ]);
  return `## Each stage alone, on the same inputs

All URLs queued, then the fetcher alone until every fetch is done, then the cleaner alone on what was fetched, then dedupe, then the indexer. Redis per page in flight (raw page + clean job, after the fetcher alone): ${kib(report.alone.redisBytesPerPageInFlight)}.

${table(['stage', 'inputs', 'outputs', 'failed', 'pages/s', 'stage CPU ms/page', 'Redis CPU ms/page', 'ES CPU ms/page', 'Redis commands/page (top)'], rows)}`;
}

function topCommands(commands: { total: number; top: Array<{ command: string; perItem: number }> }, n: number): string {
  const top = commands.top.slice(0, n).map((c) => `${c.command} ${c.perItem.toFixed(1)}`);
  return `${commands.total.toFixed(1)}: ${top.join(', ')}`;
}

function pipelineSection(report: BenchReport): string {
  const runs = report.pipelines.map((run) => {
    const a = run.accounting;
    const reasons =
      Object.entries(a.reasons)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || 'none';
    return `### ${run.processesPerStage} process(es) per stage: ${run.pagesPerSecond.toFixed(1)} pages/s (${run.seconds.toFixed(0)} s${run.timedOut ? ', STALLED' : ''})

Submitted ${a.submitted}: indexed ${a.indexed}, failed fetch ${a.failed.fetch} / clean ${a.failed.clean} / dedupe ${a.failed.dedupe} / index ${a.failed.index} (${reasons}); unaccounted **${a.unaccounted}**. Redis growth per indexed article (cluster store, retained job records): ${kib(run.redisBytesPerArticle)}.

${usageTable(run.usage, a.submitted)}`;
  });
  const commands = report.redisCommandsPerPage.top.map((c) => `${c.command} ${c.perItem.toFixed(1)}`).join(', ');
  return `## The pipeline, all four stages at once (every URL submitted up front)

${runs.join('\n\n')}

Redis commands per page (1 process per stage, INFO commandstats): ${report.redisCommandsPerPage.total.toFixed(1)} in all; ${commands}.`;
}

function latencySection(report: BenchReport): string {
  const { latency, accounting, usage } = report.latency;
  return `## Enqueue → searchable under open-loop load

${latency.ratePerSecond} URLs/s submitted at a fixed rate for ${report.options.latencySeconds} s (1 process per stage, not profiled), each URL's latency from its enqueue to the first search (not get) that finds it, polled every 100 ms; refresh_interval 1 s. Warm-up excluded. p50 ${latency.p50.toFixed(0)} ms, p95 ${latency.p95.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms over ${latency.measured} URLs; ${latency.failed} failed (with a reason), ${latency.lost} neither searchable nor failed by the deadline; unaccounted ${accounting.unaccounted}.

${usageTable(usage, latency.submitted)}`;
}

function floorsSection(report: BenchReport): string {
  const { queue, parse, bulk } = report.floors;
  const { crawlee, extractors } = report.peers;
  return `## Floors and peers

- Queue floor: ${queue.jobs} empty jobs through four BullMQ queues by four worker processes: ${queue.jobsPerSecond.toFixed(0)} pages/s, ${cpuMsPerItem(queue.usage, queue.jobs, 'queue-worker').toFixed(2)} ms worker CPU + ${cpuMsPerItem(queue.usage, queue.jobs, 'redis').toFixed(2)} ms Redis CPU per page.
- Parse floor: bare htmlparser2 \`parseDocument\` of ${parse.pages} corpus pages (${parse.kibPerPage.toFixed(0)} KiB average): ${parse.msPerPage.toFixed(2)} ms per page.
- Bulk floor: raw \`client.helpers.bulk\` of the ${bulk.documents} documents the 1-process run indexed, into a fresh index of the same template: ${bulk.docsPerSecond.toFixed(0)} docs/s (ES CPU ${cpuMsPerItem(bulk.usage, bulk.documents, 'elasticsearch').toFixed(2)} ms per doc).
- Crawlee CheerioCrawler (3.18.1) on the same ${crawlee.result.pages + crawlee.result.failed} URLs: ${crawlee.result.pagesPerSecond.toFixed(1)} pages/s, ${crawlee.result.failed} failed, ${crawlee.result.hostWaits} requests waited for their host; CPU ${cpuMsPerItem(crawlee.usage, crawlee.result.pages, 'crawlee').toFixed(2)} ms per page, peak RSS ${mib(crawlee.usage.find((u) => u.name === 'crawlee')?.peakRssBytes ?? 0)}.
- Extractors on the same ${extractors.result.pages} pages, one process: Newsflow's cleaner core ${extractors.result.newsflowMsPerPage.toFixed(2)} ms per page (${extractors.result.newsflowBodies} bodies), Readability.js 0.6 + jsdom 27 ${extractors.result.readabilityMsPerPage.toFixed(2)} ms per page (${extractors.result.readabilityBodies} bodies); peak RSS ${mib(extractors.usage.find((u) => u.name === 'extractors')?.peakRssBytes ?? 0)}.`;
}

function profileSection(report: BenchReport): string {
  const { profiles, profiled } = report;
  const perStage = profiles.map((p) => {
    const share = (ms: number): string => `${((100 * ms) / Math.max(1, p.busyMs)).toFixed(1)}%`;
    const per = (ms: number): string => ((p.cpuMsPerPage * ms) / Math.max(1, p.busyMs)).toFixed(2);
    const places = p.byPlace
      .slice(0, 6)
      .map((x) => `${x.place} ${share(x.ms)} (${per(x.ms)} ms)`)
      .join(', ');
    const fns = p.topFunctions
      .slice(0, 5)
      .map((x) => `\`${x.fn}\` ${share(x.ms)}`)
      .join(', ');
    return `- **${p.stage}** (${p.pages} pages, profile \`profiles/${p.file.split('/').at(-1)}\`): ${p.cpuMsPerPage.toFixed(2)} ms CPU per page. By place (share of samples, ms per page): ${places}. Hottest functions: ${fns}.`;
  });
  const run = profiled
    ? `${profiled.accounting.submitted} URLs submitted at once, 1 process per stage, ${profiled.pagesPerSecond.toFixed(1)} pages/s under the profiler`
    : 'the latency run';
  const split = profiled
    ? `\n\nEvery process of that run, CPU per page:\n\n${usageTable(profiled.usage, profiled.accounting.submitted)}`
    : '';
  return `## Where CPU goes per page (V8 CPU profiles of a pipeline run of their own: ${run}; self time while the load ran, start-up and shutdown left out; shares from the samples, milliseconds from /proc CPU, since V8's wall-clock sampling swells with waiting for a core)

${perStage.join('\n')}${split}`;
}

function growthSection(report: BenchReport): string {
  if (!report.growth) return '## Dedupe growth\n\nSkipped (--growth-sizes "").';
  if (report.growth.error) return `## Dedupe growth\n\n**Not measured**: ${report.growth.error}.`;
  const rows = report.growth.results.map((r) => [
    r.docs,
    r.wallMsPerDoc.toFixed(3),
    r.clientCpuUsPerDoc.toFixed(0),
    r.redisScriptUsPerDoc.toFixed(0),
    r.redisBytesPerDoc.toFixed(0),
  ]);
  return `## Dedupe growth (the cluster bench, \`npm run bench -- cluster\`, in this run)

${table(['articles', 'wall ms/article', 'client CPU µs', 'Redis script µs', 'Redis bytes/article'], rows)}

Largest vs smallest: CPU per article ×${report.growth.cpuRatio.toFixed(2)}, wall ×${report.growth.wallRatio.toFixed(2)} (target ≤ 1.5).`;
}

export function renderMarkdown(report: BenchReport, command: string): string {
  return (
    [
      settingsSection(report, command),
      `## Headline\n\n${headlineTable(headline(report))}`,
      pipelineSection(report),
      aloneSection(report),
      latencySection(report),
      floorsSection(report),
      profileSection(report),
      growthSection(report),
    ].join('\n\n') + '\n'
  );
}
