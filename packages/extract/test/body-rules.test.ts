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
