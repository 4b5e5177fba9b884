export { startIndexer } from './indexer.ts';
export type { Indexer, IndexerConfig } from './indexer.ts';
