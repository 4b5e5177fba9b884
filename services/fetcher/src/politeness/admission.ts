import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StageError } from '@newsflow/contracts';
import type { HostPacer } from './host-pacer.ts';
import { judge } from './robots.ts';
import type { RobotsCache, RobotsRecord } from './robots.ts';

export interface AdmissionPolicy {
  robots: RobotsCache;
  pacer: HostPacer;
  agentToken: string;
  hostDelayMs: number;
  maxHostDelayMs: number;
  /** How long to wait for another process that is downloading the same robots.txt. */
  robotsWaitMs: number;
}

/** A held per-host slot; release it when the request is over, whatever happened. */
export interface Permit {
  host: string;
  token: string;
  delayMs: number;
}

export type Admission = { kind: 'granted'; permit: Permit } | { kind: 'wait'; waitMs: number };

/** robots.txt for an origin; throws robots-disallowed or robots-unavailable when it says no. */
export async function checkRobots(policy: AdmissionPolicy, url: URL): Promise<number | undefined> {
  const record = await robotsRecord(policy, url.origin);
  const verdict = judge(record, url.href, policy.agentToken);
  if (verdict.unavailable)
    throw new StageError(
      'robots-unavailable',
      `robots.txt of ${url.origin} unavailable (${verdict.unavailable}); treated as disallowed`,
    );
  if (!verdict.allowed)
    throw new StageError('robots-disallowed', `${url.href} is disallowed by ${url.origin}/robots.txt`);
  return verdict.crawlDelayMs;
}

/**
 * Robots first (cheap once cached), then a per-host slot. A host that is busy or was hit too
 * recently gives back how long to wait, so the caller can park the job instead of a worker.
 */
export async function admit(policy: AdmissionPolicy, url: URL, queueKey: string): Promise<Admission> {
  const crawlDelayMs = await checkRobots(policy, url);
  const delayMs = Math.min(Math.max(policy.hostDelayMs, crawlDelayMs ?? 0), policy.maxHostDelayMs);
  const token = randomUUID();
  const waitMs = await policy.pacer.acquire(url.host, token, delayMs, queueKey);
  if (waitMs > 0) return { kind: 'wait', waitMs };
  return { kind: 'granted', permit: { host: url.host, token, delayMs } };
}

async function robotsRecord(policy: AdmissionPolicy, origin: string): Promise<RobotsRecord> {
  const deadline = Date.now() + policy.robotsWaitMs;
  for (;;) {
    const record = await policy.robots.get(origin);
    if (record) return record;
    if (Date.now() > deadline)
      throw new StageError('robots-unavailable', `timed out waiting for robots.txt of ${origin}`);
    await sleep(100);
  }
}
