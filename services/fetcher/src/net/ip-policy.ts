import ipaddr from 'ipaddr.js';
import type { IPv4, IPv6 } from 'ipaddr.js';

/**
 * Addresses outside the usual special-purpose ranges that still must never be fetched: cloud
 * metadata and host-agent endpoints (AWS/GCP/Azure/OpenStack 169.254.169.254 is link-local
 * anyway; Azure's wireserver, Alibaba, Oracle and AWS IPv6 ones are listed for clarity).
 */
const METADATA_ADDRESSES = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '168.63.129.16',
  '100.100.100.200',
  '192.0.0.192',
  'fd00:ec2::254',
]);

/** IPv6 ranges that embed an IPv4 address: the embedded one decides. */
const EMBEDS_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

export type AddressClass = 'public' | string;

/**
 * Class of an IP address: 'public' for global unicast, otherwise the ipaddr.js range name
 * (loopback, private, linkLocal, carrierGradeNat, multicast, reserved, uniqueLocal, …) or
 * 'metadata' / 'invalid'. Accepts odd IPv4 spellings (2130706433, 0x7f.1, 0177.0.0.1).
 */
export function classifyAddress(address: string): AddressClass {
  const parsed = parseAddress(address);
  if (!parsed) return 'invalid';
  return classifyParsed(parsed);
}

function classifyParsed(parsed: IPv4 | IPv6): AddressClass {
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString()))
    return 'metadata';
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as IPv6;
    const range = v6.range();
    if (EMBEDS_IPV4.has(range)) return classifyParsed(embeddedIpv4(v6));
    if (range === 'unicast' && isIpv4Compatible(v6)) return 'ipv4Compatible';
    return range === 'unicast' ? 'public' : range;
  }
  const range = parsed.range();
  return range === 'unicast' ? 'public' : range;
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}

function parseAddress(address: string): IPv4 | IPv6 | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

/**
 * ::a.b.c.d (RFC 4291 §2.5.5.1, deprecated): ipaddr.js calls it unicast, but some stacks still
 * route it to the embedded IPv4 address, so [::127.0.0.1] must not count as public.
 */
function isIpv4Compatible(v6: IPv6): boolean {
  return v6.parts.slice(0, 6).every((part) => part === 0);
}

function embeddedIpv4(v6: IPv6): IPv4 {
  const parts = v6.parts;
  const high = parts[6] ?? 0;
  const low = parts[7] ?? 0;
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** An allow-list entry: a host name or an address range, optionally only on one port. */
export interface AllowEntry {
  host?: string;
  range?: [IPv4 | IPv6, number];
  port?: number;
}

export interface AllowList {
  entries: readonly AllowEntry[];
}

/**
 * Parses FETCH_ALLOW_PRIVATE entries: `127.0.0.1`, `10.0.0.0/8`, `demo.local`, and any of them with
 * a port (`127.0.0.1:8090`, `[::1]:8090`, `demo.local:8443`) to open that one port only.
 */
export function parseAllowList(raw: readonly string[]): AllowList {
  const entries: AllowEntry[] = [];
  for (const text of raw) {
    const { target, port } = splitPort(text.trim().toLowerCase());
    if (!target) continue;
    const withPort = port === undefined ? {} : { port };
    if (target.includes('/')) entries.push({ range: ipaddr.parseCIDR(target), ...withPort });
    else if (ipaddr.isValid(target)) {
      const ip = ipaddr.parse(target);
      entries.push({ range: [ip, ip.kind() === 'ipv4' ? 32 : 128], ...withPort });
    } else entries.push({ host: target.replace(/\.$/, ''), ...withPort });
  }
  return { entries };
}

/** `host:port` and `[v6]:port` carry a port; a bare IPv6 address (several colons) does not. */
function splitPort(entry: string): { target: string; port?: number } {
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^([^:]+):(\d+)$/.exec(entry);
  if (!match) return { target: entry };
  return match[2] === undefined ? { target: match[1] ?? '' } : { target: match[1] ?? '', port: Number(match[2]) };
}

/**
 * May a connection go to this address and port for this host name? Public addresses always;
 * others only when an allow-list entry names the host or covers the address, and the port if the
 * entry has one. Callers know the port before dialling (the lookup is bound to it).
 */
export function isAddressAllowed(address: string, hostname: string, allow: AllowList, port: number): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  if (classifyParsed(parsed) === 'public') return true;
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const candidates =
    parsed.kind() === 'ipv6' && (parsed as IPv6).isIPv4MappedAddress()
      ? [parsed, (parsed as IPv6).toIPv4Address()]
      : [parsed];
  return allow.entries.some((entry) => {
    if (entry.port !== undefined && entry.port !== port) return false;
    if (entry.host !== undefined) return entry.host === host;
    const [base, bits] = entry.range ?? [];
    return base !== undefined && candidates.some((ip) => ip.kind() === base.kind() && ip.match(base, bits ?? 0));
  });
}
