import { randomBytes } from 'node:crypto';
import type { ArticleDocument } from '@newsflow/contracts';

let counter = 0;

/** A valid ArticleDocument with a fresh docId (and its own cluster); override any field. */
export function makeArticleDocument(overrides: Partial<ArticleDocument> = {}): ArticleDocument {
  counter += 1;
  const docId = overrides.docId ?? `doc${String(counter).padStart(8, '0')}${randomBytes(3).toString('hex')}`;
  return {
    docId,
    url: `https://example.com/news/${docId}`,
    finalUrl: `https://example.com/news/${docId}`,
    domain: 'example.com',
    siteName: 'Example News',
    title: 'Council approves new harbour bridge',
    authors: ['Ann Writer'],
    tags: ['transport'],
    language: 'en',
    body: 'The city council approved the harbour bridge on Tuesday after a long debate about costs.',
    wordCount: 16,
    provenance: { title: 'json-ld' },
    flags: { paywall: false, jsShell: false, blocked: false, notArticle: false },
    publishedAt: '2026-11-20T10:00:00Z',
    fetchedAt: '2026-11-20T11:00:00Z',
    submittedAt: '2026-11-20T10:59:00Z',
    clusterId: `c-${docId}`,
    ...overrides,
  };
}
