import { createHash } from 'node:crypto';

/**
 * Query parameters that only track the visitor (campaigns, click ids, mail tools, share widgets)
 * and never change the page. Dropped so one article has one identity whoever shared it.
 */
const TRACKING_PARAM =
  /^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|twclid|ttclid|li_fat_id|mc_cid|mc_eid|igshid|igsh|yclid|_ga|_gl|_hsenc|_hsmi|__hssc|__hstc|__hsfp|hsctatracking|mkt_tok|vero_id|vero_conv|oly_anon_id|oly_enc_id|rb_clickid|s_cid|wickedid|ref_src|ref_url|cmpid|ncid|ocid|xtor|at_medium|at_campaign|guccounter|guce_referrer|guce_referrer_sig|sr_share|spm|share_source)$/i;

export class InvalidUrlError extends Error {
  override name = 'InvalidUrlError';
}

/**
 * The one spelling of a URL that every stage uses as its identity. WHATWG URL already lower-cases
 * scheme and host, turns IDNs into punycode, drops default ports, resolves dot segments and reads
 * decimal/octal/hex IPv4 spellings; on top of that: no fragment, no trailing dot on the host, no
 * tracking parameters, remaining parameters sorted (stable, so order never splits an identity),
 * percent-escapes of unreserved characters decoded and the others upper-cased, and no trailing
 * slash on a non-root path (news CMSs serve both spellings of the same article).
 */
export function normalizeUrl(input: string): string {
  const url = parseHttpUrl(input);
  url.hash = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  const kept = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key));
  kept.sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
  url.search = new URLSearchParams(kept).toString();
  let path = normalizeEscapes(url.pathname);
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  url.pathname = path;
  return url.toString();
}

/** Identity of a document: its normalised URL and the id derived from it. */
export interface UrlIdentity {
  url: string;
  docId: string;
}

/**
 * Identity of any URL a stage meets (submitted, redirect target, or a canonical link found by the
 * cleaner): equal identities mean the same document. Throws InvalidUrlError for non-http(s) URLs.
 */
export function identityOf(input: string): UrlIdentity {
  const url = normalizeUrl(input);
  return { url, docId: docIdFor(url) };
}

/** identityOf, or undefined for input that is not an http(s) URL (entries of feeds, pages, archives). */
export function identityOrUndefined(input: string): UrlIdentity | undefined {
  try {
    return identityOf(input);
  } catch (error) {
    if (error instanceof InvalidUrlError) return undefined;
    throw error;
  }
}

/** What to request for a submitted URL: as given, less its fragment; undefined when that is the identity itself. */
export function requestUrlOf(input: string, identity: string): string | undefined {
  const url = parseHttpUrl(input);
  url.hash = '';
  const requested = url.toString();
  return requested === identity ? undefined : requested;
}

/** Parses an absolute http(s) URL without credentials, or throws InvalidUrlError saying why. */
export function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(`not a URL: ${JSON.stringify(input.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`unsupported scheme ${JSON.stringify(url.protocol.slice(0, -1))}: only http and https`);
  }
  if (url.username || url.password) throw new InvalidUrlError('URLs with credentials are refused');
  if (!url.hostname) throw new InvalidUrlError('URL has no host');
  if (!fitsDns(url.hostname))
    throw new InvalidUrlError('host name longer than DNS allows (253 characters, 63 a label)');
  return url;
}

/**
 * A name no resolver can look up is refused where it enters, not queued to fail later: without
 * this, one 8,000-character host of 4,000 labels was accepted (hostile catalogue, intake).
 */
function fitsDns(hostname: string): boolean {
  if (hostname.startsWith('[')) return true;
  const name = hostname.replace(/\.$/, '');
  return name.length <= 253 && name.split('.').every((label) => label.length <= 63);
}

/** Stable document id: the same normalised URL always maps to the same id (and Elasticsearch _id). */
export function docIdFor(normalizedUrl: string): string {
  return createHash('sha256').update(normalizedUrl).digest('hex').slice(0, 32);
}

/** Registrable-looking domain for filters: the host without a leading "www.". */
export function domainOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** RFC 3986 §6.2.2: %7e and %7E and ~ are the same character; other escapes in upper case. */
function normalizeEscapes(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
