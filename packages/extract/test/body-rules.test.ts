// Body-extraction rules on small synthetic pages: each page isolates one generic cause of lost
// article text (or kept furniture) seen on real pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';
import { newsPage, paragraphs } from './helpers.ts';

const URL = 'https://example.com/post';
const bodyOf = (body: string, head = ''): string => extractArticle({ html: newsPage({ body, head }), url: URL }).body;
const nav = `<ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/s${i}">Section number ${i}</a></li>`).join('')}</ul>`;

describe('chrome words in class names', () => {
  it('keeps a weakly named wrapper ("widget Blog") that holds short unlinked lines', () => {
    const about =
      '<p>This blog collects the lyrics of songs we love, with a transcription under every line of the text.</p>';
    const lines = Array.from({ length: 30 }, (_, i) => `Line ${i} of the song goes here<br>`).join('');
    const archive = `<ul>${Array.from({ length: 80 }, (_, i) => `<li><a href="/a${i}">Lyrics of another song, number ${i}</a></li>`).join('')}</ul>`;
    const body = bodyOf(
      `${archive}<div class="widget Blog"><h2>Song</h2><div class="post-body">${lines}</div></div>${about}`,
    );
    assert.match(body, /Line 17 of the song goes here/);
  });

  it('still drops a small weakly named box beside the article', () => {
    const text = paragraphs(5).map((p) => `<p>${p}</p>`);
    const body = bodyOf(`<article>${text.join('')}<div class="meta">Filed under Budget</div></article>`);
    assert.doesNotMatch(body, /Filed under/);
  });
});

describe('teasers', () => {
  it('keeps the only paragraph of a post under a linked permalink headline', () => {
    const p =
      'The village hall reopened on Saturday after two years of repairs, and the volunteers who raised the money for the new roof were the first to walk in, followed by the choir, the brass band and nearly everyone from the three streets around the green.';
    const body = bodyOf(
      `<div id="top">${nav}</div><div class="post"><h2><a href="/post">Hall reopens</a></h2><p>${p}</p></div>`,
    );
    assert.match(body, /village hall reopened/);
  });

  it('still scores short linked-headline cards on a listing as teasers', () => {
    const card = (i: number): string =>
      `<div class="card"><h3><a href="/s${i}">Story ${i}: what the new tram plan means for the city</a></h3><p>A short blurb about story ${i}, which is one of many on this page and says only a little.</p></div>`;
    const text = paragraphs(4).map((p) => `<p>${p}</p>`);
    const body = bodyOf(
      `<div class="main">${text.join('')}</div><div class="more">${[1, 2, 3, 4, 5, 6].map(card).join('')}</div>`,
    );
    assert.doesNotMatch(body, /short blurb about story/);
  });
});

describe('text in <header> and <form>', () => {
  const text = paragraphs(5).map((p) => `<p>${p}</p>`);
  const standfirst =
    'The council has approved a new tram line after a debate that lasted eleven hours, ending a dispute that divided the city for most of the past decade and cost two mayors their jobs.';

  it("keeps an article header's standfirst", () => {
    const body = bodyOf(
      `<article><header><h1>Tram approved</h1><p>${standfirst}</p></header>${text.join('')}</article>`,
    );
    assert.match(body, /eleven hours/);
  });

  it('keeps an article wrapped in a form, but not a sign-up form beside it', () => {
    const signup = `<form><p>${'Get the best of our reporting delivered to you every morning, with offers from partners we trust. '.repeat(2)}</p><input type="email"></form>`;
    const body = bodyOf(`<form id="page"><div>${text.join('')}</div></form>${signup}`);
    assert.match(body, /speaker number 5/);
    assert.doesNotMatch(body, /every morning/);
  });

  it('drops a site header with a tagline', () => {
    const header = `<header><a href="/">Home</a><p>The latest news and insights from our team on everything that matters to you.</p></header>`;
    assert.doesNotMatch(bodyOf(`${header}<article>${text.join('')}</article>`), /latest news and insights/);
  });
});

describe('container too narrow', () => {
  it("takes a recipe's ingredient table beside its steps", () => {
    const steps = paragraphs(4, 'Stir the flour into the butter slowly').map((p) => `<p>${p}</p>`);
    const rows = ['125 g flour', '65 g sugar', '65 g butter', '1 egg', '2 tins of mandarins'];
    const table = `<table>${rows.map((r) => `<tr><td>${r}</td></tr>`).join('')}</table>`;
    const body = bodyOf(
      `${nav}<div class="recipe"><div class="ingredients"><h2>Ingredients</h2>${table}</div><div class="steps"><h2>Method</h2>${steps.join('')}</div></div><div class="more">${nav}</div>`,
    );
    assert.match(body, /65 g butter/);
    assert.match(body, /speaker number 4/);
    assert.doesNotMatch(body, /Section number 3/);
  });
});

describe('furniture lines inside the article', () => {
  const text = paragraphs(4).map((p) => `<p>${p}</p>`);
  const lines = [
    '| UPDATED: 11:05, Tue, Nov 19, 2019',
    'Veröffentlicht am 24.04.2020, 10:15 Uhr',
    'Aktualisiert am 3. März 2021',
    'Publié le 12 janvier 2022 à 08h15',
    'Publicado el 3 de marzo de 2021',
    'Pubblicato il 5 maggio 2020 alle 10:30',
    'Gepubliceerd op 7 juni 2019',
    'Atualizado em 2 de fevereiro de 2022',
    'Opublikowano: 22 kwietnia 2021',
    'https://example.com/news/2021/03/some-story.html',
  ];

  for (const line of lines) {
    it(`drops "${line}"`, () => {
      const body = bodyOf(`<article>${text[0]}<p>${line}</p>${text.slice(1).join('')}</article>`);
      assert.ok(!body.includes(line), body);
      assert.match(body, /speaker number 4/);
    });
  }

  it('keeps a sentence that starts with a date', () => {
    const sentence = 'Am 3. März 2021 hat der Rat den Plan beschlossen.';
    assert.match(bodyOf(`<article>${text.join('')}<p>${sentence}</p>${text[0]}</article>`), /den Plan beschlossen/);
  });
});

describe('JSON-LD articleBody', () => {
  const full = paragraphs(8, 'The harbour authority voted to dredge the channel');
  const ld = (body: string): string =>
    `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Dredging', articleBody: body })}</script>`;

  it('replaces a visible teaser of it (paywall, read more)', () => {
    const teaser = full
      .slice(0, 2)
      .map((p) => `<p>${p}</p>`)
      .join('');
    const body = bodyOf(`<article>${teaser}<p>Subscribe to read the rest.</p></article>`, ld(full.join('\n')));
    assert.match(body, /speaker number 8/);
  });

  it('does not replace visible text that it does not contain', () => {
    const visible = paragraphs(3)
      .map((p) => `<p>${p}</p>`)
      .join('');
    const body = bodyOf(`<article>${visible}</article>`, ld(full.join('\n')));
    assert.doesNotMatch(body, /harbour authority/);
  });
});

