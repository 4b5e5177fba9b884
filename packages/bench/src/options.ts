import { parseArgs } from 'node:util';

export interface PipelineBenchOptions {
  urls: number;
  hosts: number;
  /**
   * URLs per measured phase, each a disjoint slice of the corpus: A for the stages alone, the
   * 1-process pipeline and Crawlee (the same inputs, so their ratios compare like with like), B for
   * the 2-process pipeline, the rest for the open-loop latency run. 0 = every phase on all URLs.
   */
  slice: number;
  hostDelayMs: number;
  concurrency: number;
  /** URLs of the profiled pipeline run (taken from the rest, before the latency run's); 0 = all of the rest */
  profileUrls: number;
  latencySeconds: number;
  /** open-loop rate for the latency run; 0 = half of the best pipeline rate measured */
  latencyRate: number;
  /** pages for the parse floor and the extractor comparison (an even spread over the corpus) */
  sample: number;
  growthSizes: number[];
  /** run the soak (this many minutes) instead of the benchmark */
  soakMinutes: number;
  soakRate: number;
  out: string;
  quick: boolean;
}

export const USAGE = `npm run bench -- pipeline [options]
  --urls N             distinct URLs (default 20000; --quick 300)
  --hosts N            host names, loopback 127.0.1.1… (default 200; --quick 20)
  --slice N            URLs per measured phase, disjoint slices of the corpus: A = stages alone,
                       1-process pipeline and Crawlee; B = 2-process pipeline; the rest = latency run
                       (default 3000, so the default run fits 20 minutes on 2 cores; 0 = all URLs
                       in every phase; --quick 0)
  --host-delay-ms N    per-host delay, FETCH_HOST_DELAY_MS and Crawlee's (default 250)
  --concurrency N      FETCH_CONCURRENCY and Crawlee's maxConcurrency (default 8)
  --profile-urls N     URLs of the profiled pipeline run, 1 process per stage, all submitted at
                       once, from the rest (default 1000; --quick 0 = all of the rest)
  --latency-seconds N  open-loop latency run length (default 60; --quick 8)
  --latency-rate N     its rate in URLs/s (default: half the best pipeline rate)
  --sample N           pages for the parse floor and Readability (default 1000; --quick 40)
  --growth-sizes LIST  dedupe growth sizes (default 1000,10000,100000; --quick 1000; "" skips)
  --soak MINUTES       run the soak instead (30 in the issue), at --soak-rate URLs/s (default 20)
  --out DIR            report directory (default artifacts/pipeline-<time>)
  --quick              the smoke size: seconds, not minutes`;

export function parseOptions(argv: string[], now = new Date()): PipelineBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      urls: { type: 'string' },
      hosts: { type: 'string' },
      slice: { type: 'string' },
      'host-delay-ms': { type: 'string', default: '250' },
      concurrency: { type: 'string', default: '8' },
      'profile-urls': { type: 'string' },
      'latency-seconds': { type: 'string' },
      'latency-rate': { type: 'string', default: '0' },
      sample: { type: 'string' },
      'growth-sizes': { type: 'string' },
      soak: { type: 'string', default: '0' },
      'soak-rate': { type: 'string', default: '20' },
      out: { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const number = (value: string | undefined, normal: number, small: number): number => {
    const parsed = Number(value ?? (quick ? small : normal));
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`not a number: ${value}`);
    return parsed;
  };
  const sizes = values['growth-sizes'] ?? (quick ? '1000' : '1000,10000,100000');
  return {
    urls: number(values.urls, 20_000, 300),
    hosts: number(values.hosts, 200, 20),
    slice: number(values.slice, 3000, 0),
    hostDelayMs: number(values['host-delay-ms'], 250, 250),
    concurrency: number(values.concurrency, 8, 8),
    profileUrls: number(values['profile-urls'], 1000, 0),
    latencySeconds: number(values['latency-seconds'], 60, 8),
    latencyRate: number(values['latency-rate'], 0, 0),
    sample: number(values.sample, 1000, 40),
    growthSizes: sizes === '' ? [] : sizes.split(',').map(Number),
    soakMinutes: number(values.soak, 0, 0),
    soakRate: number(values['soak-rate'], 20, 20),
    out: values.out ?? `artifacts/pipeline-${now.toISOString().replace(/[:.]/g, '-')}`,
    quick,
  };
}
