export type { ClusterDecision, ClusterInput, ClusterStore } from './types.ts';
export { createClusterStore, deleteKeys } from './store/redis-store.ts';
export { createMemoryClusterStore } from './store/memory-store.ts';
export type { ClusterStoreOptions } from './store/options.ts';
export { DEFAULT_RETENTION_SECONDS } from './store/options.ts';
export { DEFAULT_TUNING } from './core/tuning.ts';
export type { ClusterTuning } from './core/tuning.ts';
export { fingerprint } from './core/fingerprint.ts';
export { verifyCopy } from './core/verify.ts';