describe('no empty body', () => {
  it('falls back to the text alone when every paragraph looks like a teaser', () => {
    const card = (i: number, words: string): string =>
      `<div class="item"><h2><a href="/p${i}">Post ${i}: a headline that links to the post itself</a></h2><p>${words}</p><a href="/t${i}">Tagged: local news, council</a></div>`;
    const post =
      'The bakery on the corner closed its doors after forty years, and the owners thanked every customer who had queued in the rain for their rye bread, their plum cake and their gossip.';
    const other =
      'A short note about another post on this blog, which is listed beside the first one, with a link to read it in full.';
    const body = bodyOf(`${card(1, post)}${card(2, other)}${card(3, other)}${card(4, other)}`);
    assert.match(body, /bakery on the corner/);
  });
});

describe('hidden parts', () => {
  const section = (i: number, hidden: boolean): string =>
    `<div class="part"${hidden ? ' style="display: none"' : ''}><h2>Part ${i}</h2><p>${paragraphs(2, `In part ${i} of the guide the ranger explains the trail`).join(' ')}</p></div>`;

  it('keeps the hidden sections of a paged article', () => {
    const body = bodyOf(`<article>${section(1, false)}${section(2, true)}${section(3, true)}</article>`);
    assert.match(body, /In part 3 of the guide/);
  });

  it('drops a hidden dialog and a hidden microdata copy', () => {
    const text = paragraphs(5).map((p) => `<p>${p}</p>`);
    const dialog = `<div role="dialog" hidden><p>${paragraphs(2, 'Please confirm that you want to leave this page now').join(' ')}</p></div>`;
    const copy = `<div style="display:none" itemscope itemtype="https://schema.org/NewsArticle"><p>${paragraphs(2, 'A machine copy of the story sits here').join(' ')}</p></div>`;
    const body = bodyOf(`<article>${text.join('')}</article>${dialog}${copy}`);
    assert.doesNotMatch(body, /confirm that you want to leave|machine copy/);
  });
});

describe('article in a markup template', () => {
  it('reads a post shipped inside <script type="text/template"> when the page shows none', () => {
    const post = paragraphs(4, 'The lighthouse keeper logged the storm')
      .map((p) => `<p>${p}</p>`)
      .join('');
    const body = bodyOf(
      `<div class="header">The latest news from our team</div><div class="post-body"><script type="text/template">${post}</script></div>${nav}`,
    );
    assert.match(body, /lighthouse keeper logged the storm, and speaker number 4/);
  });
});
