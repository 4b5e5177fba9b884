import { Client } from '@elastic/elasticsearch';

export type { Client };

export interface EsClientOptions {
  requestTimeout?: number;
  maxRetries?: number;
  /**
   * Learn the cluster's other nodes from the ones given, at start and after a connection fault.
   * Only where the nodes' published addresses are reachable from this process (not through a
   * proxy or a port mapping), so it is off unless asked for.
   */
  sniff?: boolean;
}

/** ELASTICSEARCH_URL as the config takes it: one node URL, or several of one cluster comma-separated. */
export function esNodeUrls(urls: string): string[] {
  const nodes = urls
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (nodes.length === 0) throw new Error('ELASTICSEARCH_URL names no node');
  return nodes;
}

/**
 * A client over every node given: requests go round-robin, a node that fails is marked dead and the
 * request retried on the next (so up to maxRetries dead nodes cost one request nothing but time),
 * and a dead node is pinged back into the pool once it answers again.
 */
export function createEsClient(urls: string, options: EsClientOptions = {}): Client {
  const nodes = esNodeUrls(urls);
  return new Client({
    nodes,
    requestTimeout: options.requestTimeout ?? 30_000,
    maxRetries: options.maxRetries ?? Math.max(2, nodes.length),
    ...(options.sniff ? { sniffOnStart: true, sniffOnConnectionFault: true, sniffInterval: 60_000 } : {}),
  });
}
