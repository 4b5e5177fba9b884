export { createFetcherDeps } from './create-fetcher.ts';
export type { FetcherConfig, FetcherDeps, FetcherOverrides } from './create-fetcher.ts';
export { createFetchStage } from './handle-fetch.ts';
export { classifyAddress, isPublicAddress } from './net/ip-policy.ts';
export { parseDiscovery } from './discovery/parse-discovery.ts';
export type { DiscoveredEntry, DiscoveryDocument } from './discovery/parse-discovery.ts';
export { openDownload } from './open-download.ts';
export type { Download } from './open-download.ts';
export { isHtmlType } from './fetch-document.ts';
