// The site's own name around a headline: "Headline | Site", "Site | Headline", "Headline - Section -
// Site". The site is known by og:site_name and by the labels of its host (canonical or og:url), so
// "Was ist Freie Software - MyOOS Community Forum" loses its suffix without a site_name tag.
import { matchKey } from '../text/normalize.ts';
import { firstMeta, type HeadTags } from './head-tags.ts';

export interface SiteNames {
  /** og:site_name as a match key. */
  site: string;
  /** Host labels of four letters or more, compacted ("myoos", "exlibris", "munich2022"). */
  hosts: string[];
}

export function siteNames(tags: HeadTags): SiteNames {
  const url = firstMeta(tags, 'og:url') ?? tags.canonical ?? '';
  const host =
    /^https?:\/\/([^/:?#]+)/i
      .exec(url)?.[1]
      ?.toLowerCase()
      .replace(/^www\./, '') ?? '';
  const labels = host.split('.').slice(0, -1);
  const hosts = [...labels, ...labels.flatMap((l) => l.split('-'))].map(compact).filter((l) => l.length >= 4);
  return { site: matchKey(firstMeta(tags, 'og:site_name') ?? ''), hosts: [...new Set(hosts)] };
}

/** Drops the site name (and short trailing section parts) at the ends, never a part of the headline. */
export function stripSiteName(title: string, names: SiteNames): string {
  const parts = title.split(/(\s+[|–—-]\s+|\s+[»·•│]\s+)/);
  while (parts.length >= 3 && isTrailingSite(parts[parts.length - 1]!, title, names)) parts.splice(-2, 2);
  if (parts.length >= 3 && isLeadingLabel(parts[0]!, parts[1]!, title, names)) parts.splice(0, 2);
  // A separator left dangling at the end ("Headline -") is not part of the headline.
  return (
    parts
      .join('')
      .replace(/\s+[|–—-]\s*$/u, '')
      .trim() || title
  );
}

/** Only the parts that name the site: for headlines (JSON-LD) that carry no section labels. */
export function stripNamedSite(title: string, names: SiteNames): string {
  const parts = title.split(/(\s+[|–—]\s+|\s+[»·•│]\s+)/);
  while (parts.length >= 3 && namesSite(parts[parts.length - 1]!, title, names)) parts.splice(-2, 2);
  return parts.join('').trim() || title;
}

/** "Site | Headline" or a short section label before a bar: "Opinion | Headline". */
function isLeadingLabel(part: string, separator: string, whole: string, names: SiteNames): boolean {
  if (namesSite(part, whole, names)) return true;
  return separator.trim() === '|' && part.trim().split(/\s+/).length <= 3 && part.length <= whole.length * 0.25;
}

function isTrailingSite(part: string, whole: string, names: SiteNames): boolean {
  if (namesSite(part, whole, names)) return true;
  return part.trim().split(/\s+/).length <= 4 && part.length <= whole.length * 0.35;
}

/** The part is the site: its og:site_name, or a short part that contains the host's name. */
function namesSite(part: string, whole: string, names: SiteNames): boolean {
  if (names.site && matchKey(part) === names.site) return true;
  const key = compact(part);
  return part.length <= whole.length * 0.5 && names.hosts.some((h) => key.includes(h));
}

function compact(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^\p{L}\p{N}]/gu, '');
}
