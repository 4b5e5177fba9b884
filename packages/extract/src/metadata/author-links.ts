// Links to an author's page ("/author/jane-doe", "/autoren/gathmann-moritz"): content systems link
// the byline name to the author's archive, so such a link near the headline names the author even
// when no lead-in word ("By", "Von") is shown. Names linked side by side are co-authors.
import type { Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { isElement, wordsOf } from '../dom/walk.ts';

const AUTHOR_PATH = /\/(?:authors?|autor(?:en|in)?|auteurs?|autore|autori|autores)\/[^/?#]+/i;
/** Links in these boxes point at other people (commenters, other stories' authors). */
const OTHER_PEOPLE = /comment|reply|respond|related|sidebar|widget|footer|recent|popular/i;
const COMMENTS = /comment|reply|respond|discussion|kommentar/i;
/** An author box ("author-bio footer") is about this page's author wherever it sits. */
const AUTHOR_BOX = /author|autor|byline/i;
const MAX_DISTANCE = 400;

/** Texts of author-page links nearest the anchor, with the co-author links beside the nearest one. */
export function authorPageLinks(index: PageIndex, anchor: Element | undefined): string[] {
  const at = anchor ? index.nodes.indexOf(anchor) : 0;
  let best: Element | undefined;
  let bestDistance = MAX_DISTANCE;
  for (const a of index.byTag.get('a') ?? []) {
    const box = AUTHOR_PATH.test(a.attribs.href ?? '') ? boxOf(a) : 'other';
    if (box === 'other') continue;
    // An author box may close a long article: its distance to the headline does not count against it.
    const distance = box === 'author' ? MAX_DISTANCE - 1 : Math.abs(index.nodes.indexOf(a) - at);
    if (distance < bestDistance) [best, bestDistance] = [a, distance];
  }
  if (!best) return [];
  const siblings = best.parent && isElement(best.parent) ? best.parent.children : [best];
  const links = siblings.filter(
    (n): n is Element => isElement(n) && n.name === 'a' && AUTHOR_PATH.test(n.attribs.href ?? ''),
  );
  return [links.map((a) => wordsOf(a, 100).replace(ARCHIVE_LABEL, '')).join(', ')];
}

/** "Alle Artikel von Jane Doe", "View all posts by Jane Doe": the archive link's label before the name. */
const ARCHIVE_LABEL =
  /^(?:alle|alles|mehr|weitere|more|all|view|see|other|tous|todos|tutti)\b.{0,30}?\s(?:von|by|from|de|par|di|door)\s+/iu;

/** Whether a link sits in an author box, in a box about other people, or in neither. */
function boxOf(el: Element): 'author' | 'other' | 'plain' {
  let cur = el.parent;
  for (let depth = 0; cur && isElement(cur) && depth < 10; depth++, cur = cur.parent) {
    const names = `${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''}`;
    if (COMMENTS.test(names)) return 'other';
    if (AUTHOR_BOX.test(names)) return 'author';
    if (cur.name === 'footer' || cur.name === 'aside' || cur.name === 'nav' || OTHER_PEOPLE.test(names)) return 'other';
  }
  return 'plain';
}

/** Inside (or being) a comment thread: a "von X" there names a commenter. */
export function inComments(el: Element): boolean {
  let cur: Element['parent'] = el;
  for (let depth = 0; cur && isElement(cur) && depth < 12; depth++, cur = cur.parent)
    if (COMMENTS.test(`${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''}`)) return true;
  return false;
}
