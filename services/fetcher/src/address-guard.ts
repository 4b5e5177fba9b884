import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { StageError } from '@newsflow/contracts';

const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./, /^2(2[4-9]|[3-5]\d)\./];
const PRIVATE_V6 = [/^::1?$/, /^f[cd]/i, /^fe[89ab]/i, /^ff/i, /^::ffff:/i];

export function isPrivateAddress(address: string): boolean {
  const patterns = isIP(address) === 6 ? PRIVATE_V6 : PRIVATE_V4;
  return patterns.some((pattern) => pattern.test(address));
}

/** Refuses hosts that resolve to private, loopback or link-local addresses unless allow-listed. */
export async function assertPublicHost(url: string, allowPrivate: readonly string[]): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate.includes(host)) return;
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  for (const { address } of addresses) {
    if (isPrivateAddress(address) && !allowPrivate.includes(address)) {
      throw new StageError('ssrf-blocked', `${host} resolves to non-public address ${address}`);
    }
  }
}
