import ipaddr from 'ipaddr.js';
import type { IPv4, IPv6 } from 'ipaddr.js';

/**
 * Addresses outside the usual special-purpose ranges that still must never be fetched: cloud
 * metadata and host-agent endpoints (AWS/GCP/Azure/OpenStack 169.254.169.254 is link-local
 * anyway; Azure's wireserver, Alibaba, Oracle and AWS IPv6 ones are listed for clarity).
 */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '168.63.129.16', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254']);

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
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString())) return 'metadata';
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as IPv6;
    const range = v6.range();
    if (EMBEDS_IPV4.has(range)) return classifyParsed(embeddedIpv4(v6));
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

function embeddedIpv4(v6: IPv6): IPv4 {
  const parts = v6.parts;
  const high = parts[6] ?? 0;
  const low = parts[7] ?? 0;
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** FETCH_ALLOW_PRIVATE parsed once: exact host names, and IP ranges (a bare IP is a /32 or /128). */
export interface AllowList {
  hosts: ReadonlySet<string>;
  ranges: ReadonlyArray<[IPv4 | IPv6, number]>;
}

export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: Array<[IPv4 | IPv6, number]> = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const ip = ipaddr.parse(entry);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(entry.replace(/\.$/, ''));
  }
  return { hosts, ranges };
}

/**
 * May a connection go to this address for this host name? Public addresses always; others only
 * when the address is in an allowed range or the host name itself is allow-listed.
 */
export function isAddressAllowed(address: string, hostname: string, allow: AllowList): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  if (classifyParsed(parsed) === 'public') return true;
  if (allow.hosts.has(hostname.toLowerCase().replace(/\.$/, ''))) return true;
  const candidates = parsed.kind() === 'ipv6' && (parsed as IPv6).isIPv4MappedAddress() ? [parsed, (parsed as IPv6).toIPv4Address()] : [parsed];
  return candidates.some((ip) => allow.ranges.some(([base, bits]) => ip.kind() === base.kind() && ip.match(base, bits)));
}
