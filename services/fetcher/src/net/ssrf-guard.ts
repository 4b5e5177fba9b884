import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction, Socket } from 'node:net';
import { buildConnector } from 'undici';
import { InvalidUrlError, StageError, parseHttpUrl } from '@newsflow/contracts';
import { isAddressAllowed } from './ip-policy.ts';
import type { AllowList } from './ip-policy.ts';

/** Resolves a host name to every A/AAAA record; injectable so tests can map names to loopback. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/**
 * The one message every refused target gets, whatever the reason (address class, port, a
 * literal or a name): different texts for different refusals would tell an attacker which
 * internal addresses exist and which ports are open.
 */
export const REFUSED_TARGET = 'target is not an allowed address or port (see FETCH_ALLOW_PRIVATE)';

export class SsrfBlockedError extends Error {
  override name = 'SsrfBlockedError';
  readonly code = 'ERR_SSRF_BLOCKED';
  constructor() {
    super(REFUSED_TARGET);
  }
}

export function defaultPort(url: { port: string; protocol: string }): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

const bare = (host: string): string => host.replace(/^\[|\]$/g, '');

/** An IP-literal host (any spelling WHATWG URL accepts) that is not allowed on this port: refused before dialling. */
function isRefusedLiteral(hostname: string, port: number, allow: AllowList): boolean {
  const host = bare(hostname);
  return isIP(host) !== 0 && !isAddressAllowed(host, host, allow, port);
}

/**
 * Checks what can be checked before connecting: http(s) only, no credentials, and an IP-literal
 * host (in any spelling WHATWG URL accepts) must be allowed on its port. Throws StageError.
 */
export function checkTarget(input: string, allow: AllowList): URL {
  let url: URL;
  try {
    url = parseHttpUrl(input);
  } catch (error) {
    if (error instanceof InvalidUrlError) throw new StageError('invalid-url', error.message);
    throw error;
  }
  if (isRefusedLiteral(url.hostname, defaultPort(url), allow)) throw new StageError('ssrf-blocked', REFUSED_TARGET);
  return url;
}

/**
 * A `lookup` for net/tls.connect, bound to the port about to be dialled: it resolves every record
 * and refuses the host if any of them is not allowed on that port (a name mixing public and
 * private records is an attack or a misconfiguration). The socket connects to exactly the
 * addresses returned here, so DNS cannot rebind in between, and no SYN leaves for a refused one.
 */
export function guardedLookup(allow: AllowList, port: number, resolver: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname)
      .then((records) => {
        if (records.some((record) => !isAddressAllowed(record.address, hostname, allow, port)))
          throw new SsrfBlockedError();
        const usable = options.family ? records.filter((record) => record.family === options.family) : records;
        if (usable.length === 0)
          throw Object.assign(new Error(`no usable address for ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}

/** Ports seen at once are few (80, 443, a handful allow-listed); the cap only bounds a hostile mix. */
const MAX_CACHED_PORTS = 64;

/**
 * undici connector that checks the target before dialling: an IP literal against the allow-list
 * with its port, a name through a lookup bound to the port. The peer of the connected socket is
 * checked once more, for anything we did not foresee; that check should never fire.
 */
export function guardedConnector(allow: AllowList, timeoutMs: number, resolver?: Resolver): buildConnector.connector {
  const byPort = new Map<number, buildConnector.connector>();
  const connectorFor = (port: number): buildConnector.connector => {
    let connect = byPort.get(port);
    if (!connect) {
      if (byPort.size >= MAX_CACHED_PORTS) byPort.delete(byPort.keys().next().value!);
      connect = buildConnector({ timeout: timeoutMs, lookup: guardedLookup(allow, port, resolver) } as never);
      byPort.set(port, connect);
    }
    return connect;
  };
  return (options, callback) => {
    const port = defaultPort({ port: String(options.port ?? ''), protocol: options.protocol });
    if (isRefusedLiteral(options.hostname, port, allow)) return callback(new SsrfBlockedError(), null);
    connectorFor(port)(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const peer = socket as Socket;
      if (!isAddressAllowed(peer.remoteAddress ?? '', options.hostname, allow, peer.remotePort ?? 0)) {
        socket.destroy();
        return callback(new SsrfBlockedError(), null);
      }
      callback(null, socket);
    });
  };
}
