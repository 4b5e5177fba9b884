import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction, Socket } from 'node:net';
import { buildConnector } from 'undici';
import { InvalidUrlError, StageError, parseHttpUrl } from '@newsflow/contracts';
import { classifyAddress, isAddressAllowed } from './ip-policy.ts';
import type { AllowList } from './ip-policy.ts';

/** Resolves a host name to every A/AAAA record; injectable so tests can map names to loopback. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

export class SsrfBlockedError extends Error {
  override name = 'SsrfBlockedError';
  readonly code = 'ERR_SSRF_BLOCKED';
}

/**
 * Checks what can be checked before connecting: http(s) only, no credentials, and an IP-literal
 * host (in any spelling WHATWG URL accepts) must be allowed. Throws StageError.
 */
export function checkTarget(input: string, allow: AllowList): URL {
  let url: URL;
  try {
    url = parseHttpUrl(input);
  } catch (error) {
    if (error instanceof InvalidUrlError) throw new StageError('invalid-url', error.message);
    throw error;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isAddressAllowed(host, host, allow, Number(url.port || (url.protocol === 'https:' ? 443 : 80)))) {
    throw new StageError('ssrf-blocked', `${host} is a ${classifyAddress(host)} address`);
  }
  return url;
}

/**
 * A `lookup` for net/tls.connect that resolves every record and refuses the host if any of them
 * is not allowed (a name mixing public and private records is an attack or a misconfiguration).
 * The socket connects to exactly the addresses returned here, so DNS cannot rebind in between.
 */
export function guardedLookup(allow: AllowList, resolver: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname)
      .then((records) => {
        const refused = records.find((record) => !isAddressAllowed(record.address, hostname, allow));
        if (refused)
          throw new SsrfBlockedError(
            `${hostname} resolves to ${classifyAddress(refused.address)} address ${refused.address}`,
          );
        const usable = options.family ? records.filter((record) => record.family === options.family) : records;
        if (usable.length === 0)
          throw Object.assign(new Error(`no usable address for ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}

/**
 * undici connector that resolves through guardedLookup and then checks the peer of the socket
 * actually connected (covers IP-literal hosts, which skip lookup, and anything we did not foresee).
 */
export function guardedConnector(allow: AllowList, timeoutMs: number, resolver?: Resolver): buildConnector.connector {
  const connect = buildConnector({
    timeout: timeoutMs,
    lookup: guardedLookup(allow, resolver),
  } as buildConnector.BuildOptions);
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const peer = (socket as Socket).remoteAddress ?? '';
      if (!isAddressAllowed(peer, options.hostname, allow, (socket as Socket).remotePort)) {
        socket.destroy();
        return callback(
          new SsrfBlockedError(`connected peer ${peer} of ${options.hostname} is a ${classifyAddress(peer)} address`),
          null,
        );
      }
      callback(null, socket);
    });
  };
}
