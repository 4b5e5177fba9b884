// Title forms: site names known by the host, kickers inside the <h1>, the page's own typography.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';
import { jsonLd, newsPage, paragraphs } from './helpers.ts';

const prose = paragraphs(5)
  .map((p) => `<p>${p}</p>`)
  .join('');
const titleOf = (head: string, h1 = '') =>
  extractArticle({ html: newsPage({ head, body: `<article>${h1}${prose}</article>` }), url: 'https://n.example/a' })
    .title;

describe('titles', () => {
  it("drops a suffix that names the site's host, without an og:site_name", () => {
    const head =
      '<meta property="og:url" content="https://www.myoos.de/forum/1"><title>Was ist Freie Software - MyOOS Community Forum</title>';
    assert.equal(titleOf(head), 'Was ist Freie Software');
  });

  it('drops a dangling separator at the end', () => {
    assert.equal(
      titleOf('<meta property="og:title" content="Pferdesport definitiv bei Olympia 2028 dabei -">'),
      'Pferdesport definitiv bei Olympia 2028 dabei',
    );
  });

  it('takes the headline without the kicker set inside the <h1>', () => {
    const head = '<meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird">';
    const h1 =
      '<h1><span class="article-heading__kicker">Klimaschutz</span>: <span>Bohren, bis es heiß wird</span></h1>';
    assert.equal(titleOf(head, h1), 'Bohren, bis es heiß wird');
  });

  it('drops the site name from a JSON-LD headline', () => {
    const head = `<meta property="og:site_name" content="Mindmegette.hu">${jsonLd({ '@type': 'Article', headline: 'Így készíts kekszeket Halloweenra | Mindmegette.hu' })}`;
    assert.equal(titleOf(head), 'Így készíts kekszeket Halloweenra');
  });

  it("keeps the heading's own quotes when it has the same words as the metadata title", () => {
    const head =
      '<meta property="og:title" content="Warum ich lieber &quot;Bauchgeburt&quot; statt Kaiserschnitt sage">';
    assert.equal(
      titleOf(head, '<h1>Warum ich lieber „Bauchgeburt“ statt Kaiserschnitt sage</h1>'),
      'Warum ich lieber „Bauchgeburt“ statt Kaiserschnitt sage',
    );
  });
});
