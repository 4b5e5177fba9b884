export { createFetcherDeps, createPoliteness } from './create-fetcher.ts';
export type { FetcherConfig, FetcherDeps, FetcherOverrides, Politeness, PolitenessConfig } from './create-fetcher.ts';
// The polite GET (robots.txt, per-host pacing shared through Redis, SSRF guard), for the renderer's page itself.
export { politeGet } from './polite-get.ts';
export { ARTICLE_ACCEPT } from './fetch-document.ts';
export type { FetchedDocument } from './fetch-document.ts';
export { createFetchStage } from './handle-fetch.ts';
export { classifyAddress, isPublicAddress } from './net/ip-policy.ts';
export { parseDiscovery } from './discovery/parse-discovery.ts';
export type { DiscoveredEntry, DiscoveryDocument } from './discovery/parse-discovery.ts';
// The SSRF guard, for other outbound HTTP (the API's webhook calls) under the same allow-list.
export { parseAllowList } from './net/ip-policy.ts';
export type { AllowList } from './net/ip-policy.ts';
export { guardedConnector, guardedLookup, SsrfBlockedError, systemResolver } from './net/ssrf-guard.ts';
export type { Resolver } from './net/ssrf-guard.ts';
export { isAddressAllowed } from './net/ip-policy.ts';
export { toStageError } from './net/errors.ts';
export { openDownload } from './open-download.ts';
export type { Download } from './open-download.ts';
export { isHtmlType } from './fetch-document.ts';
export { createPollSchedule } from './schedule/poll-schedule.ts';
export type { PollSchedule, PollSettings, PollSource } from './schedule/poll-schedule.ts';
export { pollScheduleOf } from './create-fetcher.ts';
export { startPollLoop } from './schedule/poll-loop.ts';
export type { PollLoop } from './schedule/poll-loop.ts';
export { startRecrawlLoop, recrawlJobOf } from './recrawl/recrawl-loop.ts';
export type { RecrawlLoop, RecrawlLoopOptions } from './recrawl/recrawl-loop.ts';
