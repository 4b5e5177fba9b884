import { docIdFor, domainOf, normalizeUrl } from '@newsflow/contracts';
import type { ArticleDocument } from '@newsflow/contracts';
import { loadSeedArticles } from '@newsflow/seeds';

/** A valid indexed document for tests; pass what the test cares about. */
export function articleDocument(url: string, overrides: Partial<ArticleDocument> = {}): ArticleDocument {
  const normalized = normalizeUrl(url);
  return {
    url: normalized,
    title: 'Untitled',
    authors: [],
    tags: [],
    body: '',
    wordCount: 0,
    provenance: {},
    flags: { paywall: false, jsShell: false, blocked: false, notArticle: false },
    docId: docIdFor(normalized),
    domain: domainOf(normalized),
    finalUrl: normalized,
    fetchedAt: '2021-12-05T08:00:00.000Z',
    submittedAt: '2021-12-05T07:59:00.000Z',
    clusterId: `c-${docIdFor(normalized).slice(0, 12)}`,
    ...overrides,
  };
}

/** The two seed articles (one story reported by two outlets) as documents sharing one clusterId. */
export function seedStoryDocuments(clusterId = 'seed-story-kremlin'): ArticleDocument[] {
  const hosts: Record<string, string> = {
    'Voice of America': 'https://www.voanews.com',
    'Cambodian Times': 'https://www.cambodiantimes.com',
  };
  return loadSeedArticles().map((seed) => {
    const body = seed.paragraphs.join('\n\n');
    return articleDocument(`${hosts[seed.siteName] ?? 'https://example.com'}/${seed.slug}`, {
      title: seed.title,
      siteName: seed.siteName,
      authors: [seed.author],
      publishedAt: seed.publishedAt,
      body,
      wordCount: body.split(/\s+/).length,
      clusterId,
    });
  });
}
