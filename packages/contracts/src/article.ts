import { z } from 'zod';

/** Where a piece of metadata was read from, so users can judge how far to trust it. */
export const MetadataSourceSchema = z.enum([
  'json-ld',
  'microdata',
  'meta',
  'opengraph',
  'time-element',
  'url',
  'text',
  'title-element',
  'heading',
  'hint',
]);
export type MetadataSource = z.infer<typeof MetadataSourceSchema>;

export const ArticleFlagsSchema = z.object({
  /** Paywalled page or teaser only. */
  paywall: z.boolean(),
  /** The HTML is a JavaScript application shell: the text needs rendering. */
  jsShell: z.boolean(),
  /** A block or challenge page (captcha, access denied). */
  blocked: z.boolean(),
  /** A home, section, tag or search page rather than one article. */
  notArticle: z.boolean(),
});
export type ArticleFlags = z.infer<typeof ArticleFlagsSchema>;

export const ArticleSchema = z.object({
  url: z.string().url(),
  canonicalUrl: z.string().url().optional(),
  title: z.string(),
  subtitle: z.string().optional(),
  authors: z.array(z.string()),
  publishedAt: z.string().datetime({ offset: true }).optional(),
  modifiedAt: z.string().datetime({ offset: true }).optional(),
  language: z.string().optional(),
  siteName: z.string().optional(),
  section: z.string().optional(),
  tags: z.array(z.string()),
  leadImage: z.string().optional(),
  /** Plain text, paragraphs separated by one blank line. */
  body: z.string(),
  wordCount: z.number().int().nonnegative(),
  provenance: z.object({
    title: MetadataSourceSchema.optional(),
    authors: MetadataSourceSchema.optional(),
    publishedAt: MetadataSourceSchema.optional(),
    modifiedAt: MetadataSourceSchema.optional(),
    /** 'text' when detected from the words, because the markup said nothing or the wrong thing. */
    language: MetadataSourceSchema.optional(),
  }),
  flags: ArticleFlagsSchema,
});
export type Article = z.infer<typeof ArticleSchema>;
