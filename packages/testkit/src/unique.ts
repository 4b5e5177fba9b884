import { randomBytes } from 'node:crypto';

/** A prefix unique to one test, lower-case so it is also a valid Elasticsearch index name. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}
