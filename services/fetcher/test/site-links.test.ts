import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linksOfPage } from '../src/site/page-links.ts';
import { articleLinks, articleScore, sectionLinks } from '../src/site/score-links.ts';

const PAGE = 'https://www.paper.example/';
const page = new URL(PAGE);
const link = (path: string, text = 'Three words here') => ({ url: new URL(path, PAGE).href, text });

void test('announced feeds and links are read absolute, each once, against <base>', () => {
  const html = `<html><head><base href="https://www.paper.example/news/">
    <link rel="alternate" type="application/rss+xml" href="rss.xml"><link rel="alternate" type="application/atom+xml" href="/atom">
    <link rel="alternate" hreflang="de" href="/de/"><link rel="stylesheet" href="/s.css"></head>
    <body><a href="a-story#comments"> A   story </a><a href="a-story">again</a><a href="mailto:x@y">mail</a></body></html>`;
  const links = linksOfPage(html, PAGE);
  assert.deepEqual(links.feeds, ['https://www.paper.example/news/rss.xml', 'https://www.paper.example/atom']);
  assert.deepEqual(links.anchors, [{ url: 'https://www.paper.example/news/a-story', text: 'A story' }]);
});

void test('articles are told by dated paths, long slugs and ids; listings never count', () => {
  assert.ok(articleScore(link('/2024/05/06/vote'), page) >= 3, 'a date in the path');
  assert.ok(articleScore(link('/politics/council-approves-new-harbour-plan'), page) >= 3, 'a long slug in a section');
  assert.ok(
    articleScore(link('/story/98765432', 'Council approves new harbour plan'), page) >= 3,
    'a long id and a sentence',
  );
  for (const path of [
    '/tag/council-approves-new-plan',
    '/author/jane-doe-smith-jones',
    '/politics?page=2',
    '/politics/2',
    '/2024/05/06/photo-of-the-day.jpg',
  ])
    assert.equal(articleScore(link(path), page), 0, path);
  assert.equal(
    articleScore({ url: 'https://other.example/2024/05/06/some-long-slug-here', text: 'x' }, page),
    0,
    'another site',
  );
  assert.ok(
    articleScore(link('https://paper.example/2024/05/06/some-long-slug-here'), page) >= 3,
    'www. and the bare host are one site',
  );
  assert.ok(articleScore(link('/politics', 'Politics'), page) < 3);
});

void test('article links come best first; sections are short same-site paths with short anchors', () => {
  const links = [
    link('/politics', 'Politics'),
    link('/2024/05/06/harbour-plan-approved-by-council'),
    link('/news/long-slug-for-the-story'),
    link('/about', 'About'),
    link('/world', 'The whole wide world news'),
  ];
  assert.deepEqual(articleLinks(links, PAGE, 10), [
    new URL('/2024/05/06/harbour-plan-approved-by-council', PAGE).href,
    new URL('/news/long-slug-for-the-story', PAGE).href,
  ]);
  assert.deepEqual(articleLinks(links, PAGE, 1).length, 1);
  assert.deepEqual(sectionLinks(links, PAGE, 10), [new URL('/politics', PAGE).href]);
});
