export { createFetcherDeps } from './create-fetcher.ts';
export type { FetcherConfig, FetcherDeps, FetcherOverrides } from './create-fetcher.ts';
export { createFetchStage } from './handle-fetch.ts';
export { classifyAddress, isPublicAddress } from './net/ip-policy.ts';
export { parseDiscovery } from './discovery/parse-discovery.ts';
export type { DiscoveredEntry, DiscoveryDocument } from './discovery/parse-discovery.ts';
// The SSRF guard, for other outbound HTTP (the API's webhook calls) under the same allow-list.
export { parseAllowList } from './net/ip-policy.ts';
export type { AllowList } from './net/ip-policy.ts';
export { guardedConnector } from './net/ssrf-guard.ts';
export { toStageError } from './net/errors.ts';
export { openDownload } from './open-download.ts';
export type { Download } from './open-download.ts';
export { isHtmlType } from './fetch-document.ts';
export { createPollSchedule } from './schedule/poll-schedule.ts';
export type { PollSchedule, PollSettings, PollSource } from './schedule/poll-schedule.ts';
export { pollScheduleOf } from './create-fetcher.ts';
export { startPollLoop } from './schedule/poll-loop.ts';
export type { PollLoop } from './schedule/poll-loop.ts';
