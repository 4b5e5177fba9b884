import { DURATION_BUCKETS, LATENCY_BUCKETS } from './metrics-keys.ts';
import type { HistogramData, MetricsSnapshot } from './metrics-snapshot.ts';

/** Pure: the Redis-aggregated pipeline metrics in Prometheus text exposition format. */
export function renderPipelineMetrics(snapshot: MetricsSnapshot): string {
  const lines = [
    ...family(
      'newsflow_stage_processed_total',
      'counter',
      'Jobs a stage finished successfully, summed over all worker processes.',
    ),
    ...snapshot.processed.map(({ stage, value }) => sample('newsflow_stage_processed_total', { stage }, value)),
    ...family(
      'newsflow_stage_failed_total',
      'counter',
      'Failed job attempts by stage and reason code (the prefix of failedReason).',
    ),
    ...snapshot.failed.map(({ stage, reason, value }) =>
      sample('newsflow_stage_failed_total', { stage, reason }, value),
    ),
    ...family(
      'newsflow_stage_skipped_total',
      'counter',
      'Jobs a stage completed without handing anything on, by stage and skip reason.',
    ),
    ...(snapshot.skipped ?? []).map(({ stage, reason, value }) =>
      sample('newsflow_stage_skipped_total', { stage, reason }, value),
    ),
    ...family('newsflow_stage_duration_seconds', 'histogram', 'Time a stage spent on one job attempt.'),
    ...snapshot.durations.flatMap(({ stage, histogram }) =>
      histogramLines('newsflow_stage_duration_seconds', { stage }, DURATION_BUCKETS, histogram),
    ),
    ...family(
      'newsflow_end_to_end_latency_seconds',
      'histogram',
      'From URL submitted (submittedAt) to document indexed (searchable).',
    ),
    ...histogramLines('newsflow_end_to_end_latency_seconds', {}, LATENCY_BUCKETS, snapshot.latency),
    ...family('newsflow_es_bulk_requests_total', 'counter', 'Elasticsearch bulk requests sent by the indexer.'),
    sample('newsflow_es_bulk_requests_total', {}, snapshot.bulk.requests),
    ...family('newsflow_es_bulk_documents_total', 'counter', 'Documents sent in Elasticsearch bulk requests.'),
    sample('newsflow_es_bulk_documents_total', {}, snapshot.bulk.documents),
    ...family('newsflow_es_bulk_failed_items_total', 'counter', 'Bulk items Elasticsearch rejected.'),
    sample('newsflow_es_bulk_failed_items_total', {}, snapshot.bulk.failedItems),
    ...family(
      'newsflow_es_bulk_took_seconds_total',
      'counter',
      'Time Elasticsearch reported spending on bulk requests.',
    ),
    sample('newsflow_es_bulk_took_seconds_total', {}, snapshot.bulk.tookSeconds),
  ];
  return `${lines.join('\n')}\n`;
}

export function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
}

export function sample(name: string, labels: Record<string, string>, value: number): string {
  const pairs = Object.entries(labels).map(([key, label]) => `${key}="${escapeLabel(label)}"`);
  return `${name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${value}`;
}

function histogramLines(
  name: string,
  labels: Record<string, string>,
  bounds: readonly number[],
  data: HistogramData,
): string[] {
  let cumulative = 0;
  const buckets = [...bounds.map(String), '+Inf'].map((le, index) => {
    cumulative += data.counts[index] ?? 0;
    return sample(`${name}_bucket`, { ...labels, le }, cumulative);
  });
  return [...buckets, sample(`${name}_sum`, labels, data.sum), sample(`${name}_count`, labels, data.count)];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
