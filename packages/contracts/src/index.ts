export * from './queues.ts';
export * from './article.ts';
export * from './jobs.ts';
export * from './url.ts';
export * from './failures.ts';
export * from './highlight.ts';
export * from './es-article.ts';
export * from './upsert-payload.ts';
