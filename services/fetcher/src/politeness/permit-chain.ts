import { setTimeout as sleep } from 'node:timers/promises';
import { StageError } from '@newsflow/contracts';
import { admit, checkRobots } from './admission.ts';
import type { AdmissionPolicy, Permit } from './admission.ts';

/** A redirect target's host stays busy longer than a fetch should hold a worker: park the job. */
export class HostBusyError extends StageError {
  override name = 'HostBusyError';
  readonly waitMs: number;
  constructor(host: string, waitMs: number) {
    super('host-busy', `${host} (reached by a redirect) has no free slot for ${waitMs} ms`);
    this.waitMs = waitMs;
  }
}

export interface PermitChain {
  /** Before each redirect hop: robots.txt of the target, and a slot on its host unless one is held. */
  enter(url: URL): Promise<void>;
  /** The delay between requests to a host this fetch reached (robots.txt may lengthen it). */
  delayMsOf(host: string): number;
  /** Releases every slot held, starting each host's delay from now. */
  releaseAll(): Promise<void>;
}

/**
 * The host slots one fetch holds: the first from admission, then one per new host a redirect
 * leads to (example.com → www.example.com is paced like any request to www.example.com). A short
 * wait for the new host happens in place; a longer one parks the job (HostBusyError), and the
 * pacer keeps the job's place in that host's queue for when it comes back.
 */
export function createPermitChain(policy: AdmissionPolicy, first: Permit, queueKey: string): PermitChain {
  const held = new Map<string, Permit>([[first.host, first]]);
  const renewal = keepLeases(policy, held);
  // Waiting in place holds a worker slot, so at most about one host delay.
  const maxWaitMs = Math.max(policy.hostDelayMs * 2, 1_000);
  return {
    enter: async (url) => {
      if (held.has(url.host)) {
        await checkRobots(policy, url);
        return;
      }
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const admission = await admit(policy, url, queueKey);
        if (admission.kind === 'granted') {
          held.set(url.host, admission.permit);
          return;
        }
        if (Date.now() + admission.waitMs > deadline) throw new HostBusyError(url.host, admission.waitMs);
        await sleep(admission.waitMs);
      }
    },
    delayMsOf: (host) => held.get(host)?.delayMs ?? policy.hostDelayMs,
    releaseAll: async () => {
      clearInterval(renewal);
      // A release lost to a Redis outage or failover is not the fetch's failure: the lease lapses.
      await Promise.all(
        [...held.values()].map((permit) =>
          policy.pacer.release(permit.host, permit.token, permit.delayMs).catch(() => undefined),
        ),
      );
    },
  };
}

/** Renews every held slot three times per lease until releaseAll; a failed renewal is retried next tick. */
function keepLeases(policy: AdmissionPolicy, held: Map<string, Permit>): NodeJS.Timeout {
  const renew = () => {
    for (const permit of held.values()) void policy.pacer.renew(permit.host, permit.token).catch(() => undefined);
  };
  return setInterval(renew, Math.max(policy.pacer.leaseMs / 3, 50)).unref();
}
