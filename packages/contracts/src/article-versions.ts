/**
 * Versions of an article. When a re-crawl changes an indexed article materially, the indexer keeps
 * the version it replaces as one document of the history index (`<index prefix>-history`, _id
 * `<docId>-v<version>`), and the live document carries its own `version`, `updatedAt` and `changes`.
 */

/** What changed from one version to the next, counted on normalised paragraphs and words. */
export interface VersionChange {
  titleChanged: boolean;
  paragraphsAdded: number;
  paragraphsRemoved: number;
  paragraphsChanged: number;
  /** Words changed in all (a replaced word counts once): the figure the material threshold is on. */
  wordsChanged: number;
  /** One line for people: "title changed; 1 paragraph added, 2 changed". */
  summary: string;
}

/** One earlier version of an article, as the history index keeps it. */
export interface ArticleVersion {
  docId: string;
  version: number;
  url: string;
  title: string;
  subtitle?: string;
  body: string;
  wordCount: number;
  /** When this version was fetched, and when a newer one replaced it. */
  fetchedAt: string;
  replacedAt: string;
  /** What this version changed from the one before it (absent for the first). */
  changes?: VersionChange;
}

/** The history index's _id of one version: a replayed re-crawl rewrites the same document. */
export function articleVersionId(docId: string, version: number): string {
  return `${docId}-v${version}`;
}
