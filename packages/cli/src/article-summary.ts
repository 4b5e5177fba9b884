/** The article fields the API's search and story answers carry, as far as the CLI prints them. */
export interface ArticleSummary {
  title?: string;
  url?: string;
  siteName?: string;
  domain?: string;
  publishedAt?: string;
  fetchedAt?: string;
}
