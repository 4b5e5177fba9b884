import { createHash } from 'node:crypto';
import type { ArticleDocument } from '@newsflow/contracts';

const WORDS = (
  'the council approved harbour bridge after long debate about costs traffic residents mayor said project would ' +
  'create jobs opposition argued budget climate river engineers expect construction begin spring finish within ' +
  'three years government funding regional transport ministry statement week police report election market shares ' +
  'investors economy inflation energy prices school teachers hospital patients research university scientists'
).split(' ');

/** Deterministic pseudo-random generator, so both runs index exactly the same documents. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Realistic article documents: ~`words` words of body in paragraphs, metadata like the pipeline's. */
export function benchDocuments(count: number, words: number, seed = 42): ArticleDocument[] {
  const random = generator(seed);
  const pick = (): string => WORDS[Math.floor(random() * WORDS.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const url = `https://news${i % 50}.example/${2026}/11/story-${i}`;
    const docId = createHash('sha256').update(url).digest('hex').slice(0, 32);
    const paragraphs = Array.from(
      { length: Math.ceil(words / 60) },
      () => Array.from({ length: 60 }, pick).join(' ') + '.',
    );
    return {
      docId,
      url,
      finalUrl: url,
      domain: `news${i % 50}.example`,
      siteName: `News ${i % 50}`,
      title: Array.from({ length: 8 }, pick).join(' '),
      authors: ['Staff Reporter'],
      tags: [pick(), pick()],
      language: 'en',
      body: paragraphs.join('\n\n'),
      wordCount: words,
      provenance: { title: 'json-ld', publishedAt: 'meta' },
      flags: { paywall: false, jsShell: false, blocked: false, notArticle: false },
      publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      fetchedAt: new Date(Date.UTC(2026, 10, 2) + i * 1_000).toISOString(),
      submittedAt: new Date(Date.UTC(2026, 10, 2) + i * 1_000).toISOString(),
      clusterId: `c-${docId}`,
    };
  });
}
