import { Client } from '@elastic/elasticsearch';

export type { Client };

export interface EsClientOptions {
  requestTimeout?: number;
  maxRetries?: number;
}

export function createEsClient(url: string, options: EsClientOptions = {}): Client {
  return new Client({
    node: url,
    requestTimeout: options.requestTimeout ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
  });
}
